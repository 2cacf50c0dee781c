import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { PodDetail } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useEntityKubernetes } from '../../hooks/useEntityKubernetes';
import { infraTranslationRef } from '../../translation';
import { FreshnessChip } from '../FreshnessChip';
import { LoadFailed } from '@internal/plugin-portal-react';
import { PodLogDialog } from '../PodLogDialog';
import { UnavailableNotice } from '../UnavailableNotice';
import { ClusterDetailCard } from './ClusterDetailCard';

/** The Kubernetes tab of a Component: every object of its workloads, one card per cluster. */
export function EntityKubernetesContent() {
  const { t } = useTranslationRef(infraTranslationRef);
  const { entity } = useEntity();
  const { value, error, retry } = useEntityKubernetes(entity);
  const [logs, setLogs] = useState<{ cluster: string; pod: PodDetail }>();

  if (!value) {
    return error ? <LoadFailed scope="card" error={error} onRetry={retry} /> : <Progress />;
  }

  if (value.clusters.length === 0) {
    const usable = value.freshness.state === 'fresh' || value.freshness.state === 'stale';
    return (
      <Box>
        <Box mb={2}>
          <FreshnessChip freshness={value.freshness} />
        </Box>
        {usable ? (
          <Typography variant="body2">{t('kubernetes.noClusters')}</Typography>
        ) : (
          <UnavailableNotice freshness={value.freshness} source={t('source.kubernetes')} />
        )}
      </Box>
    );
  }

  return (
    <>
      {value.clusters.map(detail => (
        <Box key={detail.cluster} mb={3}>
          <ClusterDetailCard detail={detail} onShowLogs={pod => setLogs({ cluster: detail.cluster, pod })} />
        </Box>
      ))}
      {logs && (
        <PodLogDialog entity={entity} cluster={logs.cluster} pod={logs.pod} onClose={() => setLogs(undefined)} />
      )}
    </>
  );
}
