import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ServiceHealth } from '@internal/plugin-infra-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { infraTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => {
  const status = (theme.palette as { status?: Record<string, string> }).status ?? {};
  const colored = (color: string) => ({
    borderColor: color,
    '& $icon': { color },
  });
  return {
    icon: {},
    ok: colored(status.ok ?? '#3E8635'),
    warning: colored(status.warning ?? '#F0AB00'),
    critical: colored(status.error ?? '#C9190B'),
    unknown: colored(status.aborted ?? '#6A6E73'),
  };
});

const ICONS = {
  ok: CheckCircleOutline,
  warning: ReportProblemOutlined,
  critical: ErrorOutline,
  unknown: HelpOutline,
};

/** A service's one-word state (see `serviceHealth` in infra-common) as an outlined chip. */
export function HealthChip(props: { health: ServiceHealth }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const classes = useStyles();
  const Icon = ICONS[props.health];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.health]}
      icon={<Icon aria-hidden className={classes.icon} />}
      label={t(`team.health.${props.health}`)}
      data-health={props.health}
    />
  );
}
