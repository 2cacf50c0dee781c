import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import type { ReactNode } from 'react';

export type StatusSeverity = 'ok' | 'warning' | 'error' | 'info' | 'unknown';

const useStyles = makeStyles(theme => {
  const status = (theme.palette as { status?: Record<string, string> }).status ?? {};
  return {
    root: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    icon: { fontSize: '1.1em', flexShrink: 0 },
    ok: { color: status.ok ?? '#3E8635' },
    warning: { color: status.warning ?? '#F0AB00' },
    error: { color: status.error ?? '#C9190B' },
    info: { color: theme.palette.info.main },
    unknown: { color: status.aborted ?? '#6A6E73' },
  };
});

const ICONS = {
  ok: CheckCircleOutline,
  warning: ReportProblemOutlined,
  error: ErrorOutline,
  info: InfoOutlined,
  unknown: HelpOutline,
};

/**
 * A coloured icon and its text. Unlike core-components' Status*, the text stays in the
 * accessibility tree (only the icon is decorative).
 */
export function StatusLabel(props: { severity: StatusSeverity; children: ReactNode }) {
  const classes = useStyles();
  const Icon = ICONS[props.severity];
  return (
    <Typography component="span" variant="body2" className={classes.root}>
      <Icon aria-hidden className={`${classes.icon} ${classes[props.severity]}`} />
      <span>{props.children}</span>
    </Typography>
  );
}
