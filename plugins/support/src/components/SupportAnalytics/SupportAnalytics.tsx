import { Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { formatMinutes } from '@internal/plugin-support-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useLanguage } from '../../hooks/useLanguage';
import { useAnalytics, useRequestTypes } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { DateRangePicker, lastDays, rangeProblem, type DayRange } from '../DateRangePicker';
import { shortRef } from '@internal/plugin-portal-react';
import { useTypeTitle } from '../RequestTable';
import { VolumeChart } from './VolumeChart';

/** `YYYY-MM` in the user's language ("Nov 2026" / "2026年11月"). */
function monthLabel(month: string, language: string): string {
  const ms = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(ms)) return month;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
}

/** `YYYY-MM-DD` in the user's language ("Nov 6, 2026" / "2026/11/06"). */
function dayLabel(day: string, language: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/**
 * "Analytics": for a chosen range of days, volume by type, team and month, medians, and the most
 * repeated types. The range goes to the backend (`from`/`to`, JST days).
 */
export function SupportAnalytics() {
  const { t } = useTranslationRef(supportTranslationRef);
  const language = useLanguage();
  const [range, setRange] = useState<DayRange>(() => lastDays(365));
  const valid = !rangeProblem(range);
  // While a date is being typed (or the range is backwards) the last valid range stays shown.
  const [asked, setAsked] = useState<DayRange>(range);
  const changeRange = (next: DayRange) => {
    setRange(next);
    if (!rangeProblem(next)) setAsked(next);
  };
  const { value, loading, error } = useAnalytics(asked);
  const { value: types } = useRequestTypes();
  const typeTitle = useTypeTitle(types);
  const header = (
    <>
      <Typography variant="h5">{t('analytics.title')}</Typography>
      <Box my={2}>
        <DateRangePicker value={range} onChange={changeRange} />
      </Box>
    </>
  );
  if (loading) {
    return (
      <Box>
        {header}
        <Progress />
      </Box>
    );
  }
  if (error) {
    return (
      <Box>
        {header}
        <WarningPanel
          severity="error"
          title={
            (error as any).response?.status === 403
              ? t('analytics.notAllowed')
              : t('common.loadFailed', { message: error.message })
          }
        />
      </Box>
    );
  }
  if (!value) return header;
  const minutes = (m?: number) => (m === undefined ? t('common.none') : formatMinutes(m));
  return (
    <Box>
      {header}
      <Typography variant="body2" color="textSecondary" gutterBottom role="status">
        {t('analytics.total', {
          from: dayLabel(asked.from, language),
          to: dayLabel(asked.to, language),
          count: value.total,
        })}
        {!valid && ` ${t('range.keptPrevious')}`}
      </Typography>
      {!value.total ? (
        <Typography>{t('analytics.empty')}</Typography>
      ) : (
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Paper style={{ padding: 16 }}>
              <Typography variant="subtitle2">{t('analytics.medianFirstResponse')}</Typography>
              <Typography variant="h4" data-testid="median-first-response">
                {minutes(value.medianFirstResponseMinutes)}
              </Typography>
            </Paper>
          </Grid>
          <Grid item xs={12} md={6}>
            <Paper style={{ padding: 16 }}>
              <Typography variant="subtitle2">{t('analytics.medianResolution')}</Typography>
              <Typography variant="h4">{minutes(value.medianResolutionMinutes)}</Typography>
            </Paper>
          </Grid>
          <Grid item xs={12} md={6}>
            <VolumeChart
              title={t('analytics.byType')}
              categoryLabel={t('table.type')}
              orientation="bars"
              rows={value.byType.map(x => ({ key: x.type, label: typeTitle(x.type), count: x.count }))}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <VolumeChart
              title={t('analytics.byTeam')}
              categoryLabel={t('analytics.team')}
              orientation="bars"
              rows={value.byTeam.map(x => ({ key: x.team, label: shortRef(x.team), count: x.count }))}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <VolumeChart
              title={t('analytics.byMonth')}
              categoryLabel={t('analytics.month')}
              orientation="columns"
              rows={value.byMonth.map(x => ({ key: x.month, label: monthLabel(x.month, language), count: x.count }))}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Paper style={{ padding: 16 }}>
              <Typography variant="h6">{t('analytics.candidates')}</Typography>
              <Table size="small" aria-label={t('analytics.candidates')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('table.type')}</TableCell>
                    <TableCell align="right">{t('analytics.count')}</TableCell>
                    <TableCell align="right">{t('analytics.share')}</TableCell>
                    <TableCell align="right">{t('analytics.medianResolutionShort')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.automationCandidates.map(c => (
                    <TableRow key={c.type}>
                      <TableCell>{typeTitle(c.type)}</TableCell>
                      <TableCell align="right">{c.count}</TableCell>
                      <TableCell align="right">{Math.round(c.share * 100)}%</TableCell>
                      <TableCell align="right">{minutes(c.medianResolutionMinutes)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
