import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { errorMessage, errorStatus } from '../../lib/errors';
import { portalReactTranslationRef } from '../../translation';

/**
 * What a view or card says when the portal backend could not answer: the backend's message with a
 * retry button, or, when it answered 404 and the caller says what that means (`notFound`), that
 * sentence alone.
 */
export function LoadFailed(props: {
  error: Error;
  onRetry?: () => void;
  /** 'card': the sentence speaks of "this card" (a card among others on a page). */
  scope?: 'view' | 'card';
  /** What a 404 means here (e.g. "this component declares no SLO"), said instead of a failure. */
  notFound?: string;
}) {
  const { t } = useTranslationRef(portalReactTranslationRef);
  if (props.notFound !== undefined && errorStatus(props.error) === 404) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.notFound}
      </Typography>
    );
  }
  const message = errorMessage(props.error);
  return (
    <Box role="status" display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <Typography variant="body2">
        {props.scope === 'card' ? t('loadFailed.card', { message }) : t('loadFailed.view', { message })}
      </Typography>
      {props.onRetry && (
        <Button size="small" variant="outlined" onClick={props.onRetry}>
          {t('retry')}
        </Button>
      )}
    </Box>
  );
}
