import { Content, ContentHeader, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import { TeamLiveStateBand } from '@internal/plugin-overview';
import { useMyTeams } from '../../hooks/useMyTeams';
import { homeTranslationRef } from '../../translation';
import { AnnouncementsCard } from '../AnnouncementsCard';
import { MyActionItemsCard } from '../MyActionItemsCard';
import { MyOpenItemsCard } from '../MyOpenItemsCard';
import { MyTeamsCard } from '../MyTeamsCard';

/** An engineer's start page: my teams' services and their health, my open items, announcements. */
export function HomePage() {
  const { t } = useTranslationRef(homeTranslationRef);
  const { value, loading, error } = useMyTeams();
  return (
    <Content>
      <ContentHeader title={t('page.greeting', { name: value?.displayName ?? '' })} description={t('page.subtitle')} />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      <Grid container spacing={3}>
        {/* Live state first: one band per team the user belongs to, above the fold. */}
        {value?.teams.map(team => (
          <Grid item xs={12} key={team.ref}>
            <TeamLiveStateBand groupRef={team.ref} withHeading />
          </Grid>
        ))}
        <Grid item xs={12} lg={8}>
          {value && <MyTeamsCard teams={value.teams} />}
        </Grid>
        <Grid item xs={12} lg={4}>
          <Grid container spacing={3} direction="column">
            <Grid item>{value && <MyOpenItemsCard teams={value.teams} />}</Grid>
            <Grid item>
              <MyActionItemsCard />
            </Grid>
            <Grid item>
              <AnnouncementsCard />
            </Grid>
          </Grid>
        </Grid>
      </Grid>
    </Content>
  );
}
