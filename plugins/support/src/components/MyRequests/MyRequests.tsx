import { Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Paper from '@material-ui/core/Paper';
import { usePagedRequests, useRequestTypes } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { LoadMore, RequestTable } from '../RequestTable';

/** "My requests": what the signed-in user filed, newest first. */
export function MyRequests() {
  const { t } = useTranslationRef(supportTranslationRef);
  const list = usePagedRequests({ mine: true, limit: 50 });
  const { value, loading, error } = list;
  const { value: types } = useRequestTypes();
  if (loading && !value) return <Progress />;
  if (error && !value)
    return <WarningPanel severity="error" title={t('common.loadFailed', { message: error.message })} />;
  return (
    <Paper style={{ padding: 16 }}>
      <RequestTable label={t('table.myRequests')} items={value?.items ?? []} types={types} />
      {error && <WarningPanel severity="error" title={t('common.loadFailed', { message: error.message })} />}
      <LoadMore list={list} />
    </Paper>
  );
}
