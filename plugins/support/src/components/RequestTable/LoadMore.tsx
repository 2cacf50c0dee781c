import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { PagedRequests } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';

/** "Showing 50 of 320 requests" and, when the backend says more follow, "Load more". */
export function LoadMore(props: { list: PagedRequests }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value, loadingMore, loadMore } = props.list;
  if (!value?.nextCursor) return null;
  return (
    <Box display="flex" alignItems="center" mt={2} style={{ gap: 12 }}>
      <Button variant="outlined" onClick={loadMore} disabled={loadingMore}>
        {loadingMore ? t('table.loadingMore') : t('table.loadMore')}
      </Button>
      <Typography variant="body2" color="textSecondary">
        {t('table.showing', { shown: String(value.items.length), count: value.total })}
      </Typography>
    </Box>
  );
}
