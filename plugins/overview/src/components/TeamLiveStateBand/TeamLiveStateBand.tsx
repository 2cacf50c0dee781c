import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { FreshnessChip, infraApiRef, useRetryWhileLoading } from '@internal/plugin-infra';
import { prrApiRef } from '@internal/plugin-prr';
import { sloApiRef } from '@internal/plugin-slo';
import { supportApiRef } from '@internal/plugin-support';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { overviewTranslationRef } from '../../translation';
import { pending } from '../LiveStateBand/LiveStateBand';
import { Band, scoreTone, Tile, type TileTone } from '../LiveStateBand/Tile';

/**
 * The live state of a team's services in one band (Group pages and the home page): service
 * health, on-call now, open incidents, SLOs at risk or without data, PRR reviews and open
 * support requests, each with its freshness and a link to the page that lists them.
 */
export function TeamLiveStateBand(props: {
  groupRef: string;
  title?: string;
  /** Show the label as a heading linked to the team's page, in a six-across row (home). */
  withHeading?: boolean;
}) {
  const { t } = useTranslationRef(overviewTranslationRef);
  const infraApi = useApi(infraApiRef);
  const sloApi = useApi(sloApiRef);
  const prrApi = useApi(prrApiRef);
  const supportApi = useApi(supportApiRef);
  const ref = stringifyEntityRef(parseEntityRef(props.groupRef, { defaultKind: 'group' }));
  const compound = parseEntityRef(ref);
  const name = props.title ?? compound.name;

  const team = useAsyncRetry(() => infraApi.getTeamSummary(compound), [ref]);
  const fleet = useAsyncRetry(() => sloApi.getFleet({ owner: ref }), [ref]);
  // A cold start answers `loading` (no snapshot or counts yet): ask again until they are in.
  useRetryWhileLoading(team.value, team.retry);
  useRetryWhileLoading(fleet.value, fleet.retry);
  const scorecard = useAsync(() => prrApi.getScorecard({ team: ref }), [ref]);
  const support = useAsync(async () => {
    const [open, breached] = await Promise.all([
      supportApi.list({ team: ref, open: true, limit: 1 }),
      supportApi.list({ team: ref, open: true, sla: 'breached', limit: 1 }),
    ]);
    return { open: open.total, breached: breached.total };
  }, [ref]);
  const query = encodeURIComponent(ref);

  const health =
    pending(team, t) ??
    (() => {
      const services = team.value!.services;
      const count = (h: string) => services.filter(s => s.health === h).length;
      const [ok, warning, critical] = [count('ok'), count('warning'), count('critical')];
      let tone: TileTone = 'ok';
      if (critical) tone = 'critical';
      else if (warning) tone = 'warning';
      else if (!ok) tone = 'neutral';
      return {
        value: t(`kubernetes.health.${tone === 'neutral' ? 'unknown' : tone}`),
        detail: t('kubernetes.services', { ok: String(ok), warning: String(warning), critical: String(critical) }),
        tone,
      };
    })();

  const oncall =
    pending(team, t) ??
    (() => {
      const entries = [...team.value!.oncall].sort((a, b) => a.level - b.level);
      const names = [...new Set(entries.filter(e => e.level === entries[0]?.level).map(e => e.user.name))];
      if (!names.length) return { value: t('oncall.nobody'), tone: 'warning' as TileTone };
      return { value: names.join(', '), tone: 'ok' as TileTone };
    })();

  const incidents =
    pending(team, t) ??
    (() => {
      const list = team.value!.openIncidents;
      if (!list.length) return { value: t('incidents.none'), tone: 'ok' as TileTone };
      const high = list.filter(i => i.urgency === 'high').length;
      return {
        value: t('incidents.count', { count: list.length }),
        ...(high ? { detail: t('incidents.high', { count: high }) } : {}),
        tone: (high ? 'critical' : 'warning') as TileTone,
      };
    })();

  const slo =
    pending(fleet, t) ??
    (() => {
      const rows = fleet.value!.rows;
      const count = (p: string) => rows.filter(r => r.policy === p).length;
      const [atRisk, exhausted, noData] = [count('at-risk'), count('exhausted'), count('no-data')];
      let tone: TileTone = rows.length ? 'ok' : 'neutral';
      if (exhausted) tone = 'critical';
      else if (atRisk) tone = 'warning';
      return {
        value: t('slo.services', { count: rows.length }),
        detail: t('slo.fleet', { atRisk: String(atRisk), exhausted: String(exhausted), noData: String(noData) }),
        tone,
      };
    })();

  const prr =
    pending(scorecard, t) ??
    (() => {
      const rows = scorecard.value!.rows;
      const scored = rows.filter(r => r.score !== null).map(r => r.score as number);
      const approved = rows.filter(r => r.reviewStatus === 'approved').length;
      const mean = scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : undefined;
      return {
        value: mean === undefined ? t('prr.notEvaluated') : t('prr.mean', { score: String(Math.round(mean)) }),
        detail: t('prr.fleet', { approved: String(approved), count: rows.length }),
        tone: mean === undefined ? 'neutral' : scoreTone(mean),
      };
    })();

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

  const f = team.value?.freshness;
  const open = t('band.openTab');
  return (
    <Band
      label={t('band.teamLabel', { name })}
      wide={props.withHeading}
      heading={
        props.withHeading ? (
          <Link to={`/catalog/${compound.namespace}/group/${compound.name}`}>{t('band.teamLabel', { name })}</Link>
        ) : undefined
      }
    >
      <Tile
        id="kubernetes"
        title={t('kubernetes.title')}
        {...health}
        freshness={f?.kubernetes ? <FreshnessChip freshness={f.kubernetes} source="Kubernetes" /> : undefined}
        link={{ to: '/infra', label: open }}
      />
      <Tile
        id="oncall"
        title={t('oncall.title')}
        {...oncall}
        freshness={f?.pagerduty ? <FreshnessChip freshness={f.pagerduty} source="PagerDuty" /> : undefined}
      />
      <Tile
        id="incidents"
        title={t('incidents.title')}
        {...incidents}
        freshness={f?.pagerduty ? <FreshnessChip freshness={f.pagerduty} source="PagerDuty" /> : undefined}
        link={{ to: '/postmortems', label: open }}
      />
      <Tile
        id="slo"
        title={t('slo.title')}
        {...slo}
        freshness={fleet.value ? <FreshnessChip freshness={fleet.value.freshness} source="Datadog" /> : undefined}
        link={{ to: `/slo/fleet?owner=${query}`, label: open }}
      />
      <Tile id="prr" title={t('prr.title')} {...prr} link={{ to: `/prr?team=${query}`, label: open }} />
      <Tile id="support" title={t('support.title')} {...supportTile} link={{ to: '/support', label: open }} />
    </Band>
  );
}

/** The band on a Group's own page. */
export function EntityTeamLiveStateBand() {
  const { entity } = useEntity();
  return (
    <TeamLiveStateBand
      groupRef={stringifyEntityRef(entity)}
      title={
        (entity.spec as { profile?: { displayName?: string } } | undefined)?.profile?.displayName ??
        entity.metadata.name
      }
    />
  );
}
