import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useId, type ReactNode } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { CorrectionBand, DeployMark } from '../../lib/chartMarks';

/** One day of a chart: where it sits on the time axis and what its tooltip says. */
export interface TimePoint {
  /** The middle of the day (epoch ms). */
  x: number;
  value: number;
  /** Drawn in the error colour (a day below the objective, an exhausted budget). */
  bad?: boolean;
  /** The tooltip's heading (the day, in the user's language). */
  heading: string;
  /** The tooltip's lines: the value, the corrections and deploys of that day. */
  lines: string[];
}

export interface ReferenceValue {
  value: number;
  label: string;
  tone: 'objective' | 'danger';
}

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  tooltip: {
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5),
    boxShadow: theme.shadows[2],
    maxWidth: 320,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: 6 },
  band: {
    display: 'inline-block',
    width: 14,
    height: 12,
    backgroundColor: theme.palette.warning.main,
    opacity: 0.35,
  },
  deploy: {
    display: 'inline-block',
    width: 0,
    height: 14,
    borderLeft: `2px dashed ${theme.palette.info.main}`,
  },
  line: {
    display: 'inline-block',
    width: 16,
    height: 0,
    borderTop: `2px solid ${theme.palette.primary.main}`,
  },
  details: { marginTop: theme.spacing(1) },
  summary: { cursor: 'pointer' },
}));

function ChartTooltip(props: TooltipContentProps) {
  const classes = useStyles();
  if (!props.active || !props.payload?.length) return null;
  const point = props.payload[0].payload as TimePoint;
  return (
    <div className={classes.tooltip} data-testid="chart-tooltip">
      <Typography variant="subtitle2" component="div">
        {point.heading}
      </Typography>
      {point.lines.map(line => (
        <Typography key={line} variant="body2" component="div">
          {line}
        </Typography>
      ))}
    </div>
  );
}

/**
 * A daily series on a time axis, drawn with recharts: reference values (the objective, an
 * exhausted budget) as horizontal lines, corrected days as shaded bands, deploys as vertical
 * markers, and a tooltip per day (mouse, or arrow keys once the chart has focus). The chart is an
 * image named by `title` and described by `summary`; `table` holds the same data as a table.
 */
export function TimeChart(props: {
  title: string;
  summary: string;
  points: TimePoint[];
  xDomain: [number, number];
  xTicks: number[];
  formatX: (ms: number) => string;
  xLabel: string;
  domain: [number, number];
  yTicks: number[];
  formatY: (value: number) => string;
  yLabel: string;
  valueName: string;
  references: ReferenceValue[];
  bands: CorrectionBand[];
  deploys: DeployMark[];
  bandLabel: string;
  deployLabel: string;
  tableLabel: string;
  table: ReactNode;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const id = useId();
  const summaryId = `${id}-summary`;
  const tone = {
    objective: theme.palette.success.main,
    danger: theme.palette.error.main,
  };
  const axisText = { fill: theme.palette.text.secondary, fontSize: 11 };

  return (
    <figure className={classes.figure}>
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
        <LineChart
          data={props.points}
          margin={{ top: 12, right: 16, bottom: 24, left: 24 }}
          role="img"
          aria-label={props.title}
          aria-describedby={summaryId}
        >
          <CartesianGrid stroke={theme.palette.divider} vertical={false} />
          {props.bands.map(b => (
            <ReferenceArea
              key={`band-${b.firstDay}`}
              className="slo-chart-correction"
              x1={b.x1}
              x2={b.x2}
              fill={theme.palette.warning.main}
              fillOpacity={0.25}
              ifOverflow="hidden"
            />
          ))}
          <XAxis
            dataKey="x"
            type="number"
            scale="time"
            domain={props.xDomain}
            ticks={props.xTicks}
            tickFormatter={props.formatX}
            tick={axisText}
            stroke={theme.palette.divider}
            label={{
              value: props.xLabel,
              position: 'insideBottom',
              offset: -16,
              fill: theme.palette.text.secondary,
              fontSize: 11,
            }}
          />
          <YAxis
            domain={props.domain}
            ticks={props.yTicks}
            tickFormatter={props.formatY}
            tick={axisText}
            stroke={theme.palette.divider}
            allowDataOverflow
            width={72}
            label={{
              value: props.yLabel,
              angle: -90,
              position: 'insideLeft',
              offset: -12,
              fill: theme.palette.text.secondary,
              fontSize: 11,
              style: { textAnchor: 'middle' },
            }}
          />
          {props.references.map(r => (
            <ReferenceLine
              key={`ref-${r.tone}-${r.value}`}
              className={`slo-chart-${r.tone}`}
              y={r.value}
              stroke={tone[r.tone]}
              strokeDasharray={r.tone === 'objective' ? '6 4' : '2 3'}
              strokeWidth={1.5}
              ifOverflow="extendDomain"
              label={{
                value: r.label,
                position: 'insideTopRight',
                fill: theme.palette.text.secondary,
                fontSize: 11,
              }}
            />
          ))}
          {props.deploys.map(d => (
            <ReferenceLine
              key={`deploy-${d.id}`}
              className="slo-chart-deploy"
              x={d.x}
              stroke={theme.palette.info.main}
              strokeDasharray="4 3"
              strokeWidth={1.5}
            />
          ))}
          <Tooltip
            content={ChartTooltip}
            cursor={{ stroke: theme.palette.text.secondary, strokeWidth: 1 }}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="value"
            name={props.valueName}
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            isAnimationActive={false}
            dot={(dot: { cx?: number; cy?: number; index?: number; payload?: TimePoint }) => (
              <circle
                key={`dot-${dot.index}`}
                cx={dot.cx}
                cy={dot.cy}
                r={3}
                fill={dot.payload?.bad ? theme.palette.error.main : theme.palette.primary.main}
              />
            )}
            activeDot={{ r: 5 }}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>
        <div className={classes.legend}>
          <span className={classes.legendItem}>
            <span className={classes.line} aria-hidden />
            <Typography variant="caption">{props.valueName}</Typography>
          </span>
          {props.bands.length > 0 && (
            <span className={classes.legendItem}>
              <span className={classes.band} aria-hidden />
              <Typography variant="caption">{props.bandLabel}</Typography>
            </span>
          )}
          {props.deploys.length > 0 && (
            <span className={classes.legendItem}>
              <span className={classes.deploy} aria-hidden />
              <Typography variant="caption">{props.deployLabel}</Typography>
            </span>
          )}
        </div>
        <Typography id={summaryId} variant="body2" color="textSecondary">
          {props.summary}
        </Typography>
      </figcaption>
      <details className={classes.details}>
        <summary className={classes.summary}>
          <Typography variant="body2" component="span">
            {props.tableLabel}
          </Typography>
        </summary>
        {props.table}
      </details>
    </figure>
  );
}
