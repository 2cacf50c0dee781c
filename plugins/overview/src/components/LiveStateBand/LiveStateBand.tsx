import { getCompoundEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  type EntityOverview,
  type WorkloadProblemCode,
} from '@internal/plugin-infra-common';
import { FreshnessChip, infraApiRef, useRetryWhileLoading } from '@internal/plugin-infra';
import { useFormatters } from '@internal/plugin-portal-react';
import { prrApiRef } from '@internal/plugin-prr';
import { sloApiRef } from '@internal/plugin-slo';
import { supportApiRef } from '@internal/plugin-support';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { overviewTranslationRef } from '../../translation';
import { Band, scoreTone, Tile, type TileTone } from './Tile';

const CRITICAL: WorkloadProblemCode[] = ['CrashLoopBackOff', 'ImagePullBackOff', 'RolloutStuck'];

type Async<T> = { loading: boolean; error?: Error; value?: T };

/** What a tile shows while its source loads or when it failed (the other tiles go on). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pending<T>(state: Async<T>, t: (key: any, options?: any) => string) {
  // A retry while the upstream data is still loading keeps what the last answer showed.
  if (state.loading && state.value === undefined) return { value: t('band.loading') };
  if (state.error) return { value: '—', detail: t('band.failed', { error: state.error.message }) };
  return undefined;
}

/** The Kubernetes tile's verdict from the workloads alone (incidents and monitors have tiles of their own). */
export function kubernetesTone(o: EntityOverview): { tone: TileTone; key: 'ok' | 'warning' | 'critical' | 'unknown' } {
  const clusters = o.kubernetes.data?.clusters ?? [];
  const workloads = clusters.flatMap(c => c.workloads);
  if (!workloads.length) return { tone: 'neutral', key: 'unknown' };
  const ready = workloads.reduce((n, w) => n + w.readyReplicas, 0);
  const desired = workloads.reduce((n, w) => n + w.desiredReplicas, 0);
  const problems = workloads.flatMap(w => w.problems.map(p => p.code));
  if (problems.some(p => CRITICAL.includes(p)) || (desired > 0 && ready < desired / 2))
    return { tone: 'critical', key: 'critical' };
  if (problems.length || ready < desired) return { tone: 'warning', key: 'warning' };
  return { tone: 'ok', key: 'ok' };
}

const has = (e: Entity, annotation: string) => !!e.metadata.annotations?.[annotation];

/**
 * The first thing on a Component's overview: on-call now, open incidents, SLO budget and policy,
 * PRR score and review, Kubernetes health and open support requests, each with the freshness
 * of its source and a link to the tab that shows it in full. Each tile loads on its own.
 */
export function LiveStateBand() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(overviewTranslationRef);
  const format = useFormatters();
  const infraApi = useApi(infraApiRef);
  const sloApi = useApi(sloApiRef);
  const prrApi = useApi(prrApiRef);
  const supportApi = useApi(supportApiRef);
  const { pathname } = useLocation();
  const base = pathname.replace(/\/+$/, '');
  const ref = getCompoundEntityRef(entity);
  const refString = stringifyEntityRef(entity);
  const hasPagerDuty = has(entity, ANNOTATION_PAGERDUTY_SERVICE_ID);
  const hasKubernetes = has(entity, ANNOTATION_KUBERNETES_ID) || has(entity, ANNOTATION_KUBERNETES_LABEL_SELECTOR);
  const hasSlo = !!(entity.spec as { slo?: unknown } | undefined)?.slo;

  const overview = useAsyncRetry(() => infraApi.getEntityOverview(ref), [refString]);
  const slo = useAsyncRetry(async () => (hasSlo ? sloApi.getEntitySlo(ref) : undefined), [refString, hasSlo]);
  // A cold start answers `loading` (no snapshot or counts yet): ask again until they are in.
  useRetryWhileLoading(overview.value, overview.retry);
  useRetryWhileLoading(slo.value, slo.retry);
  const prr = useAsync(() => prrApi.getEntity(ref), [refString]);
  const support = useAsync(async () => {
    const [open, breached] = await Promise.all([
      supportApi.list({ entity: refString, open: true, limit: 1 }),
      supportApi.list({ entity: refString, open: true, sla: 'breached', limit: 1 }),
    ]);
    return { open: open.total, breached: breached.total };
  }, [refString]);

  const open = t('band.openTab');
  const name = entity.metadata.title ?? entity.metadata.name;
  const o = overview.value;

  // On call
  let oncall;
  if (!hasPagerDuty) oncall = { value: t('band.notSetUp') };
  else
    oncall =
      pending(overview, t) ??
      (() => {
        const entries = [...(o!.oncall.data ?? [])].sort((a, b) => a.level - b.level);
        const first = entries.filter(e => e.level === entries[0]?.level);
        const names = [...new Set(first.map(e => e.user.name))];
        if (!o!.oncall.data) return { value: '—' };
        if (!names.length) return { value: t('oncall.nobody'), tone: 'warning' as TileTone };
        const others = [...new Set(entries.filter(e => e.level !== entries[0].level).map(e => e.user.name))];
        return {
          value: names.join(', '),
          detail: [
            ...entries.slice(0, 3).map(e => t('oncall.level', { level: String(e.level), name: e.user.name })),
            ...(others.length > 2 ? [t('oncall.more', { count: others.length - 2 })] : []),
          ].join(' · '),
          tone: 'ok' as TileTone,
        };
      })();

  // Open incidents
  let incidents;
  if (!hasPagerDuty) incidents = { value: t('band.notSetUp') };
  else
    incidents =
      pending(overview, t) ??
      (() => {
        const list = o!.incidents.data?.open;
        if (!list) return { value: '—' };
        if (!list.length) return { value: t('incidents.none'), tone: 'ok' as TileTone };
        const high = list.filter(i => i.urgency === 'high').length;
        const newest = [...list].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0];
        return {
          value: t('incidents.count', { count: list.length }),
          detail: [
            ...(high ? [t('incidents.high', { count: high })] : []),
            t('incidents.newest', { number: String(newest.number), title: newest.title }),
          ].join(' · '),
          tone: (high ? 'critical' : 'warning') as TileTone,
        };
      })();

  // SLO
  let sloTile;
  if (!hasSlo) sloTile = { value: t('band.notSetUp') };
  else
    sloTile =
      pending(slo, t) ??
      (() => {
        const s = slo.value!;
        const policy = t(`slo.policy.${s.policy}`);
        if (s.policy === 'no-data')
          return {
            value: policy,
            detail: s.noData ? t(`slo.noData.${s.noData.code}`) : undefined,
            tone: 'neutral' as TileTone,
            noData: s.noData?.code ?? 'no-data',
          };
        const tones: Record<string, TileTone> = { healthy: 'ok', 'at-risk': 'warning', exhausted: 'critical' };
        return {
          value: `${policy} · ${t('slo.left', { pct: format.percent(s.budget.remainingRatio) })}`,
          detail: t('slo.objective', { objective: String(s.objective) }),
          tone: tones[s.policy] ?? 'neutral',
        };
      })();

  // PRR
  const prrTile =
    pending(prr, t) ??
    (() => {
      const p = prr.value!;
      const review = t(`prr.review.${p.review?.status ?? 'none'}`);
      if (!p.evaluatedAt) return { value: t('prr.notEvaluated'), detail: review };
      const tone = scoreTone(p.score);
      return {
        value: t('prr.score', { score: String(Math.round(p.score)) }),
        detail: `${review} · ${t('prr.evaluated', { when: format.relative(p.evaluatedAt) })}`,
        tone: p.review?.status === 'approved' && tone === 'ok' ? 'ok' : tone,
      };
    })();

  // Kubernetes
  let k8s;
  if (!hasKubernetes) k8s = { value: t('band.notSetUp') };
  else
    k8s =
      pending(overview, t) ??
      (() => {
        const workloads = o!.kubernetes.data?.clusters.flatMap(c => c.workloads) ?? [];
        const verdict = kubernetesTone(o!);
        if (!workloads.length)
          return { value: o!.kubernetes.data ? t('kubernetes.noWorkloads') : '—', tone: 'neutral' as TileTone };
        const ready = workloads.reduce((n, w) => n + w.readyReplicas, 0);
        const desired = workloads.reduce((n, w) => n + w.desiredReplicas, 0);
        const problems = workloads.reduce((n, w) => n + w.problems.length, 0);
        return {
          value: t(`kubernetes.health.${verdict.key}`),
          detail: [
            t('kubernetes.ready', { ready: String(ready), desired: String(desired) }),
            ...(problems ? [t('kubernetes.problems', { count: problems })] : []),
          ].join(' · '),
          tone: verdict.tone,
        };
      })();

  // Support
  const supportTile =
    pending(support, t) ??
    (() => {
      const s = support.value!;
      if (!s.open) return { value: t('support.none'), tone: 'ok' as TileTone };
      return {
        value: t('support.count', { count: s.open }),
        ...(s.breached ? { detail: t('support.breached', { count: s.breached }) } : {}),
        tone: (s.breached ? 'critical' : 'warning') as TileTone,
      };
    })();

  const chip = (f: { state: string } | undefined, source: string) =>
    f ? <FreshnessChip freshness={f as never} source={source} /> : undefined;
  const policyUrl = o?.oncall.data?.[0]?.escalationPolicy.url;

  return (
    <Band label={t('band.entityLabel', { name })}>
      <Tile
        id="oncall"
        title={t('oncall.title')}
        {...oncall}
        freshness={hasPagerDuty ? chip(o?.oncall.freshness, 'PagerDuty') : undefined}
        link={policyUrl ? { to: policyUrl, label: 'PagerDuty' } : undefined}
      />
      <Tile
        id="incidents"
        title={t('incidents.title')}
        {...incidents}
        freshness={hasPagerDuty ? chip(o?.incidents.freshness, 'PagerDuty') : undefined}
        link={{ to: `${base}/postmortems`, label: open }}
      />
      <Tile
        id="slo"
        title={t('slo.title')}
        value={<span data-no-data={(sloTile as { noData?: string }).noData}>{sloTile.value}</span>}
        detail={sloTile.detail}
        tone={(sloTile as { tone?: TileTone }).tone}
        freshness={hasSlo ? chip(slo.value?.freshness, 'Datadog') : undefined}
        link={hasSlo ? { to: `${base}/slo`, label: open } : undefined}
      />
      <Tile id="prr" title={t('prr.title')} {...prrTile} link={{ to: `${base}/prr`, label: open }} />
      <Tile
        id="kubernetes"
        title={t('kubernetes.title')}
        {...k8s}
        freshness={hasKubernetes ? chip(o?.kubernetes.freshness, 'Kubernetes') : undefined}
        link={hasKubernetes ? { to: `${base}/kubernetes`, label: open } : undefined}
      />
      <Tile id="support" title={t('support.title')} {...supportTile} link={{ to: '/support', label: open }} />
    </Band>
  );
}
