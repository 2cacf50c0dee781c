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
import { useAnalytics, useRequestTypes } from '../../hooks/useSupport';
import { supportTranslationRef } from '../../translation';
import { shortRef, useTypeTitle } from '../RequestTable';

/** Horizontal SVG bars with labels and counts. */
function Bars(props: { title: string; rows: Array<{ label: string; count: number }> }) {
  const max = Math.max(1, ...props.rows.map(r => r.count));
  const rowHeight = 26;
  const labelWidth = 230;
  const width = 640;
  return (
    <Paper style={{ padding: 16, height: '100%' }}>
      <Typography variant="h6">{props.title}</Typography>
      <svg role="img" aria-label={props.title} width="100%" viewBox={`0 0 ${width} ${props.rows.length * rowHeight + 4}`}>
        {props.rows.map((r, i) => {
          const w = ((width - labelWidth - 50) * r.count) / max;
          return (
            <g key={r.label} transform={`translate(0, ${i * rowHeight})`}>
              <text x={0} y={17} fontSize={13} fill="currentColor">
                {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
              </text>
              <rect x={labelWidth} y={5} width={Math.max(2, w)} height={16} fill="#1976d2" rx={2} />
              <text x={labelWidth + w + 6} y={17} fontSize={13} fill="currentColor">
                {r.count}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}

/** "Analytics": volume by type, team and month, medians, and the most repeated types. */
export function SupportAnalytics() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { value, loading, error } = useAnalytics();
  const { value: types } = useRequestTypes();
  const typeTitle = useTypeTitle(types);
  if (loading) return <Progress />;
  if (error) {
    return <WarningPanel severity="error" title={(error as any).response?.status === 403 ? t('analytics.notAllowed') : t('common.loadFailed', { message: error.message })} />;
  }
  if (!value) return null;
  const minutes = (m?: number) => (m === undefined ? t('common.none') : formatMinutes(m));
  return (
    <Box>
      <Typography variant="h5">{t('analytics.title')}</Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {t('analytics.total', { count: value.total })}
      </Typography>
      {!value.total ? (
        <Typography>{t('analytics.empty')}</Typography>
      ) : (
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <Paper style={{ padding: 16 }}>
              <Typography variant="subtitle2">{t('analytics.medianFirstResponse')}</Typography>
              <Typography variant="h4" data-testid="median-first-response">{minutes(value.medianFirstResponseMinutes)}</Typography>
            </Paper>
          </Grid>
          <Grid item xs={12} md={6}>
            <Paper style={{ padding: 16 }}>
              <Typography variant="subtitle2">{t('analytics.medianResolution')}</Typography>
              <Typography variant="h4">{minutes(value.medianResolutionMinutes)}</Typography>
            </Paper>
          </Grid>
          <Grid item xs={12} md={6}>
            <Bars title={t('analytics.byType')} rows={value.byType.map(x => ({ label: typeTitle(x.type), count: x.count }))} />
          </Grid>
          <Grid item xs={12} md={6}>
            <Bars title={t('analytics.byTeam')} rows={value.byTeam.map(x => ({ label: shortRef(x.team) ?? x.team, count: x.count }))} />
          </Grid>
          <Grid item xs={12} md={6}>
            <Bars title={t('analytics.byMonth')} rows={value.byMonth.map(x => ({ label: x.month, count: x.count }))} />
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
