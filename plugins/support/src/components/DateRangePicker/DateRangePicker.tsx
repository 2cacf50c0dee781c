import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import { supportTranslationRef } from '../../translation';

/** A range of whole days, `YYYY-MM-DD` (JST), both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** Today in JST, the support desk's time zone, as `YYYY-MM-DD`. */
export function jstToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

/** The last `days` days up to and including today (JST). */
export function lastDays(days: number, now = Date.now()): DayRange {
  const to = jstToday(now);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Why a range cannot be asked for, or undefined when it can. */
export function rangeProblem(range: DayRange): 'incomplete' | 'order' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return 'incomplete';
  if (range.from > range.to) return 'order';
  return undefined;
}

export const RANGE_PRESETS = [30, 90, 365] as const;

/**
 * From/to date fields with presets (the last 30 or 90 days, the last 12 months). Choosing a preset
 * fills both dates; editing a date makes the range custom.
 */
export function DateRangePicker(props: { value: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value, onChange } = props;
  const preset = RANGE_PRESETS.find(days => {
    const r = lastDays(days);
    return r.from === value.from && r.to === value.to;
  });
  const problem = rangeProblem(value);
  const id = useId();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 12 }}
      role="group"
      aria-label={t('range.label')}
    >
      <TextField
        select
        id={`${id}-preset`}
        size="small"
        variant="outlined"
        label={t('range.preset')}
        value={preset ? String(preset) : 'custom'}
        onChange={e => {
          const days = Number(e.target.value);
          if (days) onChange(lastDays(days));
        }}
        style={{ minWidth: 180 }}
      >
        <MenuItem value="30">{t('range.last30')}</MenuItem>
        <MenuItem value="90">{t('range.last90')}</MenuItem>
        <MenuItem value="365">{t('range.last365')}</MenuItem>
        <MenuItem value="custom" disabled>
          {t('range.custom')}
        </MenuItem>
      </TextField>
      <TextField
        size="small"
        variant="outlined"
        type="date"
        id={`${id}-from`}
        label={t('range.from')}
        InputLabelProps={{ shrink: true }}
        inputProps={{ max: value.to || undefined }}
        value={value.from}
        onChange={e => onChange({ ...value, from: e.target.value })}
        error={problem === 'order'}
      />
      <TextField
        size="small"
        variant="outlined"
        type="date"
        id={`${id}-to`}
        label={t('range.to')}
        InputLabelProps={{ shrink: true }}
        inputProps={{ min: value.from || undefined }}
        value={value.to}
        onChange={e => onChange({ ...value, to: e.target.value })}
        error={problem === 'order'}
        helperText={problem === 'order' ? t('range.order') : undefined}
      />
    </Box>
  );
}
