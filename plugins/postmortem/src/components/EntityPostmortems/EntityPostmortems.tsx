import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { useActionItems, usePostmortemList } from '../../hooks/usePostmortems';
import { utcMinute } from '../../lib/format';
import { usePostmortemPaths } from '../../routes';
import { postmortemTranslationRef } from '../../translation';
import { ActionItemsTable, LoadFailed, StatusChip } from '../Shared';

function PostmortemList(props: { entityRef: string; limit?: number }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const paths = usePostmortemPaths();
  const list = usePostmortemList({ entity: props.entityRef });
  if (list.error) return <LoadFailed error={list.error} onRetry={list.retry} />;
  if (!list.value) return <Progress />;
  if (!list.value.length) return <Typography variant="body2">{t('card.none')}</Typography>;
  return (
    <List dense aria-label={t('card.recent')}>
      {list.value.slice(0, props.limit ?? 100).map(p => (
        <ListItem key={p.id} disableGutters>
          <ListItemText
            primary={<Link to={paths.postmortem(p.id)}>{p.title}</Link>}
            secondary={
              <Box component="span" display="flex" alignItems="center" style={{ gap: 8 }}>
                <StatusChip status={p.status} />
                <span>
                  {p.severity} · {utcMinute(p.startedAt ?? p.createdAt)} UTC
                </span>
              </Box>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

function OpenItems(props: { entityRef: string }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const paths = usePostmortemPaths();
  const items = useActionItems({ entity: props.entityRef, status: 'open,in_progress' });
  if (items.error) return <LoadFailed error={items.error} onRetry={items.retry} />;
  if (!items.value) return <Progress />;
  return (
    <ActionItemsTable
      items={items.value}
      label={t('card.openItems')}
      postmortemLink={id => paths.postmortem(id, 'actionItems')}
      empty={t('card.noItems')}
    />
  );
}

/** The "Postmortems" tab of a Component: its postmortems and their open action items. */
export function EntityPostmortemsContent() {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const { entity } = useEntity();
  const paths = usePostmortemPaths();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard
          title={t('card.recent')}
          action={
            <Button
              variant="outlined"
              size="small"
              component={RouterLink}
              to={paths.create(entityRef)}
              style={{ margin: 8 }}
            >
              {t('card.new')}
            </Button>
          }
        >
          <PostmortemList entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('card.openItems')}>
          <OpenItems entityRef={entityRef} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** The overview card of a Component: open action items and the latest postmortems. */
export function EntityPostmortemsCard() {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const { entity } = useEntity();
  const paths = usePostmortemPaths();
  const entityRef = stringifyEntityRef(entity);
  return (
    <InfoCard title={t('card.title')} deepLink={{ title: t('card.all'), link: paths.root }}>
      <Typography variant="subtitle2">{t('card.openItems')}</Typography>
      <OpenItems entityRef={entityRef} />
      <Box mt={2} />
      <Typography variant="subtitle2">{t('card.recent')}</Typography>
      <PostmortemList entityRef={entityRef} limit={3} />
    </InfoCard>
  );
}
