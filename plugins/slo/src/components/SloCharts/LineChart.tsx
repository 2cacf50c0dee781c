import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { linearScale, polylinePath } from '../../lib/chart';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 72 };

export interface ChartPoint {
  key: string;
  value: number;
  /** What the point's tooltip says. */
  label: string;
  /** Requests of this day were (partly) left out by a correction. */
  corrected: boolean;
  /** Drawn in the error colour (e.g. a day below the objective). */
  bad?: boolean;
}

export interface ChartLine {
  value: number;
  label: string;
  tone: 'objective' | 'danger';
}

const useStyles = makeStyles(theme => ({
  svg: { display: 'block', width: '100%', height: 'auto' },
  axis: { stroke: theme.palette.divider, strokeWidth: 1 },
  tick: { fill: theme.palette.text.secondary, fontSize: 11 },
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 2 },
  point: { fill: theme.palette.primary.main },
  bad: { fill: theme.palette.error.main },
  objective: {
    stroke: theme.palette.success.main,
    strokeDasharray: '6 4',
    strokeWidth: 1.5,
  },
  danger: {
    stroke: theme.palette.error.main,
    strokeDasharray: '2 3',
    strokeWidth: 1.5,
  },
  lineLabel: { fill: theme.palette.text.secondary, fontSize: 11 },
  corrected: { fill: theme.palette.warning.main, fillOpacity: 0.25 },
  legend: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    backgroundColor: theme.palette.warning.main,
    opacity: 0.4,
  },
}));

/**
 * A small line chart drawn as inline SVG: one value per day, horizontal reference lines, and
 * shaded bands behind corrected days. The SVG is an image with a title and a description; each
 * point has its own tooltip.
 */
export function LineChart(props: {
  title: string;
  description: string;
  points: ChartPoint[];
  domain: [number, number];
  ticks: Array<{ value: number; label: string }>;
  lines: ChartLine[];
  firstLabel: string;
  lastLabel: string;
  correctedLabel: string;
}) {
  const classes = useStyles();
  const id = useId();
  const { points, domain } = props;
  const plotRight = WIDTH - PAD.right;
  const plotBottom = HEIGHT - PAD.bottom;
  const slot = (plotRight - PAD.left) / Math.max(points.length, 1);
  const x = (i: number) => PAD.left + slot * (i + 0.5);
  const y = linearScale(domain, [plotBottom, PAD.top]);
  const clampY = (v: number) => y(Math.min(domain[1], Math.max(domain[0], v)));
  const anyCorrected = points.some(p => p.corrected);

  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {points.map((p, i) =>
          p.corrected ? (
            <rect
              key={`band-${p.key}`}
              className={classes.corrected}
              x={x(i) - slot / 2}
              y={PAD.top}
              width={slot}
              height={plotBottom - PAD.top}
              data-corrected-day={p.key}
            />
          ) : null,
        )}
        <line
          className={classes.axis}
          x1={PAD.left}
          x2={PAD.left}
          y1={PAD.top}
          y2={plotBottom}
        />
        <line
          className={classes.axis}
          x1={PAD.left}
          x2={plotRight}
          y1={plotBottom}
          y2={plotBottom}
        />
        {props.ticks.map(tick => (
          <text
            key={`tick-${tick.value}`}
            className={classes.tick}
            x={PAD.left - 6}
            y={y(tick.value)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {tick.label}
          </text>
        ))}
        {props.lines.map(line => (
          <g key={`line-${line.tone}-${line.value}`}>
            <line
              className={classes[line.tone]}
              x1={PAD.left}
              x2={plotRight}
              y1={y(line.value)}
              y2={y(line.value)}
            />
            <text
              className={classes.lineLabel}
              x={plotRight - 4}
              y={y(line.value) - 4}
              textAnchor="end"
            >
              {line.label}
            </text>
          </g>
        ))}
        {points.length > 1 && (
          <path
            className={classes.line}
            d={polylinePath(points.map((p, i) => [x(i), clampY(p.value)]))}
          />
        )}
        {points.map((p, i) => (
          <circle
            key={`point-${p.key}`}
            className={p.bad ? classes.bad : classes.point}
            cx={x(i)}
            cy={clampY(p.value)}
            r={3}
          >
            <title>{p.label}</title>
          </circle>
        ))}
        <text
          className={classes.tick}
          x={PAD.left}
          y={HEIGHT - 8}
          textAnchor="start"
        >
          {props.firstLabel}
        </text>
        <text
          className={classes.tick}
          x={plotRight}
          y={HEIGHT - 8}
          textAnchor="end"
        >
          {props.lastLabel}
        </text>
      </svg>
      {anyCorrected && (
        <figcaption className={classes.legend}>
          <span className={classes.swatch} aria-hidden />
          <Typography variant="caption">{props.correctedLabel}</Typography>
        </figcaption>
      )}
    </figure>
  );
}
