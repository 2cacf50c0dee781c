import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EntitySlo, PolicyState } from '@internal/plugin-slo-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { sloTranslationRef } from '../../translation';

/** `unknown`: no data — neither green nor red, and never shown as OK. */
type Severity = 'ok' | 'warning' | 'error' | 'unknown';

const useStyles = makeStyles(theme => {
  const status = (theme.palette as { status?: Record<string, string> }).status ?? {};
  const tone = (color: string) => ({
    borderColor: color,
    '& $icon': { color },
  });
  return {
    icon: {},
    ok: tone(status.ok ?? theme.palette.success.main),
    warning: tone(status.warning ?? theme.palette.warning.main),
    error: tone(status.error ?? theme.palette.error.main),
    unknown: tone(status.aborted ?? theme.palette.text.secondary),
  };
});

const ICONS = {
  ok: CheckCircleOutline,
  warning: ReportProblemOutlined,
  error: ErrorOutline,
  unknown: HelpOutline,
};

function StateChip(props: { severity: Severity; label: string; data: Record<string, string> }) {
  const classes = useStyles();
  const Icon = ICONS[props.severity];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.severity]}
      icon={<Icon aria-hidden className={classes.icon} />}
      label={props.label}
      {...props.data}
    />
  );
}

const POLICY_SEVERITY: Record<PolicyState, Severity> = {
  healthy: 'ok',
  'at-risk': 'warning',
  exhausted: 'error',
  'no-data': 'unknown',
};

/** The error-budget policy state: healthy, at risk, exhausted or no data. */
export function PolicyChip(props: { policy: PolicyState }) {
  const { t } = useTranslationRef(sloTranslationRef);
  return (
    <StateChip
      severity={POLICY_SEVERITY[props.policy] ?? 'warning'}
      label={t(`policy.${props.policy}`)}
      data={{ 'data-policy': props.policy }}
    />
  );
}

export type AlertState = EntitySlo['alertState'];

const ALERT_SEVERITY: Record<AlertState, Severity> = {
  ok: 'ok',
  ticket: 'warning',
  page: 'error',
  'no-data': 'unknown',
};

/** The burn-rate alert state: page, ticket, OK, or no data. */
export function AlertStateChip(props: { state: AlertState }) {
  const { t } = useTranslationRef(sloTranslationRef);
  return (
    <StateChip
      severity={ALERT_SEVERITY[props.state] ?? 'warning'}
      label={t(`alert.${props.state}`)}
      data={{ 'data-alert-state': props.state }}
    />
  );
}
