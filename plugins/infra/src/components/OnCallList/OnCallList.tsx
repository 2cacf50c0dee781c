import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { OnCallEntry } from '@internal/plugin-infra-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';
import { ExternalLink } from '../ExternalLink';

const useStyles = makeStyles(theme => ({
  item: { display: 'block', paddingLeft: 0, paddingRight: 0 },
  level: {
    display: 'block',
    lineHeight: 1.6,
    color: theme.palette.text.secondary,
  },
  name: { fontWeight: theme.typography.fontWeightMedium as number },
}));

function byLevel(a: OnCallEntry, b: OnCallEntry) {
  return (
    a.level - b.level ||
    a.escalationPolicy.name.localeCompare(b.escalationPolicy.name) ||
    a.user.name.localeCompare(b.user.name)
  );
}

/** Who is on call, level 1 first: name, e-mail, shift end and escalation policy. */
export function OnCallList(props: { entries: OnCallEntry[] }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const classes = useStyles();
  if (props.entries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('oncall.empty')}
      </Typography>
    );
  }
  const entries = [...props.entries].sort(byLevel);
  return (
    <List dense disablePadding aria-label={t('oncall.listLabel')}>
      {entries.map(e => (
        <ListItem key={`${e.escalationPolicy.id}/${e.level}/${e.user.id}`} className={classes.item} divider>
          <Typography variant="overline" className={classes.level}>
            {t('oncall.level', { level: format.number(e.level) })}
          </Typography>
          <Typography variant="body1" className={classes.name}>
            <ExternalLink href={e.user.url}>{e.user.name}</ExternalLink>
          </Typography>
          {e.user.email && (
            <Typography variant="body2">
              <ExternalLink href={`mailto:${e.user.email}`} title={t('oncall.emailLabel', { name: e.user.name })}>
                {e.user.email}
              </ExternalLink>
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {e.end
              ? t('oncall.until', {
                  time: format.dateTime(e.end),
                  relative: format.relative(e.end),
                })
              : t('oncall.noEnd')}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('oncall.policy', {
              policy: <ExternalLink href={e.escalationPolicy.url}>{e.escalationPolicy.name}</ExternalLink>,
            })}
          </Typography>
          {e.schedule && (
            <Typography variant="body2" color="textSecondary">
              {t('oncall.schedule', { schedule: e.schedule.name })}
            </Typography>
          )}
        </ListItem>
      ))}
    </List>
  );
}
