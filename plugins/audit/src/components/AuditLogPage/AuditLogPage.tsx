import { Content, ContentHeader, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { auditApiRef, type AuditQuery, type AuditRecord } from '../../api/AuditApi';
import { auditTranslationRef } from '../../translation';
import { isAuditSummaryCode } from '@internal/plugin-audit-common';

const PLUGINS = ['prr', 'postmortem', 'support', 'slo', 'catalog'];
const ANY = 'any';
const PAGE = 100;

/** The record's fields as stored (keys and values as the plugin wrote them). */
function describeMeta(record: AuditRecord): string {
  return Object.entries(record.meta ?? {})
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The audit log for the platform team: newest first, filtered by plugin, user and result. */
export function AuditLogPage() {
  const { t } = useTranslationRef(auditTranslationRef);
  const api = useApi(auditApiRef);
  const [filters, setFilters] = useState<AuditQuery>({});
  const [actorText, setActorText] = useState('');
  const [items, setItems] = useState<AuditRecord[]>([]);
  const [nextBefore, setNextBefore] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  // The change in the reader's language; a code this page does not know: the backend's English.
  const summaryOf = (record: AuditRecord) =>
    isAuditSummaryCode(record.summaryCode)
      ? (t as unknown as (key: string, options: Record<string, string>) => string)(
          `summaries.${record.summaryCode}`,
          Object.fromEntries(Object.entries(record.summaryParams ?? {}).map(([k, v]) => [k, String(v)])),
        )
      : record.summary;

  const load = useCallback(
    async (before?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.listEvents({ ...filters, before, limit: PAGE });
        setItems(current => (before ? [...current, ...page.items] : page.items));
        setNextBefore(page.nextBefore);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, filters],
  );

  useEffect(() => {
    load();
  }, [load]);

  const forbidden = (error as { response?: { status?: number } } | undefined)?.response?.status === 403;

  return (
    <Content>
      <ContentHeader description={t('page.description')}>
        <Button variant="outlined" onClick={() => load()} disabled={loading}>
          {t('page.refresh')}
        </Button>
      </ContentHeader>
      <Box display="flex" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          variant="outlined"
          size="small"
          id="audit-filter-plugin"
          label={t('filters.plugin')}
          value={filters.plugin ?? ANY}
          onChange={e =>
            setFilters(f => ({
              ...f,
              plugin: e.target.value === ANY ? undefined : e.target.value,
            }))
          }
          style={{ minWidth: 180 }}
        >
          <MenuItem value={ANY}>{t('filters.any')}</MenuItem>
          {PLUGINS.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          variant="outlined"
          size="small"
          id="audit-filter-actor"
          label={t('filters.actor')}
          placeholder={t('filters.actorPlaceholder')}
          value={actorText}
          onChange={e => setActorText(e.target.value)}
          onBlur={() => setFilters(f => ({ ...f, actor: actorText.trim() || undefined }))}
          onKeyDown={e => {
            if (e.key === 'Enter') setFilters(f => ({ ...f, actor: actorText.trim() || undefined }));
          }}
          style={{ minWidth: 280 }}
        />
        <TextField
          select
          variant="outlined"
          size="small"
          id="audit-filter-status"
          label={t('filters.status')}
          value={filters.status ?? ANY}
          onChange={e =>
            setFilters(f => ({
              ...f,
              status: e.target.value === ANY ? undefined : (e.target.value as 'succeeded' | 'failed'),
            }))
          }
          style={{ minWidth: 160 }}
        >
          <MenuItem value={ANY}>{t('filters.any')}</MenuItem>
          <MenuItem value="succeeded">{t('status.succeeded')}</MenuItem>
          <MenuItem value="failed">{t('status.failed')}</MenuItem>
        </TextField>
      </Box>
      {forbidden && <Alert status="warning" icon role="status" title={t('page.forbidden')} />}
      {error && !forbidden && (
        <ResponseErrorPanel error={error} title={t('page.loadFailed', { message: error.message })} />
      )}
      {loading && items.length === 0 && <Progress />}
      {!error && !loading && items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('page.empty')}
        </Typography>
      )}
      {items.length > 0 && (
        <Table size="small" aria-label={t('nav.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('columns.time')}</TableCell>
              <TableCell>{t('columns.actor')}</TableCell>
              <TableCell>{t('columns.plugin')}</TableCell>
              <TableCell>{t('columns.event')}</TableCell>
              <TableCell>{t('columns.status')}</TableCell>
              <TableCell>{t('columns.details')}</TableCell>
              <TableCell>{t('columns.requestId')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(record => (
              <TableRow key={record.id}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {new Date(record.occurredAt).toLocaleString(locale)}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>{record.actor ?? t('actor.unknown')}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>{record.plugin}</TableCell>
                <TableCell>
                  <code>{record.eventId}</code>
                  {record.request && (
                    <Typography variant="caption" display="block" color="textSecondary">
                      {record.request.method} {record.request.url}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={t(`status.${record.status}`)}
                    color={record.status === 'failed' ? 'secondary' : 'default'}
                  />
                </TableCell>
                <TableCell style={{ maxWidth: 420, wordBreak: 'break-word' }}>
                  {summaryOf(record) && <Typography variant="body2">{summaryOf(record)}</Typography>}
                  {record.meta && Object.keys(record.meta).length > 0 && (
                    <Typography variant="caption" display="block" color="textSecondary">
                      <code>{describeMeta(record)}</code>
                    </Typography>
                  )}
                  {record.error && (
                    <Typography variant="caption" display="block" color="error">
                      {t('details.error')}: <code>{record.error}</code>
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Typography variant="caption">{record.requestId}</Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {nextBefore && (
        <Box mt={2}>
          <Button variant="outlined" onClick={() => load(nextBefore)} disabled={loading}>
            {t('page.loadMore')}
          </Button>
        </Box>
      )}
    </Content>
  );
}
