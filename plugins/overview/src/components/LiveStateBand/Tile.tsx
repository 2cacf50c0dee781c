import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRight from '@material-ui/icons/ChevronRight';
import type { ReactNode } from 'react';

/** How a tile's value is coloured: by the theme's status palette. */
export type TileTone = 'ok' | 'warning' | 'critical' | 'neutral';

/** A readiness score's tone: 90 % and above ok, 60 % and above warning, below critical. */
export function scoreTone(score: number): TileTone {
  if (score >= 90) return 'ok';
  return score >= 60 ? 'warning' : 'critical';
}

const useStyles = makeStyles(theme => {
  const status = (theme.palette as { status?: Record<string, string> }).status ?? {};
  return {
    band: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
      gap: theme.spacing(1.5),
      marginBottom: theme.spacing(1),
    },
    /** Six tiles in one row on a full-width page (home). */
    wide: {
      gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    },
    heading: {
      margin: theme.spacing(0, 0, 1),
    },
    tile: {
      padding: theme.spacing(1.5, 2),
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(0.5),
      minWidth: 0,
      borderTop: `4px solid ${theme.palette.divider}`,
    },
    ok: { borderTopColor: status.ok ?? theme.palette.success.main },
    warning: { borderTopColor: status.warning ?? theme.palette.warning.main },
    critical: { borderTopColor: status.error ?? theme.palette.error.main },
    neutral: {},
    title: {
      fontSize: theme.typography.overline.fontSize,
      fontWeight: theme.typography.fontWeightBold as number,
      letterSpacing: theme.typography.overline.letterSpacing,
      textTransform: 'uppercase',
      color: theme.palette.text.secondary,
      margin: 0,
    },
    value: {
      fontSize: '1.25rem',
      fontWeight: theme.typography.fontWeightBold as number,
      lineHeight: 1.3,
      overflowWrap: 'anywhere',
    },
    detail: {
      color: theme.palette.text.secondary,
      overflow: 'hidden',
      display: '-webkit-box',
      WebkitLineClamp: 2,
      WebkitBoxOrient: 'vertical',
    },
    footer: {
      marginTop: 'auto',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
      flexWrap: 'wrap',
      paddingTop: theme.spacing(0.5),
    },
    link: { display: 'inline-flex', alignItems: 'center', whiteSpace: 'nowrap' },
  };
});

/** The row of tiles: as many per line as fit, each at least 200 px wide. */
export function Band(props: {
  label: string;
  /** A visible heading (where the page does not say whose state this is, e.g. home). */
  heading?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  const grid = `${classes.band} ${props.wide ? classes.wide : ''}`;
  if (!props.heading) {
    return (
      <section aria-label={props.label} className={grid} data-testid="live-state-band">
        {props.children}
      </section>
    );
  }
  return (
    <section aria-label={props.label} data-testid="live-state-band">
      <Typography variant="h6" component="h2" className={classes.heading}>
        {props.heading}
      </Typography>
      <div className={grid}>{props.children}</div>
    </section>
  );
}

/**
 * One fact of the live state: a heading, the value (coloured by `tone` on the tile's top edge),
 * a detail line (its full text on hover), the freshness of its source and a link to where it
 * is shown in full.
 */
export function Tile(props: {
  id: string;
  title: string;
  value: ReactNode;
  detail?: string;
  tone?: TileTone;
  freshness?: ReactNode;
  link?: { to: string; label: string };
}) {
  const classes = useStyles();
  const tone = props.tone ?? 'neutral';
  return (
    <Paper variant="outlined" className={`${classes.tile} ${classes[tone]}`} data-tile={props.id} data-tone={tone}>
      <Typography component="h3" className={classes.title}>
        {props.title}
      </Typography>
      <Typography component="div" className={classes.value}>
        {props.value}
      </Typography>
      {props.detail ? (
        <Typography variant="body2" className={classes.detail} title={props.detail}>
          {props.detail}
        </Typography>
      ) : null}
      <Box className={classes.footer}>
        <span>{props.freshness}</span>
        {props.link ? (
          <Link to={props.link.to} className={classes.link} aria-label={`${props.title}: ${props.link.label}`}>
            {props.link.label}
            <ChevronRight fontSize="small" aria-hidden />
          </Link>
        ) : null}
      </Box>
    </Paper>
  );
}
