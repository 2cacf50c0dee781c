import { Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Paper from '@material-ui/core/Paper';
import { useRequests, useRequestTypes } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { RequestTable } from '../RequestTable';

/** "My requests": what the signed-in user filed, newest first. */
export function MyRequests() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value, loading, error } = useRequests({ mine: true, limit: 200 });
  const { value: types } = useRequestTypes();
  if (loading) return <Progress />;
  if (error) return <WarningPanel severity="error" title={t('common.loadFailed', { message: error.message })} />;
  return (
    <Paper style={{ padding: 16 }}>
      <RequestTable label={t('table.myRequests')} items={value?.items ?? []} types={types} />
    </Paper>
  );
}
