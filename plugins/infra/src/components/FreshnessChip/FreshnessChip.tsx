import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Freshness } from '@internal/plugin-infra-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { infraTranslationRef } from '../../translation';

function formatAge(seconds: number, locale: string) {
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  if (seconds < 90) return `${fmt.format(seconds)} s`;
  if (seconds < 5400) return `${fmt.format(seconds / 60)} min`;
  return `${fmt.format(seconds / 3600)} h`;
}

/** Says whether a card's data is live, stale (and how old) or unavailable. */
export function FreshnessChip(props: { freshness: Freshness }) {
  const { t } = useTranslationRef(infraTranslationRef);
  const { state, ageSeconds, error } = props.freshness;
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  const label =
    state === 'stale'
      ? t('freshness.stale', { age: formatAge(ageSeconds ?? 0, locale) })
      : t(`freshness.${state}`);
  const color = state === 'fresh' ? 'primary' : 'default';
  const chip = (
    <Chip
      size="small"
      variant={state === 'fresh' ? 'outlined' : 'default'}
      color={color}
      label={label}
      data-freshness={state}
    />
  );
  return error ? <Tooltip title={error}>{chip}</Tooltip> : chip;
}
