import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { IncidentSummary } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';
import { ExternalLink } from '../ExternalLink';
import { IncidentTable } from '../IncidentTable';
import { OverviewPartCard } from '../OverviewPartCard';

function RecentlyResolved(props: { incidents: IncidentSummary[] }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  if (props.incidents.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('incidents.noneRecent')}
      </Typography>
    );
  }
  const incidents = [...props.incidents].sort((a, b) =>
    (b.resolvedAt ?? b.createdAt).localeCompare(a.resolvedAt ?? a.createdAt),
  );
  return (
    <List dense disablePadding aria-label={t('incidents.recentListLabel')}>
      {incidents.map(i => (
        <ListItem key={i.id} disableGutters>
          <ListItemText
            primary={
              <ExternalLink href={i.url}>
                {t('incidents.number', { number: String(i.number) })} {i.title}
              </ExternalLink>
            }
            secondary={
              i.resolvedAt
                ? t('incidents.resolved', {
                    age: format.relative(i.resolvedAt),
                  })
                : t('incidents.status.resolved')
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/** PagerDuty: the component's open incidents, then the recently resolved ones. */
export function EntityIncidentsCard() {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <OverviewPartCard title={t('incidents.title')} source="pagerduty" select={o => o.incidents}>
      {({ open, recent }) => (
        <>
          <Typography variant="h6" component="h3" gutterBottom>
            {t('incidents.open')}
          </Typography>
          <IncidentTable incidents={open} label={t('incidents.openTableLabel')} empty={t('incidents.noneOpen')} />
          <Box mt={2}>
            <Typography variant="h6" component="h3" gutterBottom>
              {t('incidents.recent')}
            </Typography>
            <RecentlyResolved incidents={recent.filter(i => i.status === 'resolved')} />
          </Box>
        </>
      )}
    </OverviewPartCard>
  );
}
