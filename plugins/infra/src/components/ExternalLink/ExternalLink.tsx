import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  link: {
    color: (theme.palette as { link?: string }).link ?? theme.palette.primary.main,
    textDecoration: 'none',
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
  },
}));

/** A link to another tool (PagerDuty, Datadog, e-mail); plain text when there is no URL. */
export function ExternalLink(props: { href?: string; children: ReactNode; title?: string }) {
  const classes = useStyles();
  if (!props.href) return <>{props.children}</>;
  const external = /^https?:/i.test(props.href);
  return (
    <a
      className={classes.link}
      href={props.href}
      title={props.title}
      {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
    >
      {props.children}
    </a>
  );
}
