import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { IncidentSummary } from '@internal/plugin-infra-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { MyTeam } from '../../hooks/useMyTeams';
import { homeTranslationRef } from '../../translation';

/** What waits for me: my teams' open incidents (reviews, postmortems and requests join later). */
export function MyOpenItemsCard(props: { teams: MyTeam[] }) {
  const { t } = useTranslationRef(homeTranslationRef);
  const seen = new Set<string>();
  const incidents: IncidentSummary[] = props.teams
    .flatMap(team => ('summary' in team ? team.summary.openIncidents : []))
    .filter(i => !seen.has(i.id) && seen.add(i.id));
  return (
    <InfoCard title={t('openItems.title')}>
      {incidents.length === 0 ? (
        <Typography>{t('openItems.empty')}</Typography>
      ) : (
        <List dense>
          {incidents.map(i => (
            <ListItem key={i.id} disableGutters>
              <ListItemText
                primary={i.url ? <Link to={i.url}>{i.title}</Link> : i.title}
                secondary={`${t('openItems.incident', {
                  number: String(i.number),
                  service: i.serviceName ?? i.serviceId,
                })} · ${i.status} · ${i.urgency}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
