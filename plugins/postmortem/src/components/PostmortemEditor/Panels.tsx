import { useApi, useTranslationRef, identityApiRef } from '@backstage/frontend-plugin-api';
import type { ActionItemPriority, Postmortem, PostmortemRevision } from '@internal/plugin-postmortem-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { usePostmortemApi } from '../../hooks/usePostmortemApi';
import { shortRef } from '@internal/plugin-portal-react';
import { percent, utcMinute } from '../../lib/format';
import { postmortemTranslationRef } from '../../translation';
import { ActionItemsTable, Field, SelectField, StatusChip } from '../Shared';
import { DiffView } from './DiffView';

type PanelProps = {
  pm: Postmortem;
  readOnly: boolean;
  onChanged: (pm?: Postmortem) => void;
  onError: (e: Error) => void;
};

async function attempt(fn: () => Promise<unknown>, onError: (e: Error) => void) {
  try {
    await fn();
    return true;
  } catch (e) {
    onError(e as Error);
    return false;
  }
}

/** The stored SLO impact of the incident window, and a way to recompute it. */
export function ImpactPanel(props: PanelProps) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const { pm, readOnly } = props;
  const [busy, setBusy] = useState(false);
  const impact = pm.impact;
  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
        <Typography variant="h6">{t('impact.title')}</Typography>
        {!readOnly && pm.startedAt && (
          <Button
            variant="outlined"
            size="small"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await attempt(async () => props.onChanged(await api.recomputeImpact(pm.id)), props.onError);
              setBusy(false);
            }}
          >
            {t('impact.recompute')}
          </Button>
        )}
      </Box>
      {!impact && <Typography>{t('impact.none')}</Typography>}
      {impact?.error && <Alert severity="warning">{t('impact.error', { message: impact.error })}</Alert>}
      {impact && impact.slos.length > 0 && (
        <>
          <Typography variant="body2" gutterBottom>
            {t('impact.window', { from: utcMinute(impact.from), to: utcMinute(impact.to) })} ·{' '}
            {t('impact.computedAt', { at: utcMinute(impact.computedAt) })}
          </Typography>
          <Table size="small" aria-label={t('impact.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('impact.slo')}</TableCell>
                <TableCell align="right">{t('impact.bad')}</TableCell>
                <TableCell align="right">{t('impact.total')}</TableCell>
                <TableCell align="right">{t('impact.budget')}</TableCell>
                <TableCell align="right">
                  {t('impact.peak', { minutes: String(impact.slos[0].bucketSeconds / 60) })}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {impact.slos.map(s => (
                <TableRow key={s.name}>
                  <TableCell>
                    {s.name} · {s.objective} % · {s.window}
                  </TableCell>
                  <TableCell align="right">{s.bad.toLocaleString()}</TableCell>
                  <TableCell align="right">{s.total.toLocaleString()}</TableCell>
                  <TableCell align="right">{percent(s.budgetConsumedRatio)}</TableCell>
                  <TableCell align="right">{s.peakBurnRate.toFixed(1)}×</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box mt={2}>
            <Typography variant="subtitle2">{t('impact.endpoints')}</Typography>
            <Table size="small" aria-label={t('impact.endpoints')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('impact.endpoint')}</TableCell>
                  <TableCell align="right">{t('impact.bad')}</TableCell>
                  <TableCell align="right">{t('impact.total')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {impact.slos.flatMap(s =>
                  s.endpoints.map(e => (
                    <TableRow key={`${s.name}-${e.resource}`}>
                      <TableCell>{e.resource}</TableCell>
                      <TableCell align="right">{e.bad.toLocaleString()}</TableCell>
                      <TableCell align="right">{e.total.toLocaleString()}</TableCell>
                    </TableRow>
                  )),
                )}
              </TableBody>
            </Table>
          </Box>
        </>
      )}
    </Box>
  );
}

const PRIORITIES: ActionItemPriority[] = ['P1', 'P2', 'P3', 'P4'];

/** The postmortem's action items: status changes (also after publication), add and remove. */
export function ActionItemsPanel(props: PanelProps) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const { pm, readOnly } = props;
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(pm.ownerRef ?? '');
  const [priority, setPriority] = useState<ActionItemPriority>('P2');
  const [due, setDue] = useState('');
  const [link, setLink] = useState('');
  return (
    <Box>
      {!readOnly && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} alignItems="center" mb={2}>
          <Field
            size="small"
            variant="outlined"
            label={t('items.itemTitle')}
            value={title}
            onChange={e => setTitle(e.target.value)}
            style={{ minWidth: 280 }}
          />
          <Field
            size="small"
            variant="outlined"
            label={t('items.owner')}
            helperText={t('items.ownerHelp')}
            value={owner}
            onChange={e => setOwner(e.target.value)}
          />
          <SelectField
            label={t('items.priority')}
            value={priority}
            onChange={v => setPriority(v as ActionItemPriority)}
            options={PRIORITIES.map(p => ({ value: p, label: p }))}
            minWidth={90}
          />
          <Field
            size="small"
            variant="outlined"
            type="date"
            label={t('items.due')}
            InputLabelProps={{ shrink: true }}
            value={due}
            onChange={e => setDue(e.target.value)}
          />
          <Field
            size="small"
            variant="outlined"
            label={t('items.link')}
            value={link}
            onChange={e => setLink(e.target.value)}
          />
          <Button
            variant="outlined"
            color="primary"
            disabled={!title.trim() || !owner.trim()}
            onClick={() =>
              attempt(async () => {
                await api.addActionItem(pm.id, {
                  title: title.trim(),
                  ownerRef: owner.trim(),
                  priority,
                  ...(due ? { dueDate: due } : {}),
                  ...(link.trim() ? { link: link.trim() } : {}),
                });
                setTitle('');
                setLink('');
                props.onChanged();
              }, props.onError)
            }
          >
            {t('items.add')}
          </Button>
        </Box>
      )}
      <ActionItemsTable
        items={pm.actionItems}
        label={t('items.title')}
        empty={t('items.empty')}
        onStatus={(item, status) =>
          attempt(async () => {
            await api.updateActionItem(pm.id, item.id, { status });
            props.onChanged();
          }, props.onError)
        }
        onRemove={
          readOnly
            ? undefined
            : item =>
                attempt(async () => {
                  await api.deleteActionItem(pm.id, item.id);
                  props.onChanged();
                }, props.onError)
        }
      />
    </Box>
  );
}

/** Review state: reviewers and their approvals; send for review, approve, reopen. */
export function ReviewPanel(props: PanelProps) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const identity = useApi(identityApiRef);
  const me = useAsync(async () => (await identity.getBackstageIdentity()).userEntityRef, [identity]);
  const { pm } = props;
  const [reviewers, setReviewers] = useState(pm.reviewers.map(r => r.userRef).join(', '));
  const mine = pm.reviewers.find(r => r.userRef === me.value);
  const act = (fn: () => Promise<Postmortem>) => attempt(async () => props.onChanged(await fn()), props.onError);
  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={2}>
        <Typography variant="h6">{t('review.title')}</Typography>
        <StatusChip status={pm.status} />
      </Box>
      <Alert severity={pm.status === 'published' ? 'success' : 'info'}>
        {pm.status === 'draft' && t('review.draftHint')}
        {pm.status === 'in_review' && t('review.inReviewHint')}
        {pm.status === 'published' && t('review.publishedHint', { at: `${utcMinute(pm.publishedAt)} UTC` })}
      </Alert>
      {pm.reviewers.length > 0 && (
        <Table size="small" aria-label={t('review.reviewers')} style={{ marginTop: 16, maxWidth: 640 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('review.reviewers')}</TableCell>
              <TableCell>{t('list.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pm.reviewers.map(r => (
              <TableRow key={r.userRef}>
                <TableCell>{shortRef(r.userRef)}</TableCell>
                <TableCell>
                  {r.approvedAt
                    ? `✓ ${t('review.approved', { at: `${utcMinute(r.approvedAt)} UTC` })}`
                    : t('review.pending')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} alignItems="center" mt={2}>
        {pm.status === 'draft' && (
          <>
            <Field
              size="small"
              variant="outlined"
              label={t('review.reviewers')}
              helperText={t('review.reviewersHelp')}
              value={reviewers}
              onChange={e => setReviewers(e.target.value)}
              style={{ minWidth: 420 }}
            />
            <Button
              variant="contained"
              color="primary"
              disabled={!reviewers.trim()}
              onClick={() =>
                act(() =>
                  api.requestReview(
                    pm.id,
                    reviewers
                      .split(',')
                      .map(r => r.trim())
                      .filter(Boolean),
                  ),
                )
              }
            >
              {t('review.request')}
            </Button>
          </>
        )}
        {pm.status === 'in_review' && mine && !mine.approvedAt && (
          <Button variant="contained" color="primary" onClick={() => act(() => api.approve(pm.id))}>
            {t('review.approve')}
          </Button>
        )}
        {pm.status !== 'draft' && (
          <Button variant="outlined" onClick={() => act(() => api.reopen(pm.id))}>
            {t('review.reopen')}
          </Button>
        )}
      </Box>
    </Box>
  );
}

/** Revisions with a diff between any two, and the postmortem's history of actions. */
export function HistoryPanel(props: { pm: Postmortem }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const { pm } = props;
  const revisions = useAsync(() => api.revisions(pm.id), [api, pm.id, pm.revision]);
  const history = useAsync(() => api.history(pm.id), [api, pm.id, pm.updatedAt]);
  const [from, setFrom] = useState<number>(Math.max(1, pm.revision - 1));
  const [to, setTo] = useState<number>(pm.revision);
  useEffect(() => {
    setTo(pm.revision);
    setFrom(Math.max(1, pm.revision - 1));
  }, [pm.revision]);
  const byNumber = new Map<number, PostmortemRevision>((revisions.value ?? []).map(r => [r.revision, r]));
  const a = byNumber.get(from);
  const b = byNumber.get(to);
  const options = (revisions.value ?? []).map(r => ({
    value: String(r.revision),
    label: `${r.revision} · ${shortRef(r.author)} · ${utcMinute(r.createdAt)}`,
  }));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <Typography variant="h6">{t('history.revisions')}</Typography>
        <Box display="flex" style={{ gap: 8 }} my={2}>
          <SelectField
            label={t('history.from')}
            value={String(from)}
            onChange={v => setFrom(Number(v))}
            options={options}
            minWidth={260}
          />
          <SelectField
            label={t('history.to')}
            value={String(to)}
            onChange={v => setTo(Number(v))}
            options={options}
            minWidth={260}
          />
        </Box>
        {a && b && (
          <DiffView
            before={`# ${a.title}\n\n${a.document}`}
            after={`# ${b.title}\n\n${b.document}`}
            label={t('history.compare', { from: String(from), to: String(to) })}
            emptyText={t('history.noChanges')}
          />
        )}
      </Grid>
      <Grid item xs={12} md={4}>
        <Typography variant="h6">{t('history.events')}</Typography>
        <Table size="small" aria-label={t('history.events')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('history.at')}</TableCell>
              <TableCell>{t('history.author')}</TableCell>
              <TableCell>{t('history.action')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(history.value ?? []).map((h, i) => (
              <TableRow key={i}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>{utcMinute(h.at)}</TableCell>
                <TableCell>{shortRef(h.actor)}</TableCell>
                <TableCell>
                  {h.action}
                  {h.detail ? ` · ${h.detail}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Grid>
    </Grid>
  );
}
