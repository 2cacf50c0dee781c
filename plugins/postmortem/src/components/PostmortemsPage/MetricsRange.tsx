import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import { postmortemTranslationRef } from '../../translation';

/** Whole UTC days, `YYYY-MM-DD`, both included (the list's dates are UTC too). */
export interface DayRange {
  from: string;
  to: string;
}

/** The longest range the metrics route answers (92 days). */
export const MAX_RANGE_DAYS = 92;

const DAY_MS = 86400_000;

/** The last `days` days up to and including today (UTC). */
export function lastDays(days: number, now = Date.now()): DayRange {
  const to = new Date(now).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** Why the range cannot be asked for, or undefined. */
export function rangeProblem(range: DayRange): 'incomplete' | 'order' | 'long' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return 'incomplete';
  if (range.from > range.to) return 'order';
  if ((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1 > MAX_RANGE_DAYS) return 'long';
  return undefined;
}

/** The range as the `/metrics` route's ISO times: from the first day's start to the last day's end. */
export function rangeQuery(range: DayRange): { from: string; to: string } {
  return { from: `${range.from}T00:00:00Z`, to: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS).toISOString() };
}

const PRESETS = [7, 30, 90] as const;

/** From/to dates with presets (last 7, 30 or 90 days) for the MTTA/MTTR card. */
export function MetricsRange(props: { value: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const id = useId();
  const { value, onChange } = props;
  const preset = PRESETS.find(days => {
    const r = lastDays(days);
    return r.from === value.from && r.to === value.to;
  });
  const problem = rangeProblem(value);
  const help = problem ? t(problem === 'order' ? 'range.order' : 'range.long') : undefined;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 12 }}
      mb={2}
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
        style={{ minWidth: 160 }}
      >
        <MenuItem value="7">{t('range.last7')}</MenuItem>
        <MenuItem value="30">{t('range.last30')}</MenuItem>
        <MenuItem value="90">{t('range.last90')}</MenuItem>
        <MenuItem value="custom" disabled>
          {t('range.custom')}
        </MenuItem>
      </TextField>
      <TextField
        id={`${id}-from`}
        size="small"
        variant="outlined"
        type="date"
        label={t('range.from')}
        InputLabelProps={{ shrink: true }}
        value={value.from}
        onChange={e => onChange({ ...value, from: e.target.value })}
        error={!!help}
      />
      <TextField
        id={`${id}-to`}
        size="small"
        variant="outlined"
        type="date"
        label={t('range.to')}
        InputLabelProps={{ shrink: true }}
        value={value.to}
        onChange={e => onChange({ ...value, to: e.target.value })}
        error={!!help}
        helperText={help}
      />
    </Box>
  );
}
