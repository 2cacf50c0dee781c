import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ClusterDetail, PodDetail } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import OpenInNew from '@material-ui/icons/OpenInNew';
import type { ReactNode } from 'react';
import { DataTable, type DataTableColumn, useFormatters } from '@internal/plugin-portal-react';
import { useNoWorkloadsMessage } from '../../hooks/useNoWorkloadsMessage';
import { infraTranslationRef } from '../../translation';
import { FreshnessChip } from '../FreshnessChip';
import { InfraCard } from '../InfraCard';
import { ProblemList } from '../ProblemList';
import { StatusLabel, type StatusSeverity } from '../StatusLabel';
import { UnavailableNotice } from '../UnavailableNotice';

type Workload = ClusterDetail['workloads'][number];
type Hpa = ClusterDetail['hpas'][number];
type Pdb = ClusterDetail['pdbs'][number];
type Service = ClusterDetail['services'][number];
type Ingress = ClusterDetail['ingresses'][number];
type KubeEvent = ClusterDetail['events'][number];
type SectionKey = 'workloads' | 'pods' | 'hpas' | 'pdbs' | 'services' | 'ingresses' | 'events';

function Section(props: { title: string; level?: 'h3' | 'h4'; children: ReactNode }) {
  return (
    <Box component="section" mt={3}>
      <Typography variant={props.level === 'h4' ? 'subtitle2' : 'h6'} component={props.level ?? 'h3'} gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function podSeverity(pod: PodDetail): StatusSeverity {
  if (pod.ready) return 'ok';
  return pod.phase === 'Running' ? 'warning' : 'error';
}

function Lines(props: { values: string[] }) {
  return (
    <>
      {props.values.map(v => (
        <div key={v}>{v}</div>
      ))}
    </>
  );
}

/**
 * One cluster of the Kubernetes tab: freshness and console link, then workloads (with rollout
 * history and problems), pods (with their logs), HPAs, PDBs, Services, Ingresses and events.
 */
export function ClusterDetailCard(props: { detail: ClusterDetail; onShowLogs: (pod: PodDetail) => void }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const noWorkloads = useNoWorkloadsMessage();
  const { cluster, freshness, consoleUrl } = props.detail;
  const none = t('common.none');
  const label = (section: SectionKey) =>
    t('kubernetes.tableLabel', {
      section: t(`kubernetes.sections.${section}`),
      cluster,
    });

  const chips = (
    <>
      <FreshnessChip freshness={freshness} />
      {consoleUrl && (
        <Button
          size="small"
          variant="outlined"
          href={consoleUrl}
          target="_blank"
          rel="noopener noreferrer"
          endIcon={<OpenInNew aria-hidden fontSize="small" />}
        >
          {t('kubernetes.openConsole')}
        </Button>
      )}
    </>
  );

  if (freshness.state !== 'fresh' && freshness.state !== 'stale') {
    return (
      <InfraCard title={t('kubernetes.clusterHeading', { cluster })} chips={chips}>
        <UnavailableNotice freshness={freshness} source={t('source.kubernetesCluster', { cluster })} />
      </InfraCard>
    );
  }

  const { workloads, pods, hpas, pdbs, services, ingresses } = props.detail;
  if (workloads.length === 0 && pods.length === 0) {
    // Nothing of this entity runs here: one line instead of seven empty sections.
    return (
      <InfraCard title={t('kubernetes.clusterHeading', { cluster })} chips={chips}>
        <Typography variant="body2" color="textSecondary">
          {noWorkloads}
        </Typography>
      </InfraCard>
    );
  }
  const events = [...props.detail.events].sort(
    (a, b) =>
      Number(b.type === 'Warning') - Number(a.type === 'Warning') || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
  );

  const workloadColumns: DataTableColumn<Workload>[] = [
    {
      title: t('kubernetes.columns.name'),
      render: w => (
        <>
          <Typography variant="body2">{w.name}</Typography>
          <Typography variant="caption" color="textSecondary">
            {w.kind} · {w.namespace}
          </Typography>
        </>
      ),
    },
    {
      title: t('kubernetes.columns.ready'),
      render: w => (
        <StatusLabel severity={w.readyReplicas >= w.desiredReplicas ? 'ok' : 'warning'}>
          {t('workloads.readyValue', {
            ready: format.number(w.readyReplicas),
            desired: format.number(w.desiredReplicas),
          })}
        </StatusLabel>
      ),
    },
    {
      title: t('kubernetes.columns.restarts'),
      numeric: true,
      render: w => format.number(w.restarts),
    },
    {
      title: t('kubernetes.columns.rollout'),
      render: w =>
        w.rolloutInProgress
          ? t('workloads.rolloutInProgress', {
              updated: format.number(w.updatedReplicas),
              desired: format.number(w.desiredReplicas),
            })
          : t('workloads.rolloutDone'),
    },
    {
      title: t('kubernetes.columns.images'),
      render: w => <Lines values={w.images} />,
    },
  ];

  const rolloutColumns: DataTableColumn<Workload['rollouts'][number]>[] = [
    {
      title: t('kubernetes.columns.revision'),
      render: r => r.revision ?? none,
    },
    { title: t('kubernetes.columns.replicaSet'), render: r => r.replicaSet },
    {
      title: t('kubernetes.columns.images'),
      render: r => <Lines values={r.images} />,
    },
    {
      title: t('kubernetes.columns.replicas'),
      numeric: true,
      render: r => format.number(r.replicas),
    },
    {
      title: t('kubernetes.columns.age'),
      render: r => <span title={format.dateTime(r.createdAt)}>{format.relative(r.createdAt)}</span>,
    },
  ];

  const podColumns: DataTableColumn<PodDetail>[] = [
    { title: t('kubernetes.columns.name'), render: p => p.name },
    {
      title: t('kubernetes.columns.status'),
      render: p => (
        <StatusLabel severity={podSeverity(p)}>
          {p.phase} · {p.ready ? t('kubernetes.podReady') : t('kubernetes.podNotReady')}
        </StatusLabel>
      ),
    },
    {
      title: t('kubernetes.columns.restarts'),
      numeric: true,
      render: p => format.number(p.restarts),
    },
    {
      title: t('kubernetes.columns.age'),
      render: p => <span title={format.dateTime(p.startedAt)}>{format.relative(p.startedAt)}</span>,
    },
    { title: t('kubernetes.columns.node'), render: p => p.node ?? none },
    {
      title: t('kubernetes.columns.lastTermination'),
      render: p => p.lastTerminationReason ?? none,
    },
    {
      title: t('kubernetes.columns.waiting'),
      render: p => p.waitingReason ?? none,
    },
    {
      title: t('kubernetes.columns.actions'),
      render: p => (
        <Button
          size="small"
          variant="outlined"
          aria-label={t('kubernetes.logsButtonLabel', { pod: p.name })}
          onClick={() => props.onShowLogs(p)}
        >
          {t('kubernetes.logsButton')}
        </Button>
      ),
    },
  ];

  const hpaColumns: DataTableColumn<Hpa>[] = [
    { title: t('kubernetes.columns.name'), render: h => h.name },
    { title: t('kubernetes.columns.target'), render: h => h.target },
    {
      title: t('kubernetes.columns.hpaReplicas'),
      render: h => (
        <StatusLabel severity={h.currentReplicas >= h.maxReplicas ? 'warning' : 'ok'}>
          {t('kubernetes.hpaReplicasValue', {
            current: format.number(h.currentReplicas),
            min: format.number(h.minReplicas),
            max: format.number(h.maxReplicas),
          })}
        </StatusLabel>
      ),
    },
    {
      title: t('kubernetes.columns.cpu'),
      render: h => {
        if (h.cpuUtilization === undefined) return none;
        const current = format.percent(h.cpuUtilization / 100);
        return h.cpuTarget === undefined
          ? current
          : t('kubernetes.cpuValue', {
              current,
              target: format.percent(h.cpuTarget / 100),
            });
      },
    },
  ];

  const pdbColumns: DataTableColumn<Pdb>[] = [
    { title: t('kubernetes.columns.name'), render: b => b.name },
    {
      title: t('kubernetes.columns.budget'),
      render: b => {
        if (b.minAvailable !== undefined) {
          return t('kubernetes.minAvailable', {
            value: String(b.minAvailable),
          });
        }
        if (b.maxUnavailable !== undefined) {
          return t('kubernetes.maxUnavailable', {
            value: String(b.maxUnavailable),
          });
        }
        return none;
      },
    },
    {
      title: t('kubernetes.columns.healthy'),
      render: b =>
        t('kubernetes.healthyValue', {
          current: format.number(b.currentHealthy),
          desired: format.number(b.desiredHealthy),
        }),
    },
    {
      title: t('kubernetes.columns.allowed'),
      numeric: true,
      render: b => (
        <StatusLabel severity={b.disruptionsAllowed > 0 ? 'ok' : 'warning'}>
          {format.number(b.disruptionsAllowed)}
        </StatusLabel>
      ),
    },
  ];

  const serviceColumns: DataTableColumn<Service>[] = [
    { title: t('kubernetes.columns.name'), render: s => s.name },
    { title: t('kubernetes.columns.type'), render: s => s.type },
    {
      title: t('kubernetes.columns.clusterIP'),
      render: s => s.clusterIP ?? none,
    },
    {
      title: t('kubernetes.columns.ports'),
      render: s => (s.ports.length ? s.ports.join(', ') : none),
    },
  ];

  const ingressColumns: DataTableColumn<Ingress>[] = [
    { title: t('kubernetes.columns.name'), render: i => i.name },
    {
      title: t('kubernetes.columns.hosts'),
      render: i => <Lines values={i.hosts} />,
    },
    {
      title: t('kubernetes.columns.paths'),
      render: i => <Lines values={i.paths} />,
    },
  ];

  const eventColumns: DataTableColumn<KubeEvent>[] = [
    {
      title: t('kubernetes.columns.type'),
      render: e =>
        e.type === 'Warning' || e.type === 'Normal' ? (
          <StatusLabel severity={e.type === 'Warning' ? 'warning' : 'info'}>
            {t(`kubernetes.eventType.${e.type}`)}
          </StatusLabel>
        ) : (
          e.type
        ),
    },
    { title: t('kubernetes.columns.reason'), render: e => e.reason },
    { title: t('kubernetes.columns.object'), render: e => e.object },
    { title: t('kubernetes.columns.message'), render: e => e.message },
    {
      title: t('kubernetes.columns.count'),
      numeric: true,
      render: e => format.number(e.count),
    },
    {
      title: t('kubernetes.columns.lastSeen'),
      render: e => <span title={format.dateTime(e.lastSeen)}>{format.relative(e.lastSeen)}</span>,
    },
  ];

  return (
    <InfraCard title={t('kubernetes.clusterHeading', { cluster })} chips={chips}>
      <Section title={t('kubernetes.sections.workloads')}>
        <DataTable
          label={label('workloads')}
          columns={workloadColumns}
          rows={workloads}
          rowKey={w => `${w.namespace}/${w.kind}/${w.name}`}
          empty={noWorkloads}
        />
        {workloads.length > 0 && (
          <Box mt={1}>
            <ProblemList
              workloads={workloads}
              label={t('workloads.problemsLabel', { cluster })}
              empty={t('workloads.noProblems')}
            />
          </Box>
        )}
        {workloads.map(w => (
          <Section
            key={`${w.namespace}/${w.kind}/${w.name}`}
            level="h4"
            title={t('kubernetes.rolloutsHeading', { workload: w.name })}
          >
            <DataTable
              label={t('kubernetes.rolloutsHeading', { workload: w.name })}
              columns={rolloutColumns}
              rows={w.rollouts}
              rowKey={r => r.replicaSet}
              empty={t('kubernetes.empty.rollouts')}
            />
          </Section>
        ))}
      </Section>
      <Section title={t('kubernetes.sections.pods')}>
        <DataTable
          label={label('pods')}
          columns={podColumns}
          rows={pods}
          rowKey={p => `${p.namespace}/${p.name}`}
          empty={t('kubernetes.empty.pods')}
        />
      </Section>
      <Section title={t('kubernetes.sections.hpas')}>
        <DataTable
          label={label('hpas')}
          columns={hpaColumns}
          rows={hpas}
          rowKey={h => h.name}
          empty={t('kubernetes.empty.hpas')}
        />
      </Section>
      <Section title={t('kubernetes.sections.pdbs')}>
        <DataTable
          label={label('pdbs')}
          columns={pdbColumns}
          rows={pdbs}
          rowKey={b => b.name}
          empty={t('kubernetes.empty.pdbs')}
        />
      </Section>
      <Section title={t('kubernetes.sections.services')}>
        <DataTable
          label={label('services')}
          columns={serviceColumns}
          rows={services}
          rowKey={s => s.name}
          empty={t('kubernetes.empty.services')}
        />
      </Section>
      <Section title={t('kubernetes.sections.ingresses')}>
        <DataTable
          label={label('ingresses')}
          columns={ingressColumns}
          rows={ingresses}
          rowKey={i => i.name}
          empty={t('kubernetes.empty.ingresses')}
        />
      </Section>
      <Section title={t('kubernetes.sections.events')}>
        <DataTable
          label={label('events')}
          columns={eventColumns}
          rows={events}
          rowKey={(e, i) => `${e.object}/${e.reason}/${i}`}
          empty={t('kubernetes.empty.events')}
        />
      </Section>
    </InfraCard>
  );
}
