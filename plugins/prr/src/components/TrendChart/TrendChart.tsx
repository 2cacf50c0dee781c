import type { ScorePoint } from '@internal/plugin-prr-common';
import { useTheme } from '@material-ui/core/styles';

/** A small SVG line chart of scores (0–100) over days; the label names it for screen readers. */
export function TrendChart(props: { points: ScorePoint[]; label: string; width?: number; height?: number }) {
  const theme = useTheme();
  const width = props.width ?? 640;
  const height = props.height ?? 160;
  const pad = { left: 36, right: 12, top: 10, bottom: 24 };
  const points = props.points;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (score: number) => pad.top + innerH - (Math.max(0, Math.min(100, score)) / 100) * innerH;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const color = theme.palette.primary.main;
  const axis = theme.palette.text.secondary;
  return (
    <svg role="img" aria-label={props.label} width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width }}>
      <title>{props.label}</title>
      {[0, 50, 100].map(v => (
        <g key={v}>
          <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke={theme.palette.divider} />
          <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize={10} fill={axis}>
            {v}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke={color} strokeWidth={2} />
      {points.map((p, i) => (
        <circle key={p.at} cx={x(i)} cy={y(p.score)} r={3} fill={color}>
          <title>{`${p.at}: ${p.score}`}</title>
        </circle>
      ))}
      {points.length > 0 && (
        <>
          <text x={x(0)} y={height - 6} fontSize={10} fill={axis} textAnchor={points.length > 1 ? 'start' : 'middle'}>
            {points[0].at}
          </text>
          {points.length > 1 && (
            <text x={x(points.length - 1)} y={height - 6} fontSize={10} fill={axis} textAnchor="end">
              {points[points.length - 1].at}
            </text>
          )}
        </>
      )}
    </svg>
  );
}
