import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
// FreshnessChip is the portal's one freshness badge, exported by the infra plugin for reuse.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FreshnessChip } from '@internal/plugin-infra';
import type { EntitySlo } from '@internal/plugin-slo-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import {
  useCorrections,
  useDeployGate,
  useEntityDeploys,
  useEntitySlo,
  useSloHistory,
} from '../../hooks/useEntitySloData';
import { historyWindow } from '../../lib/chartMarks';
import { sloTranslationRef } from '../../translation';
import { CorrectionsCard } from '../CorrectionsCard';
import { DeployGateNotice } from '../DeployGateNotice';
import { EndpointTable } from '../EndpointTable';
import { LoadFailed } from '@internal/plugin-portal-react';
import { BudgetBurnDownChart, DailySliChart } from '../SloCharts';
import { SloCard } from '../SloCard';
import { SloSummary } from '../SloSummary';

/** A card whose content comes from a request: the content, the failure, or a progress bar. */
function Loaded<T>(props: { value?: T; error?: Error; onRetry: () => void; children: (value: T) => ReactNode }) {
  const { t } = useTranslationRef(sloTranslationRef);
  if (props.value !== undefined) return <>{props.children(props.value)}</>;
  if (props.error) return <LoadFailed error={props.error} onRetry={props.onRetry} notFound={t('common.noSlo')} />;
  return <Progress />;
}

function SloDetails(props: { slo: EntitySlo; onCorrectionsChanged: () => void }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const { entity } = useEntity();
  const history = useSloHistory(entity);
  const gate = useDeployGate(entity);
  // The charts shade the corrections' windows and mark deploys; neither blocks the charts.
  const corrections = useCorrections(entity);
  const deploys = useEntityDeploys(entity, history.value ? historyWindow(history.value.days) : undefined);
  const { slo } = props;
  const freshness = <FreshnessChip freshness={slo.freshness} source={t('common.datadog')} />;

  const correctionsChanged = () => {
    history.retry();
    gate.retry();
    corrections.retry();
    props.onCorrectionsChanged();
  };

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <DeployGateNotice gate={gate.value} error={gate.error} onRetry={gate.retry} />
      </Grid>
      {slo.freshness.state === 'unavailable' && (
        <Grid item xs={12}>
          <Typography role="status" variant="body2">
            {t('common.unavailable')}
          </Typography>
        </Grid>
      )}
      <Grid item xs={12}>
        <SloCard title={t('summary.title')} chips={freshness}>
          <SloSummary slo={slo} />
        </SloCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <SloCard title={t('charts.burnDownTitle')}>
          <Loaded value={history.value} error={history.error} onRetry={history.retry}>
            {h => <BudgetBurnDownChart days={h.days} corrections={corrections.value} deploys={deploys.value} />}
          </Loaded>
        </SloCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <SloCard title={t('charts.sliTitle')}>
          <Loaded value={history.value} error={history.error} onRetry={history.retry}>
            {h => (
              <DailySliChart
                days={h.days}
                objective={slo.objective}
                corrections={corrections.value}
                deploys={deploys.value}
              />
            )}
          </Loaded>
        </SloCard>
      </Grid>
      <Grid item xs={12}>
        <SloCard title={t('endpoints.title')}>
          <EndpointTable endpoints={slo.endpoints} />
        </SloCard>
      </Grid>
      <Grid item xs={12}>
        <CorrectionsCard entity={entity} onChanged={correctionsChanged} />
      </Grid>
    </Grid>
  );
}

/**
 * The SLO tab of a Component: the deploy gate, the service's SLI and error budget, burn-down and
 * daily SLI charts, the per-endpoint table, and the corrections.
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const { value, error, retry } = useEntitySlo(entity);
  return (
    <Loaded value={value} error={error} onRetry={retry}>
      {slo => <SloDetails slo={slo} onCorrectionsChanged={retry} />}
    </Loaded>
  );
}
