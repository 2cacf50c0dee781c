import { Link, MarkdownContent, Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { STATUSES, type ContextPart, type RequestStatus, type SupportRequest } from '@internal/plugin-support-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { supportApiRef } from '../../api/SupportApi';
import { useLocalized } from '../../hooks/useLanguage';
import { useRequest, useRequestTypes } from '../../hooks/useSupport';
import { useSupportMessages } from '../../lib/messages';
import { supportTranslationRef } from '../../translation';
import { shortRef } from '@internal/plugin-portal-react';
import { useTypeTitle } from '../RequestTable';
import { SlaChip } from '../SlaChip';

const HISTORY_ACTIONS = [
  'created',
  'status',
  'assignee',
  'priority',
  'comment',
  'internal_note',
  'paged',
  'sla_warning',
  'sla_breach',
] as const;

function Part<T>(props: { title: string; part: ContextPart<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const { message } = useSupportMessages();
  const { part } = props;
  return (
    <Box mb={1.5}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">{props.title}</Typography>
        <Chip size="small" variant="outlined" label={t(`freshness.${part.state}` as 'freshness.fresh')} />
      </Box>
      {part.error && (
        <Typography variant="caption" color="error">
          {message(part.errorCode, part.errorParams, part.error)}
        </Typography>
      )}
      {part.data !== undefined && <Box>{props.children(part.data)}</Box>}
    </Box>
  );
}

function ContextPanel(props: { request: SupportRequest }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const c = props.request.context;
  const list = (items: string[]) =>
    items.length ? (
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {items.map((x, i) => (
          <li key={i}>
            <Typography variant="body2">{x}</Typography>
          </li>
        ))}
      </ul>
    ) : (
      <Typography variant="body2">{t('detail.noProblems')}</Typography>
    );
  return (
    <Paper style={{ padding: 16 }} aria-label={t('detail.context')} role="region">
      <Typography variant="h6">{t('detail.context')}</Typography>
      <Typography variant="caption" color="textSecondary" display="block" gutterBottom>
        {t('detail.takenAt', { time: new Date(c.takenAt).toLocaleString() })}
      </Typography>
      <Part title={t('detail.owner')} part={c.owner}>
        {d => <Typography variant="body2">{shortRef(d.ownerRef)}</Typography>}
      </Part>
      <Part title={t('detail.oncall')} part={c.oncall}>
        {d => list(d.map(o => `L${o.level}: ${o.name} (${o.policy})`))}
      </Part>
      <Part title={t('detail.slo')} part={c.slo}>
        {d => (
          <Typography variant="body2">
            {/* An SLO without data (policy no-data) is never shown as 100 %. */}
            {d.policy === 'no-data'
              ? t('detail.sloNoData', { objective: `${d.objective}%` })
              : t('detail.sloValue', {
                  sli: `${(d.sli * 100).toFixed(3)}%`,
                  objective: `${d.objective}%`,
                  budget: `${Math.round(d.budgetRemainingRatio * 100)}%`,
                  policy: d.policy,
                })}
          </Typography>
        )}
      </Part>
      <Part title={t('detail.kubernetes')} part={c.kubernetes}>
        {d => list(d.map(p => `${p.code}: ${p.workload} (${p.cluster}${p.pod ? `, ${p.pod}` : ''})`))}
      </Part>
      <Part title={t('detail.deploys')} part={c.deploys}>
        {d => list(d.map(x => `${new Date(x.at).toLocaleString()} ${x.title}`))}
      </Part>
      <Part title={t('detail.incidents')} part={c.incidents}>
        {d => list(d.map(i => `#${i.number} ${i.title} (${i.status})`))}
      </Part>
    </Paper>
  );
}

/** One request: fields, context snapshot, SLA clocks, comments and internal notes, history. */
export function RequestDetail() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { errorText, message } = useSupportMessages();
  const localized = useLocalized();
  const api = useApi(supportApiRef);
  const id = Number(useParams().id);
  const { value: r, loading, error, retry } = useRequest(id);
  const { value: types } = useRequestTypes();
  const typeTitle = useTypeTitle(types);
  const [comment, setComment] = useState('');
  const [internal, setInternal] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (loading && !r) return <Progress />;
  if (error) return <WarningPanel severity="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!r) return null;
  const type = types?.find(x => x.id === r.type);
  const historyAction = (action: string) =>
    (HISTORY_ACTIONS as readonly string[]).includes(action) ? t(`history.${action}` as 'history.created') : action;
  const historyValue = (value?: string) => {
    if (!value) return '';
    if ((STATUSES as readonly string[]).includes(value)) return t(`status.${value}` as 'status.new');
    if (value === 'first_response') return t('sla.firstResponse');
    if (value === 'resolution') return t('sla.resolution');
    return shortRef(value);
  };
  const act = async (fn: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await fn();
      retry();
    } catch (e) {
      setFailure(errorText(e));
    }
  };
  return (
    <Box>
      <Box mb={1}>
        <Link to="/support/mine">← {t('detail.back')}</Link>
      </Box>
      <Typography variant="h5">
        #{r.id} {r.title}
      </Typography>
      <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }} my={1}>
        <Chip label={typeTitle(r.type)} size="small" />
        <Chip
          label={t(`status.${r.status}` as 'status.new')}
          size="small"
          color="primary"
          data-testid="request-status"
        />
        <Chip label={r.priority} size="small" />
        {r.entityRef && <Chip label={shortRef(r.entityRef)} size="small" variant="outlined" />}
        <Typography variant="body2" color="textSecondary">
          {t('table.requester')}: {shortRef(r.requester)} · {t('table.assignee')}:{' '}
          {r.assignee ? shortRef(r.assignee) : t('common.none')}
        </Typography>
      </Box>
      {failure && <Alert severity="error">{t('detail.actionFailed', { message: failure })}</Alert>}
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <Paper style={{ padding: 16, marginBottom: 16 }}>
            <Typography variant="h6">{t('detail.sla')}</Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
              <SlaChip clock={r.sla.firstResponse} />
              <SlaChip clock={r.sla.resolution} />
            </Box>
            {r.page && (
              <Box mt={1}>
                <Typography variant="subtitle2">{t('detail.page')}</Typography>
                <Typography variant="body2">
                  {r.page.status === 'sent' && t('detail.pageSent', { key: r.page.dedupKey })}
                  {r.page.status === 'deduplicated' &&
                    t('detail.pageJoined', { id: String(r.page.joinedRequestId ?? '') })}
                  {r.page.status === 'failed' &&
                    t('detail.pageFailed', {
                      message: message(r.page.messageCode, r.page.messageParams, r.page.message) ?? '',
                    })}{' '}
                  {r.page.incident &&
                    (r.page.incident.url ? (
                      <Link to={r.page.incident.url}>
                        {t('detail.incident', { number: String(r.page.incident.number) })}
                      </Link>
                    ) : (
                      t('detail.incident', { number: String(r.page.incident.number) })
                    ))}
                </Typography>
              </Box>
            )}
            {r.can.transitions.length > 0 && (
              <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 8 }} alignItems="center">
                <Typography variant="subtitle2">{t('detail.changeStatus')}:</Typography>
                {r.can.transitions.map((s: RequestStatus) => (
                  <Button
                    key={s}
                    size="small"
                    variant="outlined"
                    onClick={() => act(() => api.update(r.id, { status: s }))}
                  >
                    {t(`status.${s}` as 'status.new')}
                  </Button>
                ))}
              </Box>
            )}
          </Paper>
          <Paper style={{ padding: 16, marginBottom: 16 }}>
            <Typography variant="h6">{t('detail.fields')}</Typography>
            {(type?.fields ?? [])
              .filter(f => r.fields[f.id] !== undefined)
              .map(f => (
                <Typography key={f.id} variant="body2">
                  <b>{localized(f.label)}:</b> {String(r.fields[f.id])}
                </Typography>
              ))}
            {r.description && <MarkdownContent content={r.description} />}
          </Paper>
          <Paper style={{ padding: 16, marginBottom: 16 }}>
            <Typography variant="h6">{t('detail.comments')}</Typography>
            {!r.comments.length && <Typography color="textSecondary">{t('detail.noComments')}</Typography>}
            {r.comments.map(c => (
              <Box key={c.id} my={1} p={1} style={{ background: c.internal ? '#fff8e1' : '#f5f5f5', borderRadius: 4 }}>
                <Typography variant="caption" color="textSecondary">
                  {shortRef(c.author)} · {new Date(c.createdAt).toLocaleString()}{' '}
                  {c.internal && `· ${t('detail.internal')}`}
                </Typography>
                <MarkdownContent content={c.body} />
              </Box>
            ))}
            <TextField
              id="support-comment"
              label={t('detail.addComment')}
              value={comment}
              onChange={e => setComment(e.target.value)}
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              margin="dense"
            />
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              {r.can.triage && (
                <FormControlLabel
                  control={<Checkbox checked={internal} onChange={e => setInternal(e.target.checked)} />}
                  label={t('detail.internalToggle')}
                />
              )}
              <Button
                variant="contained"
                color="primary"
                disabled={!comment.trim()}
                onClick={() =>
                  act(async () => {
                    await api.comment(r.id, { body: comment, internal });
                    setComment('');
                    setInternal(false);
                  })
                }
              >
                {t('detail.send')}
              </Button>
            </Box>
          </Paper>
          <Paper style={{ padding: 16 }}>
            <Typography variant="h6">{t('detail.history')}</Typography>
            {r.history.map(h => (
              <Typography key={h.id} variant="body2">
                {new Date(h.at).toLocaleString()} · {shortRef(h.actor)} · {historyAction(h.action)}
                {h.from || h.to ? `: ${historyValue(h.from)} → ${historyValue(h.to)}` : ''}
              </Typography>
            ))}
          </Paper>
        </Grid>
        <Grid item xs={12} md={5}>
          <ContextPanel request={r} />
        </Grid>
      </Grid>
    </Box>
  );
}
