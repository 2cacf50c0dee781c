import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import type { DeployGate } from '@internal/plugin-slo-common';
import { sloTranslationRef } from '../../translation';
import { LoadFailed } from '../LoadFailed';

/**
 * The deploy gate's answer, as CI pipelines get it: "Deploys allowed", blocked with the reason,
 * or unknown (no data) with the configured default and the reason.
 */
export function DeployGateNotice(props: {
  gate?: DeployGate;
  error?: Error;
  onRetry?: () => void;
}) {
  const { t } = useTranslationRef(sloTranslationRef);
  const { gate, error } = props;
  if (gate?.decision === 'unknown') {
    return (
      <Alert
        status="warning"
        icon
        role="status"
        data-gate="unknown"
        title={t(gate.allowed ? 'gate.unknownAllowed' : 'gate.unknownBlocked')}
        description={gate.reason || undefined}
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
        description={gate.reason || undefined}
      />
    ) : (
      <Alert
        status="danger"
        icon
        role="status"
        data-gate="blocked"
        title={t('gate.blocked', { reason: gate.reason })}
      />
    );
  }
  if (error) return <LoadFailed error={error} onRetry={props.onRetry} />;
  return <Progress />;
}
