import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { supportTranslationRef } from '../../translation';

export interface VolumeRow {
  key: string;
  label: string;
  count: number;
}

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), height: '100%' },
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

function VolumeTooltip(props: TooltipContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(supportTranslationRef);
  if (!props.active || !props.payload?.length) return null;
  const row = props.payload[0].payload as VolumeRow;
  return (
    <div className={classes.tooltip} data-testid="support-chart-tooltip">
      <Typography variant="subtitle2" component="div">
        {row.label}
      </Typography>
      <Typography variant="body2" component="div">
        {t('analytics.requestsCount', { count: row.count })}
      </Typography>
    </div>
  );
}

/**
 * Request volume per category as a recharts bar chart (bars across for types and teams, columns
 * for months): a tooltip per bar (mouse, or the arrow keys once the chart has focus), axis
 * titles, a summary and the same numbers as a table.
 */
export function VolumeChart(props: {
  title: string;
  categoryLabel: string;
  rows: VolumeRow[];
  orientation: 'bars' | 'columns';
}) {
  const { t } = useTranslationRef(supportTranslationRef);
  const classes = useStyles();
  const theme = useTheme();
  const summaryId = `${useId()}-summary`;
  const { rows } = props;
  const axisText = { fill: theme.palette.text.secondary, fontSize: 11 };
  const countAxisLabel = {
    value: t('analytics.count'),
    fill: theme.palette.text.secondary,
    fontSize: 11,
  };
  const top = rows.reduce<VolumeRow | undefined>((best, r) => (!best || r.count > best.count ? r : best), undefined);
  const bars = props.orientation === 'bars';
  const height = bars ? Math.max(120, rows.length * 30 + 56) : 240;
  return (
    <Paper className={classes.paper}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('analytics.empty')}
        </Typography>
      ) : (
        <figure className={classes.figure}>
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
            <BarChart
              data={rows}
              layout={bars ? 'vertical' : 'horizontal'}
              margin={{ top: 8, right: 24, bottom: 24, left: 8 }}
              role="img"
              aria-label={props.title}
              aria-describedby={summaryId}
            >
              <CartesianGrid stroke={theme.palette.divider} horizontal={!bars} vertical={bars} />
              {bars ? (
                <>
                  <XAxis
                    type="number"
                    allowDecimals={false}
                    tick={axisText}
                    stroke={theme.palette.divider}
                    label={{ ...countAxisLabel, position: 'insideBottom', offset: -16 }}
                  />
                  <YAxis
                    type="category"
                    dataKey="label"
                    width={190}
                    tick={axisText}
                    stroke={theme.palette.divider}
                    interval={0}
                  />
                </>
              ) : (
                <>
                  <XAxis
                    dataKey="label"
                    tick={axisText}
                    stroke={theme.palette.divider}
                    label={{
                      value: props.categoryLabel,
                      position: 'insideBottom',
                      offset: -16,
                      fill: theme.palette.text.secondary,
                      fontSize: 11,
                    }}
                  />
                  <YAxis
                    allowDecimals={false}
                    tick={axisText}
                    stroke={theme.palette.divider}
                    width={48}
                    label={{ ...countAxisLabel, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
                  />
                </>
              )}
              <Tooltip
                content={VolumeTooltip}
                cursor={{ fill: theme.palette.action.hover }}
                isAnimationActive={false}
              />
              <Bar dataKey="count" fill={theme.palette.primary.main} radius={2} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <Typography component="figcaption" id={summaryId} variant="body2" color="textSecondary">
            {t('analytics.chartSummary', {
              categories: String(rows.length),
              top: top?.label ?? '',
              count: top?.count ?? 0,
            })}
          </Typography>
          <details className={classes.details}>
            <summary className={classes.summary}>
              <Typography variant="body2" component="span">
                {t('analytics.showTable')}
              </Typography>
            </summary>
            <Table size="small" aria-label={props.title}>
              <TableHead>
                <TableRow>
                  <TableCell>{props.categoryLabel}</TableCell>
                  <TableCell align="right">{t('analytics.count')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(r => (
                  <TableRow key={r.key}>
                    <TableCell>{r.label}</TableCell>
                    <TableCell align="right">{r.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        </figure>
      )}
    </Paper>
  );
}
