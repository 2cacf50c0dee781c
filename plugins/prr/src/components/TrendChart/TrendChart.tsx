import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ScorePoint } from '@internal/plugin-prr-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useCallback, useId } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { useLanguage } from '../../hooks/usePrr';
import { prrTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  tooltip: {
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5),
    boxShadow: theme.shadows[2],
  },
  details: { marginTop: theme.spacing(1) },
  summary: { cursor: 'pointer' },
}));

/** A `YYYY-MM-DD` evaluation day in the app's language ("25 Nov 2026" / "2026/11/25"). */
export function useDay(): (day: string) => string {
  const lang = useLanguage();
  return useCallback(
    (day: string) => {
      const ms = Date.parse(`${day}T00:00:00Z`);
      if (Number.isNaN(ms)) return day;
      return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
        dateStyle: 'medium',
        timeZone: 'UTC',
      }).format(ms);
    },
    [lang],
  );
}

function ScoreTooltip(props: TooltipContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(prrTranslationRef);
  const day = useDay();
  if (!props.active || !props.payload?.length) return null;
  const point = props.payload[0].payload as ScorePoint;
  return (
    <div className={classes.tooltip} data-testid="prr-trend-tooltip">
      <Typography variant="subtitle2" component="div">
        {day(point.at)}
      </Typography>
      <Typography variant="body2" component="div">
        {t('scorecard.trendPoint', { score: String(point.score) })}
      </Typography>
    </div>
  );
}

/** "From 35 on 25 Nov 2026 to 68 on 26 Nov 2026 (2 days)." */
function useTrendSummary() {
  const { t } = useTranslationRef(prrTranslationRef);
  const day = useDay();
  return (points: ScorePoint[]) => {
    const first = points[0];
    const last = points[points.length - 1];
    return t('scorecard.trendSummary', {
      first: day(first.at),
      last: day(last.at),
      start: String(first.score),
      end: String(last.score),
      count: points.length,
    });
  };
}

/**
 * The score (0–100) per evaluation day as a recharts line: a tooltip per day (mouse, or the arrow
 * keys once the chart has focus), axis titles, a summary, and the same data as a table.
 */
export function TrendChart(props: { points: ScorePoint[]; label: string }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const classes = useStyles();
  const theme = useTheme();
  const day = useDay();
  const summary = useTrendSummary();
  const summaryId = `${useId()}-summary`;
  const axisText = { fill: theme.palette.text.secondary, fontSize: 11 };
  return (
    <figure className={classes.figure}>
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 640, height: 220 }}>
        <LineChart
          data={props.points}
          margin={{ top: 12, right: 16, bottom: 24, left: 8 }}
          role="img"
          aria-label={props.label}
          aria-describedby={summaryId}
        >
          <CartesianGrid stroke={theme.palette.divider} vertical={false} />
          <XAxis
            dataKey="at"
            tickFormatter={day}
            tick={axisText}
            stroke={theme.palette.divider}
            minTickGap={24}
            label={{
              value: t('scorecard.trendDayAxis'),
              position: 'insideBottom',
              offset: -16,
              fill: theme.palette.text.secondary,
              fontSize: 11,
            }}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={axisText}
            stroke={theme.palette.divider}
            width={56}
            label={{
              value: t('scorecard.trendScoreAxis'),
              angle: -90,
              position: 'insideLeft',
              offset: 8,
              fill: theme.palette.text.secondary,
              fontSize: 11,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            content={ScoreTooltip}
            cursor={{ stroke: theme.palette.text.secondary, strokeWidth: 1 }}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="score"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={{ r: 3, fill: theme.palette.primary.main }}
            activeDot={{ r: 5 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Typography component="figcaption" id={summaryId} variant="body2" color="textSecondary">
        {summary(props.points)}
      </Typography>
      <details className={classes.details}>
        <summary className={classes.summary}>
          <Typography variant="body2" component="span">
            {t('scorecard.trendShowTable')}
          </Typography>
        </summary>
        <Table size="small" aria-label={t('scorecard.trendTable')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('scorecard.trendDayAxis')}</TableCell>
              <TableCell align="right">{t('scorecard.trendScoreAxis')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.points.map(p => (
              <TableRow key={p.at}>
                <TableCell>{day(p.at)}</TableCell>
                <TableCell align="right">{p.score}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}

/**
 * A row's trend in a table cell: a small line without axes, named by `label` and described by its
 * first and last score. Not focusable (a table of many services would otherwise be many tab
 * stops); the service's own PRR tab has the details.
 */
export function TrendSparkline(props: { points: ScorePoint[]; label: string }) {
  const theme = useTheme();
  const summary = useTrendSummary();
  return (
    <LineChart
      width={120}
      height={36}
      data={props.points}
      margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
      accessibilityLayer={false}
      role="img"
      aria-label={`${props.label}. ${summary(props.points)}`}
    >
      <YAxis hide domain={[0, 100]} />
      <Line
        type="linear"
        dataKey="score"
        stroke={theme.palette.primary.main}
        strokeWidth={1.5}
        dot={props.points.length === 1 ? { r: 2 } : false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
