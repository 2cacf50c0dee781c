import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ClusterWorkloads, WorkloadSummary } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { DataTable, type DataTableColumn, useFormatters } from '@internal/plugin-portal-react';
import { useNoWorkloadsMessage } from '../../hooks/useNoWorkloadsMessage';
import { infraTranslationRef } from '../../translation';
import { FreshnessChip } from '../FreshnessChip';
import { OverviewPartCard } from '../OverviewPartCard';
import { ProblemList } from '../ProblemList';
import { StatusLabel, type StatusSeverity } from '../StatusLabel';
import { UnavailableNotice } from '../UnavailableNotice';

function readySeverity(w: WorkloadSummary): StatusSeverity {
  if (w.readyReplicas >= w.desiredReplicas) return 'ok';
  return w.readyReplicas === 0 ? 'error' : 'warning';
}

function ClusterSection(props: { cluster: ClusterWorkloads }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const empty = useNoWorkloadsMessage();
  const { cluster, freshness, workloads } = props.cluster;

  const columns: DataTableColumn<WorkloadSummary>[] = [
    {
      title: t('workloads.columns.workload'),
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
      title: t('workloads.columns.ready'),
      render: w => (
        <StatusLabel severity={readySeverity(w)}>
          {t('workloads.readyValue', {
            ready: format.number(w.readyReplicas),
            desired: format.number(w.desiredReplicas),
          })}
        </StatusLabel>
      ),
    },
    {
      title: t('workloads.columns.restarts'),
      numeric: true,
      render: w => format.number(w.restarts),
    },
    {
      title: t('workloads.columns.rollout'),
      render: w =>
        w.rolloutInProgress
          ? t('workloads.rolloutInProgress', {
              updated: format.number(w.updatedReplicas),
              desired: format.number(w.desiredReplicas),
            })
          : t('workloads.rolloutDone'),
    },
    {
      title: t('workloads.columns.autoscaler'),
      render: w =>
        w.hpa ? (
          <>
            {t('workloads.hpaValue', {
              current: format.number(w.hpa.currentReplicas),
              min: format.number(w.hpa.minReplicas),
              max: format.number(w.hpa.maxReplicas),
            })}
            {w.hpa.atMax && (
              <>
                {' '}
                <StatusLabel severity="warning">{t('workloads.hpaAtMax')}</StatusLabel>
              </>
            )}
          </>
        ) : (
          t('workloads.noHpa')
        ),
    },
  ];

  const usable = freshness.state === 'fresh' || freshness.state === 'stale';
  return (
    <Box component="section" mb={3}>
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <Typography variant="h6" component="h3">
          {t('workloads.clusterHeading', { cluster })}
        </Typography>
        <FreshnessChip freshness={freshness} />
      </Box>
      {usable ? (
        <>
          <DataTable
            label={t('workloads.tableLabel', { cluster })}
            columns={columns}
            rows={workloads}
            rowKey={w => `${w.namespace}/${w.kind}/${w.name}`}
            empty={empty}
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
        </>
      ) : (
        <UnavailableNotice freshness={freshness} source={t('source.kubernetesCluster', { cluster })} />
      )}
    </Box>
  );
}

/**
 * Kubernetes: per cluster, each workload's replicas, restarts, rollout and HPA, and every
 * problem with a hint naming the pod.
 */
export function EntityWorkloadsCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <OverviewPartCard title={t('workloads.title')} source="kubernetes" select={o => o.kubernetes}>
      {({ clusters }) =>
        clusters.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('workloads.noClusters')}
          </Typography>
        ) : (
          clusters.map(c => <ClusterSection key={c.cluster} cluster={c} />)
        )
      }
    </OverviewPartCard>
  );
}
