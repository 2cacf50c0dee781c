import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Freshness } from '@internal/plugin-infra-common';
import Typography from '@material-ui/core/Typography';
import { infraTranslationRef } from '../../translation';

/**
 * What a card says, inside itself, when its source has nothing to show: loading (no snapshot yet,
 * the first background listing is running), unavailable (with the reason) or not configured for
 * this entity. Never an error panel; the page keeps working.
 */
export function UnavailableNotice(props: {
  freshness: Freshness;
  source: string;
  /** What to say when the source is not configured (default: the entity lacks the annotation). */
  notConfigured?: string;
}) {
  const { t } = useTranslationRef(infraTranslationRef);
  if (props.freshness.state === 'not-configured') {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.notConfigured ?? t('common.notConfigured', { source: props.source })}
      </Typography>
    );
  }
  if (props.freshness.state === 'loading') {
    return (
      <div role="status" data-freshness="loading">
        <Typography variant="body2">{t('common.loading', { source: props.source })}</Typography>
      </div>
    );
  }
  return (
    <div role="status">
      <Typography variant="body2">{t('common.unavailable', { source: props.source })}</Typography>
      {props.freshness.error && (
        <Typography variant="body2" color="textSecondary">
          {t('common.unavailableReason', { error: props.freshness.error })}
        </Typography>
      )}
    </div>
  );
}
