import { InfoCard, Link, Table, type TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { FreshnessChip, HealthChip } from '@internal/plugin-infra';
import type { TeamServiceSummary } from '@internal/plugin-infra-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { MyTeam } from '../../hooks/useMyTeams';
import { homeTranslationRef } from '../../translation';

const entityPath = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
};

/** Each of my teams: its services with their health, replicas, problems and open incidents. */
export function MyTeamsCard(props: { teams: MyTeam[] }) {
  const { t } = useTranslationRef(homeTranslationRef);
  const columns: TableColumn<TeamServiceSummary>[] = [
    {
      title: t('myTeams.service'),
      // Service names are identifiers: never broken across lines (the column takes their width).
      cellStyle: { whiteSpace: 'nowrap' },
      render: s => <Link to={entityPath(s.entityRef)}>{s.title ?? s.name}</Link>,
    },
    { title: t('myTeams.health'), render: s => <HealthChip health={s.health} /> },
    {
      title: t('myTeams.replicas'),
      render: s => (s.desiredReplicas ? `${s.readyReplicas}/${s.desiredReplicas}` : '—'),
    },
    { title: t('myTeams.problems'), render: s => s.problems.join(', ') || '—' },
    { title: t('myTeams.incidents'), render: s => String(s.openIncidents) },
  ];
  return (
    <InfoCard title={t('myTeams.title')}>
      {props.teams.length === 0 && <Typography>{t('myTeams.noTeams')}</Typography>}
      {props.teams.map(team => (
        <Box key={team.ref} mb={2}>
          {'error' in team ? (
            <Typography color="error">
              {t('myTeams.loadFailed', { team: team.name, error: team.error.message })}
            </Typography>
          ) : (
            <>
              <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
                <Typography variant="h6">
                  <Link to={entityPath(team.ref)}>{t('myTeams.team', { team: team.name })}</Link>
                </Typography>
                <FreshnessChip freshness={team.summary.freshness.kubernetes} />
              </Box>
              <Table<TeamServiceSummary>
                options={{ paging: false, search: false, toolbar: false, padding: 'dense', draggable: false }}
                columns={columns}
                data={team.summary.services}
              />
            </>
          )}
        </Box>
      ))}
    </InfoCard>
  );
}
