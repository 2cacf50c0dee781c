import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import { isGateReasonCode, type DeployGate } from '@internal/plugin-slo-common';
import { sloTranslationRef } from '../../translation';
import { LoadFailed } from '@internal/plugin-portal-react';

const NO_DATA_CODES = ['no-series', 'no-traffic', 'no-counts', 'loading'] as const;

/**
 * The gate's reason in the app's language: its code through the translation ref (with the UI's
 * own sentence for the no-data cause), or the English `reason` for a code this UI does not know.
 */
export function useGateReasonText(): (gate: DeployGate) => string {
  const { t } = useTranslationRef(sloTranslationRef);
  return (gate: DeployGate) => {
    if (!isGateReasonCode(gate.reasonCode)) return gate.reason;
    const params: Record<string, string | number> = { ...gate.reasonParams };
    const noData = NO_DATA_CODES.find(c => c === params.noData);
    if (noData) params.noDataReason = t(`noData.${noData}`);
    return t(`gateReason.${gate.reasonCode}`, params as any);
  };
}

/**
 * The deploy gate's answer, as CI pipelines get it: "Deploys allowed", blocked with the reason,
 * or unknown (no data) with the configured default and the reason.
 */
export function DeployGateNotice(props: { gate?: DeployGate; error?: Error; onRetry?: () => void }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const reasonText = useGateReasonText();
  const { gate, error } = props;
  const reason = gate ? reasonText(gate) : '';
  if (gate?.decision === 'unknown') {
    return (
      <Alert
        status="warning"
        icon
        role="status"
        data-gate="unknown"
        title={t(gate.allowed ? 'gate.unknownAllowed' : 'gate.unknownBlocked')}
        description={reason || undefined}
      />
    );
  }
  if (gate) {
    return gate.allowed ? (
      <Alert
        status="success"
        icon
        role="status"
        data-gate="allowed"
        title={t('gate.allowed')}
        description={reason || undefined}
      />
    ) : (
      <Alert status="danger" icon role="status" data-gate="blocked" title={t('gate.blocked', { reason })} />
    );
  }
  if (error) return <LoadFailed error={error} onRetry={props.onRetry} notFound={t('common.noSlo')} />;
  return <Progress />;
}
