import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { infraTranslationRef } from '../../translation';

/** The portal backend itself could not answer: a sentence and a retry button, inside the card. */
export function LoadFailed(props: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslationRef(infraTranslationRef);
  return (
    <Box
      role="status"
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      gridGap={8}
    >
      <Typography variant="body2">
        {t('common.loadFailed', { message: props.error.message })}
      </Typography>
      {props.onRetry && (
        <Button size="small" variant="outlined" onClick={props.onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Box>
  );
}
