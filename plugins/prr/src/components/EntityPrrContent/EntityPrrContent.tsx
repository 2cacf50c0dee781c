import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  linesOf,
  type ChecklistItem,
  type ChecklistSection,
  type EntityPrr,
  type HistoryEntry,
} from '@internal/plugin-prr-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { prrApiRef } from '../../api/PrrApi';
import {
  useDateTime,
  useEntityPrr,
  useEvidenceText,
  useLanguage,
  useLocalized,
  usePrrHistory,
} from '../../hooks/usePrr';
import { downloadText } from '@internal/plugin-portal-react';
import { prrTranslationRef } from '../../translation';
import { ItemStatusChip, ReviewStatusChip, TierChip } from '../Chips';
import { ManualItemDialog } from '../ManualItemDialog';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4 },
  item: { borderTop: `1px solid ${theme.palette.divider}`, padding: theme.spacing(1.5, 0) },
  evidence: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    wordBreak: 'break-word',
  },
  // Items that do not apply: secondary text colour (60 % opacity left their titles at 4.3:1 contrast).
  muted: { color: theme.palette.text.secondary },
}));

function useAction() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      after?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function CommentBox(props: { itemId: string; onPost: (text: string) => Promise<void> }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const [text, setText] = useState('');
  return (
    <Box display="flex" gridGap={8} alignItems="flex-end" mt={1}>
      <TextField
        size="small"
        fullWidth
        id={`prr-comment-${props.itemId}`}
        label={t('checklist.addComment')}
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ maxLength: 5000 }}
      />
      <Button
        size="small"
        variant="outlined"
        disabled={!text.trim()}
        onClick={() => props.onPost(text.trim()).then(() => setText(''))}
      >
        {t('checklist.postComment')}
      </Button>
    </Box>
  );
}

function ItemRow(props: {
  item: ChecklistItem;
  editable: boolean;
  hasReview: boolean;
  onAnswer: (item: ChecklistItem) => void;
  onComment: (item: ChecklistItem, text: string) => Promise<void>;
}) {
  const { t } = useTranslationRef(prrTranslationRef);
  const classes = useStyles();
  const local = useLocalized();
  const dateTime = useDateTime();
  const showEvidence = useEvidenceText();
  const { item } = props;
  const [showComments, setShowComments] = useState(false);
  const m = item.manual;
  return (
    <Box className={classes.item} data-testid={`prr-item-${item.id}`} role="listitem" aria-label={local(item.title)}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <ItemStatusChip status={item.status} />
        <Typography variant="subtitle2" component="h4" className={item.applies ? undefined : classes.muted}>
          {local(item.title)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {item.kind === 'automatic' ? t('checklist.automatic', { check: item.check ?? '' }) : t('checklist.manual')}
          {!item.applies && ` · ${t('checklist.outsideTier')}`}
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary">
        {local(item.guidance)}
      </Typography>
      {item.result && item.result.evidence.length > 0 && (
        <ul className={classes.evidence} aria-label={t('checklist.evidence')}>
          {linesOf(item.result).map((line, i) => (
            <li key={i}>{showEvidence(line)}</li>
          ))}
        </ul>
      )}
      {m && m.state !== 'pending' && (
        <Box mt={0.5}>
          {m.evidenceUrl && (
            <Typography variant="body2">
              <Link to={m.evidenceUrl}>{m.evidenceUrl}</Link>
            </Typography>
          )}
          {m.evidenceText && <Typography variant="body2">{m.evidenceText}</Typography>}
          {m.reason && <Typography variant="body2">{t('checklist.reason', { reason: m.reason })}</Typography>}
          <Typography variant="caption" color="textSecondary">
            {t('checklist.answeredBy', {
              state: t(m.state === 'done' ? 'status.pass' : 'status.not-applicable'),
              user: m.updatedBy,
              time: dateTime(m.updatedAt),
            })}
          </Typography>
        </Box>
      )}
      <Box display="flex" gridGap={8} mt={0.5}>
        {item.kind === 'manual' && props.editable && (
          <Button size="small" color="primary" variant="outlined" onClick={() => props.onAnswer(item)}>
            {m && m.state !== 'pending' ? t('checklist.editAnswer') : t('checklist.answer')}
          </Button>
        )}
        {props.hasReview && (
          <Button size="small" onClick={() => setShowComments(s => !s)} aria-expanded={showComments}>
            {t('checklist.comments', { count: item.comments.length })}
          </Button>
        )}
      </Box>
      {showComments && (
        <Box pl={2}>
          {item.comments.map(c => (
            <Typography key={c.id} variant="body2">
              <strong>{c.author}</strong> ({dateTime(c.createdAt)}): {c.text}
            </Typography>
          ))}
          <CommentBox itemId={item.id} onPost={text => props.onComment(item, text)} />
        </Box>
      )}
    </Box>
  );
}

function SectionCard(props: {
  section: ChecklistSection;
  editable: boolean;
  hasReview: boolean;
  onAnswer: (item: ChecklistItem) => void;
  onComment: (item: ChecklistItem, text: string) => Promise<void>;
}) {
  const { t } = useTranslationRef(prrTranslationRef);
  const classes = useStyles();
  const local = useLocalized();
  const { section } = props;
  const p = section.progress;
  const label = t('checklist.sectionProgress', {
    section: local(section.title),
    passed: String(p.passed),
    total: String(p.total),
  });
  return (
    <InfoCard
      title={local(section.title)}
      titleTypographyProps={{ component: 'h3' }}
      subheader={t('checklist.progress', { passed: String(p.passed), total: String(p.total) })}
    >
      <LinearProgress
        variant="determinate"
        value={p.score}
        className={classes.bar}
        aria-label={label}
        aria-valuetext={label}
      />
      <Box role="list" mt={1}>
        {section.items.map(item => (
          <ItemRow key={item.id} item={item} {...props} />
        ))}
      </Box>
    </InfoCard>
  );
}

function SignOffPanel(props: { prr: EntityPrr; onChanged: () => void }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const api = useApi(prrApiRef);
  const dateTime = useDateTime();
  const { entity } = useEntity();
  const ref = parseEntityRef(stringifyEntityRef(entity));
  const { error, busy, run } = useAction();
  const [reason, setReason] = useState('');
  const review = props.prr.review;
  const status = review?.status;
  return (
    <InfoCard title={t('signoff.title')} titleTypographyProps={{ component: 'h2' }}>
      <Box display="flex" flexDirection="column" gridGap={8}>
        <Box display="flex" alignItems="center" gridGap={8}>
          <Typography variant="body2">{t('signoff.state')}</Typography>
          <ReviewStatusChip status={status} />
        </Box>
        {review && <Typography variant="body2">{t('signoff.author', { user: review.author })}</Typography>}
        {review?.decidedBy && (
          <Typography variant="body2">
            {t('signoff.decided', { user: review.decidedBy, time: dateTime(review.decidedAt) })}
          </Typography>
        )}
        <Box display="flex" gridGap={8} flexWrap="wrap">
          {(!review || ['approved', 'drifted', 'changes_requested'].includes(status!)) && (
            <Button
              variant="outlined"
              color="primary"
              disabled={busy}
              onClick={() => run(() => api.openReview(ref), props.onChanged)}
            >
              {review ? t('signoff.reopen') : t('signoff.open')}
            </Button>
          )}
          {(status === 'draft' || status === 'changes_requested') && (
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={() => run(() => api.submit(ref), props.onChanged)}
            >
              {t('signoff.submit')}
            </Button>
          )}
          {status === 'in_review' && (
            <>
              <Button
                variant="contained"
                color="primary"
                disabled={busy}
                onClick={() => run(() => api.approve(ref), props.onChanged)}
              >
                {t('signoff.approve')}
              </Button>
              <TextField
                id="prr-changes-reason"
                size="small"
                label={t('signoff.changesReason')}
                value={reason}
                onChange={e => setReason(e.target.value)}
              />
              <Button
                variant="outlined"
                disabled={busy || !reason.trim()}
                onClick={() => run(() => api.requestChanges(ref, reason.trim()), props.onChanged)}
              >
                {t('signoff.requestChanges')}
              </Button>
            </>
          )}
        </Box>
        {status === 'in_review' && (
          <Typography variant="caption" color="textSecondary">
            {t('signoff.notAuthor')}
          </Typography>
        )}
        {error && (
          <Alert severity="error" role="alert">
            {t('common.actionFailed', { message: error })}
          </Alert>
        )}
      </Box>
    </InfoCard>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function HistoryTable(props: { history?: HistoryEntry[] }) {
  const { t } = useTranslationRef(prrTranslationRef);
  const dateTime = useDateTime();
  const history = props.history ?? [];
  return (
    <InfoCard title={t('history.title')} titleTypographyProps={{ component: 'h2' }}>
      {history.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('history.empty')}
        </Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label={t('history.tableLabel')} style={{ minWidth: 900 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('history.when')}</TableCell>
                <TableCell>{t('history.who')}</TableCell>
                <TableCell>{t('history.what')}</TableCell>
                <TableCell>{t('history.item')}</TableCell>
                <TableCell>{t('history.before')}</TableCell>
                <TableCell>{t('history.after')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {history.map(h => (
                <TableRow key={h.id}>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{dateTime(h.at)}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{h.actor}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{h.action}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{h.itemId ?? '—'}</TableCell>
                  <TableCell
                    style={{ fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-word', width: '30%' }}
                  >
                    {show(h.before)}
                  </TableCell>
                  <TableCell
                    style={{ fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-word', width: '30%' }}
                  >
                    {show(h.after)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </InfoCard>
  );
}

/** The PRR tab: checklist with live results and evidence, progress per section, sign-off, history. */
export function EntityPrrContent() {
  const { t } = useTranslationRef(prrTranslationRef);
  const api = useApi(prrApiRef);
  const classes = useStyles();
  const local = useLocalized();
  const lang = useLanguage();
  const dateTime = useDateTime();
  const { entity } = useEntity();
  const ref = parseEntityRef(stringifyEntityRef(entity));
  const { value, error, loading, retry } = useEntityPrr(entity);
  const [version, setVersion] = useState(0);
  const history = usePrrHistory(entity, `${version}:${value?.review?.updatedAt ?? ''}`);
  const [answering, setAnswering] = useState<ChecklistItem>();
  const action = useAction();
  const reload = () => {
    retry();
    setVersion(v => v + 1);
  };

  if (!value) {
    if (error) {
      return (
        <Alert severity="error" role="status" action={<Button onClick={retry}>{t('common.retry')}</Button>}>
          {t('common.loadFailed', { message: error.message })}
        </Alert>
      );
    }
    return <Progress />;
  }
  const prr = value;
  const status = prr.review?.status;
  const editable = status === 'draft' || status === 'changes_requested' || status === 'in_review';
  const scoreLabel = t('checklist.score', { score: String(prr.score) });
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={t('checklist.title')} titleTypographyProps={{ component: 'h2' }}>
          <Box display="flex" flexDirection="column" gridGap={8}>
            <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
              <TierChip tier={prr.tier} />
              <Typography variant="body2" color="textSecondary">
                {prr.objective !== undefined
                  ? t('tier.fromSlo', { objective: String(prr.objective) })
                  : t('tier.noSlo')}
              </Typography>
              <ReviewStatusChip status={status} />
              <Typography variant="h6" component="p">
                {scoreLabel}
              </Typography>
              <Typography variant="body2">
                {t('checklist.progress', { passed: String(prr.progress.passed), total: String(prr.progress.total) })}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {prr.evaluatedAt
                  ? t('checklist.evaluatedAt', { time: dateTime(prr.evaluatedAt) })
                  : t('checklist.neverEvaluated')}
              </Typography>
              <Box flexGrow={1} />
              <Button
                variant="outlined"
                disabled={loading || action.busy}
                onClick={() => action.run(() => api.evaluate(ref), reload)}
              >
                {t('checklist.evaluate')}
              </Button>
              <Button
                variant="outlined"
                onClick={() =>
                  action.run(async () =>
                    downloadText(
                      await api.exportMarkdown(ref, lang),
                      `prr-${ref.name}.md`,
                      'text/markdown;charset=utf-8',
                    ),
                  )
                }
              >
                {t('checklist.export')}
              </Button>
            </Box>
            <LinearProgress variant="determinate" value={prr.score} className={classes.bar} aria-label={scoreLabel} />
            {status === 'drifted' && prr.review?.driftedAt && (
              <Alert severity="warning">
                {t('signoff.driftedAt', {
                  time: dateTime(prr.review.driftedAt),
                  items: (prr.review.driftedItems ?? []).join(', '),
                })}
              </Alert>
            )}
            {!prr.review && (
              <Typography variant="body2" color="textSecondary">
                {t('checklist.needsReview')}
              </Typography>
            )}
            {action.error && (
              <Alert severity="error" role="alert">
                {t('common.actionFailed', { message: action.error })}
              </Alert>
            )}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          {prr.sections.map(section => (
            <SectionCard
              key={section.id}
              section={section}
              editable={editable}
              hasReview={!!prr.review}
              onAnswer={setAnswering}
              onComment={async (item, text) => {
                await action.run(() => api.addComment(ref, item.id, text), reload);
              }}
            />
          ))}
        </Box>
      </Grid>
      <Grid item xs={12} md={4}>
        <SignOffPanel prr={prr} onChanged={reload} />
      </Grid>
      <Grid item xs={12}>
        <HistoryTable history={history.value} />
      </Grid>
      {answering && (
        <ManualItemDialog
          open
          itemTitle={local(answering.title)}
          answer={answering.manual}
          onClose={() => setAnswering(undefined)}
          onSave={async update => {
            await api.setManual(ref, answering.id, update);
            reload();
          }}
        />
      )}
    </Grid>
  );
}
