import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Freshness } from '@internal/plugin-infra-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { useFormatters } from '@internal/plugin-portal-react';
import { infraTranslationRef } from '../../translation';

/**
 * Says whether a card's data is live, stale (and how old), still loading (no snapshot yet: the
 * first background listing runs) or unavailable; its tooltip says when live data was fetched. With `source`, the
 * label names it ("PagerDuty: Live"), for places that show several sources side by side.
 */
export function FreshnessChip(props: { freshness: Freshness; source?: string }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const format = useFormatters();
  const { state, ageSeconds, fetchedAt, error } = props.freshness;
  const age = ageSeconds !== undefined ? format.relativeFromAge(ageSeconds) : format.relative(fetchedAt);
  const stateLabel = state === 'stale' ? t('freshness.stale', { age }) : t(`freshness.${state}`);
  const label = props.source ? t('freshness.withSource', { source: props.source, state: stateLabel }) : stateLabel;
  const chip = (
    <Chip
      size="small"
      variant={state === 'fresh' ? 'outlined' : 'default'}
      color={state === 'fresh' ? 'primary' : 'default'}
      label={label}
      data-freshness={state}
    />
  );
  const hasAge = ageSeconds !== undefined || fetchedAt !== undefined;
  let tooltip: string | undefined = error;
  if (!tooltip && state === 'fresh' && hasAge) tooltip = t('freshness.fetched', { age });
  return tooltip ? <Tooltip title={tooltip}>{chip}</Tooltip> : chip;
}
