import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { errorMessage, errorStatus } from '../../lib/errors';
import { sloTranslationRef } from '../../translation';

/**
 * What a view says when the backend could not answer: the entity declares no SLO (404), or the
 * backend's message with a retry button.
 */
export function LoadFailed(props: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslationRef(sloTranslationRef);
  if (errorStatus(props.error) === 404) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('common.noSlo')}
      </Typography>
    );
  }
  return (
    <Box
      role="status"
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      gridGap={8}
    >
      <Typography variant="body2">
        {t('common.loadFailed', { message: errorMessage(props.error) })}
      </Typography>
      {props.onRetry && (
        <Button size="small" variant="outlined" onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Box>
  );
}
