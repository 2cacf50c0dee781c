import { lineDiff } from '@internal/plugin-postmortem-common';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  diff: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    maxHeight: 420,
    overflow: 'auto',
    margin: 0,
    padding: theme.spacing(1),
  },
  added: { backgroundColor: theme.palette.type === 'dark' ? '#1b4721' : '#e6ffec', display: 'block' },
  removed: { backgroundColor: theme.palette.type === 'dark' ? '#5c1f1f' : '#ffebe9', display: 'block' },
  same: { display: 'block', color: theme.palette.text.secondary },
}));

const PREFIX = { added: '+ ', removed: '- ', same: '  ' } as const;

/** A line diff (with the `diff` package): added lines green with `+`, removed red with `-`. */
export function DiffView(props: { before: string; after: string; label: string; emptyText: string }) {
  const classes = useStyles();
  const lines = lineDiff(props.before, props.after);
  if (!lines.some(l => l.kind !== 'same')) return <p>{props.emptyText}</p>;
  return (
    <pre className={classes.diff} aria-label={props.label}>
      {lines.map((l, i) => (
        <span key={i} className={classes[l.kind]} data-diff={l.kind}>
          {PREFIX[l.kind]}
          {l.text}
        </span>
      ))}
    </pre>
  );
}
