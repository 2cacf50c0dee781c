import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { MttrRow } from '@internal/plugin-postmortem-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { shortRef } from '@internal/plugin-portal-react';
import { duration } from '../../lib/format';
import { postmortemTranslationRef } from '../../translation';

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
}));

interface Datum {
  name: string;
  row: MttrRow;
  mtta: number | null;
  mttr: number | null;
}

function useUnits() {
  const { t } = useTranslationRef(postmortemTranslationRef);
  return (key: 'units.seconds' | 'units.minutes' | 'units.hoursMinutes', o: Record<string, string>) =>
    t(key, o as any) as string;
}

function MttrTooltip(props: TooltipContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(postmortemTranslationRef);
  const units = useUnits();
  if (!props.active || !props.payload?.length) return null;
  const d = props.payload[0].payload as Datum;
  return (
    <div className={classes.tooltip} data-testid="mttr-chart-tooltip">
      <Typography variant="subtitle2" component="div">
        {d.name}
      </Typography>
      <Typography variant="body2" component="div">
        {t('metrics.chartIncidents', { count: d.row.incidents })}
      </Typography>
      <Typography variant="body2" component="div">
        {t('metrics.mtta')}: {duration(d.row.mttaSeconds, units)}
      </Typography>
      <Typography variant="body2" component="div">
        {t('metrics.mttr')}: {duration(d.row.mttrSeconds, units)}
      </Typography>
    </div>
  );
}

/**
 * MTTA and MTTR per team over the chosen range, as recharts bars in minutes: a tooltip per team
 * (mouse, or the arrow keys once the chart has focus) with the durations; the table beside it has
 * the same numbers. The backend answers totals for the range, not a series per week.
 */
export function MttrChart(props: { rows: MttrRow[]; label: string }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const classes = useStyles();
  const theme = useTheme();
  const summaryId = `${useId()}-summary`;
  const data: Datum[] = props.rows.map(row => ({
    name: shortRef(row.ref),
    row,
    mtta: row.mttaSeconds === null ? null : Math.round(row.mttaSeconds / 60),
    mttr: row.mttrSeconds === null ? null : Math.round(row.mttrSeconds / 60),
  }));
  const axisText = { fill: theme.palette.text.secondary, fontSize: 11 };
  const incidents = props.rows.reduce((n, r) => n + r.incidents, 0);
  return (
    <figure className={classes.figure}>
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 520, height: 240 }}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          role="img"
          aria-label={props.label}
          aria-describedby={summaryId}
        >
          <CartesianGrid stroke={theme.palette.divider} vertical={false} />
          <XAxis
            dataKey="name"
            tick={{ ...axisText, angle: -30, textAnchor: 'end' }}
            height={64}
            stroke={theme.palette.divider}
            interval={0}
          />
          <YAxis
            tick={axisText}
            stroke={theme.palette.divider}
            width={56}
            allowDecimals={false}
            label={{
              value: t('metrics.minutesAxis'),
              angle: -90,
              position: 'insideLeft',
              fill: theme.palette.text.secondary,
              fontSize: 11,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip content={MttrTooltip} cursor={{ fill: theme.palette.action.hover }} isAnimationActive={false} />
          <Legend wrapperStyle={{ color: theme.palette.text.primary, fontSize: 12 }} />
          <Bar dataKey="mtta" name={t('metrics.mtta')} fill={theme.palette.primary.main} isAnimationActive={false} />
          <Bar dataKey="mttr" name={t('metrics.mttr')} fill={theme.palette.secondary.main} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <Typography component="figcaption" id={summaryId} variant="body2" color="textSecondary">
        {t('metrics.chartSummary', { teams: String(props.rows.length), incidents: String(incidents) })}
      </Typography>
    </figure>
  );
}
