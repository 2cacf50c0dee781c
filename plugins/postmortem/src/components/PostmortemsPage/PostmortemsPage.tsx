import { Content, ContentHeader, InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
// FreshnessChip is the portal's one freshness badge, exported by the infra plugin for reuse.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { FreshnessChip } from '@internal/plugin-infra';
import type { MttrRow } from '@internal/plugin-postmortem-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { lazy, Suspense, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useActionItems, useIncidentMetrics, usePostmortemPages } from '../../hooks/usePostmortems';
import { shortRef } from '@internal/plugin-portal-react';
import { duration, utcMinute } from '../../lib/format';
import { usePostmortemPaths } from '../../routes';
import { postmortemTranslationRef } from '../../translation';
import { ActionItemsTable, Field, LoadFailed, SelectField, StatusChip } from '../Shared';
import { lastDays, MetricsRange, rangeProblem, rangeQuery, type DayRange } from './MetricsRange';

// The chart carries the charting library: loaded apart, after the list.
const MttrChart = lazy(() => import('./MttrChart').then(m => ({ default: m.MttrChart })));

function MetricsTable(props: { rows: MttrRow[]; label: string }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const units = (key: 'units.seconds' | 'units.minutes' | 'units.hoursMinutes', o: Record<string, string>) =>
    t(key, o as any) as string;
  if (!props.rows.length) return <Typography variant="body2">{t('metrics.empty')}</Typography>;
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{t('metrics.ref')}</TableCell>
          <TableCell align="right">{t('metrics.incidents')}</TableCell>
          <TableCell align="right">{t('metrics.mtta')}</TableCell>
          <TableCell align="right">{t('metrics.mttr')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(r => (
          <TableRow key={r.ref}>
            <TableCell>{shortRef(r.ref)}</TableCell>
            <TableCell align="right">{r.incidents}</TableCell>
            <TableCell align="right">{duration(r.mttaSeconds, units)}</TableCell>
            <TableCell align="right">{duration(r.mttrSeconds, units)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** `/postmortems`: search and filters, the list, MTTA/MTTR and the overdue action items. */
export function PostmortemsPage() {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const paths = usePostmortemPaths();
  const [q, setQ] = useState('');
  const [entity, setEntity] = useState('');
  const [team, setTeam] = useState('');
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const list = usePostmortemPages({
    q: q || undefined,
    entity: entity || undefined,
    team: team || undefined,
    severity: severity || undefined,
    status: status || undefined,
    from: from ? `${from}T00:00:00Z` : undefined,
    to: to ? `${to}T23:59:59Z` : undefined,
  });
  const [metricsRange, setMetricsRange] = useState<DayRange>(() => lastDays(7));
  const [askedRange, setAskedRange] = useState<DayRange>(metricsRange);
  const changeMetricsRange = (next: DayRange) => {
    setMetricsRange(next);
    if (!rangeProblem(next)) setAskedRange(next);
  };
  const metrics = useIncidentMetrics(rangeQuery(askedRange));
  const overdue = useActionItems({ overdue: true });
  const any = { value: '', label: t('list.any') };
  return (
    <Content>
      <ContentHeader title={t('list.title')} description={t('list.subtitle')}>
        <Button variant="contained" color="primary" component={RouterLink} to={paths.create()}>
          {t('list.newButton')}
        </Button>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title={t('list.tableTitle')}>
            <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mb={2}>
              <Field
                size="small"
                variant="outlined"
                label={t('list.search')}
                value={q}
                onChange={e => setQ(e.target.value)}
              />
              <Field
                size="small"
                variant="outlined"
                label={t('list.entity')}
                value={entity}
                onChange={e => setEntity(e.target.value)}
              />
              <Field
                size="small"
                variant="outlined"
                label={t('list.team')}
                value={team}
                onChange={e => setTeam(e.target.value)}
              />
              <SelectField
                label={t('list.severity')}
                value={severity}
                onChange={setSeverity}
                options={[any, ...['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(s => ({ value: s, label: s }))]}
              />
              <SelectField
                label={t('list.status')}
                value={status}
                onChange={setStatus}
                options={[
                  any,
                  ...(['draft', 'in_review', 'published'] as const).map(s => ({ value: s, label: t(`status.${s}`) })),
                ]}
              />
              <Field
                size="small"
                variant="outlined"
                type="date"
                label={t('list.from')}
                InputLabelProps={{ shrink: true }}
                value={from}
                onChange={e => setFrom(e.target.value)}
              />
              <Field
                size="small"
                variant="outlined"
                type="date"
                label={t('list.to')}
                InputLabelProps={{ shrink: true }}
                value={to}
                onChange={e => setTo(e.target.value)}
              />
            </Box>
            {list.loading && !list.value && <Progress />}
            {list.error && <LoadFailed error={list.error} onRetry={list.retry} />}
            {list.value && list.value.items.length === 0 && <Typography>{t('list.empty')}</Typography>}
            {list.value && list.value.items.length > 0 && (
              <Table size="small" aria-label={t('list.tableTitle')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('list.columnTitle')}</TableCell>
                    <TableCell>{t('list.entity')}</TableCell>
                    <TableCell>{t('list.team')}</TableCell>
                    <TableCell>{t('list.severity')}</TableCell>
                    <TableCell>{t('list.status')}</TableCell>
                    <TableCell>{t('list.columnStarted')}</TableCell>
                    <TableCell align="right">{t('list.columnOpenItems')}</TableCell>
                    <TableCell>{t('list.columnUpdated')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.value.items.map(p => (
                    <TableRow key={p.id}>
                      <TableCell>
                        <Link to={paths.postmortem(p.id)}>{p.title}</Link>
                      </TableCell>
                      <TableCell>{shortRef(p.entityRef)}</TableCell>
                      <TableCell>{p.ownerRef ? shortRef(p.ownerRef) : t('common.none')}</TableCell>
                      <TableCell>{p.severity}</TableCell>
                      <TableCell>
                        <StatusChip status={p.status} />
                      </TableCell>
                      <TableCell>{utcMinute(p.startedAt)}</TableCell>
                      <TableCell align="right">{p.openActionItems}</TableCell>
                      <TableCell>{utcMinute(p.updatedAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {list.value?.nextCursor && (
              <Box display="flex" alignItems="center" mt={2} style={{ gap: 12 }}>
                <Button variant="outlined" onClick={list.loadMore} disabled={list.loadingMore}>
                  {list.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
                </Button>
                <Typography variant="body2" color="textSecondary">
                  {t('list.shownMore', { count: list.value.items.length })}
                </Typography>
              </Box>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title={t('overdue.title')}>
            {overdue.error && <LoadFailed error={overdue.error} onRetry={overdue.retry} />}
            {overdue.value && (
              <ActionItemsTable
                items={overdue.value}
                label={t('overdue.title')}
                postmortemLink={id => paths.postmortem(id, 'actionItems')}
                empty={t('overdue.empty')}
              />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title={t('metrics.title')}>
            <MetricsRange value={metricsRange} onChange={changeMetricsRange} />
            {metrics.loading && !metrics.value && <Progress />}
            {metrics.error && <LoadFailed error={metrics.error} onRetry={metrics.retry} />}
            {metrics.value && (
              <>
                {metrics.value.freshness && (
                  <Box mb={1}>
                    <FreshnessChip freshness={metrics.value.freshness} source="PagerDuty" />
                  </Box>
                )}
                {metrics.value.freshness?.state === 'loading' && (
                  <Typography variant="body2" color="textSecondary">
                    {t('metrics.loading')}
                  </Typography>
                )}
                {metrics.value.freshness?.state === 'unavailable' && (
                  <Typography variant="body2" color="textSecondary">
                    {t('metrics.unavailable', { error: metrics.value.freshness.error ?? '—' })}
                  </Typography>
                )}
                {metrics.value.freshness?.state !== 'loading' && metrics.value.freshness?.state !== 'unavailable' && (
                  <>
                    {metrics.value.partial && metrics.value.acknowledgements && (
                      <Typography variant="body2" color="textSecondary" title={metrics.value.partial} paragraph>
                        {t('metrics.partial', {
                          read: String(metrics.value.acknowledgements.read),
                          incidents: String(metrics.value.acknowledgements.incidents),
                        })}
                      </Typography>
                    )}
                    <Typography variant="subtitle2">{t('metrics.byTeam')}</Typography>
                    {metrics.value.teams.length > 0 && (
                      <Suspense fallback={<Progress />}>
                        <MttrChart rows={metrics.value.teams} label={t('metrics.chartLabel')} />
                      </Suspense>
                    )}
                    <MetricsTable rows={metrics.value.teams} label={t('metrics.byTeam')} />
                    <Box mt={2} />
                    <Typography variant="subtitle2">{t('metrics.byService')}</Typography>
                    <MetricsTable rows={metrics.value.services} label={t('metrics.byService')} />
                  </>
                )}
              </>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
