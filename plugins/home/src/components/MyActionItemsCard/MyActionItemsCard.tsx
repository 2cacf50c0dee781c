import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useMyActionItems } from '../../hooks/useMyActionItems';
import { homeTranslationRef } from '../../translation';

/** Postmortem action items owned by me or one of my teams that are not done yet. */
export function MyActionItemsCard() {
  const { t } = useTranslationRef(homeTranslationRef);
  const { value, loading, error } = useMyActionItems();
  return (
    <InfoCard title={t('actionItems.title')} deepLink={{ title: t('actionItems.all'), link: '/postmortems' }}>
      {loading && <Progress />}
      {error && <Typography color="error">{t('actionItems.failed', { error: error.message })}</Typography>}
      {value && value.length === 0 && <Typography>{t('actionItems.empty')}</Typography>}
      {value && value.length > 0 && (
        <List dense aria-label={t('actionItems.title')}>
          {value.slice(0, 10).map(item => (
            <ListItem key={item.id} disableGutters>
              <ListItemText
                primary={
                  <Link to={`/postmortems/${encodeURIComponent(item.postmortemId)}?tab=actionItems`}>{item.title}</Link>
                }
                secondary={
                  <>
                    {`${item.priority} · ${
                      item.dueDate ? t('actionItems.due', { date: item.dueDate }) : t('actionItems.noDue')
                    } · ${item.postmortemTitle} `}
                    {item.overdue && <Chip size="small" color="secondary" label={t('actionItems.overdue')} />}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
