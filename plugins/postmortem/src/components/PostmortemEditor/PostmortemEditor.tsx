import { Content, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  mergeTexts,
  renderDocument,
  type Postmortem,
  type PostmortemConflict,
  type Severity,
} from '@internal/plugin-postmortem-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { PostmortemConflictError } from '../../api/PostmortemApi';
import { usePostmortemApi } from '../../hooks/usePostmortemApi';
import { useUiLanguage } from '../../hooks/useLanguage';
import { shortRef } from '@internal/plugin-portal-react';
import { utcMinute } from '../../lib/format';
import { postmortemTranslationRef } from '../../translation';
import { SafeMarkdown } from '../SafeMarkdown';
import { Field, LoadFailed, SelectField, StatusChip } from '../Shared';
import { DiffView } from './DiffView';
import { ActionItemsPanel, HistoryPanel, ImpactPanel, ReviewPanel } from './Panels';
import { TimelinePanel } from './TimelinePanel';

const TABS = ['document', 'timeline', 'impact', 'actionItems', 'review', 'history'] as const;
type TabName = (typeof TABS)[number];

interface Doc {
  title: string;
  severity: Severity;
  document: string;
}
type SaveState = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'error';

const docOf = (pm: { title: string; severity: Severity; document: string }): Doc => ({
  title: pm.title,
  severity: pm.severity,
  document: pm.document,
});
const sameDoc = (a: Doc, b: Doc) => a.title === b.title && a.severity === b.severity && a.document === b.document;

/** How long the editor waits after the last keystroke before it saves. */
export const AUTOSAVE_DELAY_MS = 1200;

/** The editor of one postmortem: Markdown with live preview and autosave, and its panels. */
export function PostmortemEditor(props: { id?: string }) {
  const params = useParams();
  const id = props.id ?? params.id ?? '';
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const uiLanguage = useUiLanguage();
  const [search, setSearch] = useSearchParams();
  const tab: TabName = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as TabName)
    : 'document';

  const [pm, setPm] = useState<Postmortem>();
  const [loadError, setLoadError] = useState<Error>();
  const [actionError, setActionError] = useState<Error>();
  // The last revision known to be on the server, and the text being edited.
  const [base, setBase] = useState<{ revision: number; doc: Doc }>();
  const [draft, setDraft] = useState<Doc>();
  const [state, setState] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<string>();
  const [conflict, setConflict] = useState<PostmortemConflict>();
  const [mergeNote, setMergeNote] = useState(false);
  const saving = useRef(false);
  const mergeButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const fresh = await api.get(id);
      setPm(fresh);
      return fresh;
    } catch (e) {
      setLoadError(e as Error);
      return undefined;
    }
  }, [api, id]);

  useEffect(() => {
    load().then(fresh => {
      if (fresh) {
        setBase({ revision: fresh.revision, doc: docOf(fresh) });
        setDraft(docOf(fresh));
      }
    });
  }, [load]);

  const readOnly = pm?.status === 'published';
  const dirty = !!(draft && base && !sameDoc(draft, base.doc));

  const save = useCallback(async () => {
    if (!draft || !base || saving.current) return;
    saving.current = true;
    setState('saving');
    const sent = draft;
    try {
      const saved = await api.update(id, { baseRevision: base.revision, ...sent });
      setPm(saved);
      setBase({ revision: saved.revision, doc: docOf(saved) });
      setSaveError(undefined);
      setState('saved');
    } catch (e) {
      if (e instanceof PostmortemConflictError) {
        setConflict(e.conflict);
        setState('conflict');
      } else {
        setSaveError((e as Error).message);
        setState('error');
      }
    } finally {
      saving.current = false;
    }
  }, [api, id, draft, base]);

  // Autosave: a while after the last change, unless a conflict waits for the author.
  useEffect(() => {
    if (!dirty || readOnly || state === 'conflict' || state === 'saving') return undefined;
    if (state !== 'error') setState('unsaved');
    const timer = setTimeout(() => {
      save();
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, draft, readOnly, state, save]);

  // After a save, changes typed meanwhile are still unsaved.
  useEffect(() => {
    if (state === 'saved' && dirty) setState('unsaved');
  }, [state, dirty]);

  if (loadError)
    return (
      <Content>
        <LoadFailed error={loadError} />
      </Content>
    );
  if (!pm || !draft || !base)
    return (
      <Content>
        <Progress />
      </Content>
    );

  const changed = () => {
    setActionError(undefined);
    return load();
  };
  const panelProps = {
    pm,
    readOnly,
    onChanged: (next?: Postmortem) => {
      setActionError(undefined);
      if (next) setPm(next);
      else load();
    },
    onError: (e: Error) => setActionError(e),
  };

  const reload = () => {
    if (!conflict) return;
    const theirs = docOf(conflict.current);
    setBase({ revision: conflict.current.revision, doc: theirs });
    setDraft(theirs);
    setConflict(undefined);
    setMergeNote(false);
    setState('saved');
    load();
  };
  const keepMineAndMerge = () => {
    if (!conflict) return;
    const theirs = docOf(conflict.current);
    const merged = mergeTexts(base.doc.document, draft.document, theirs.document);
    setBase({ revision: conflict.current.revision, doc: theirs });
    setDraft({
      title: draft.title !== base.doc.title ? draft.title : theirs.title,
      severity: draft.severity !== base.doc.severity ? draft.severity : theirs.severity,
      document: merged.text,
    });
    setMergeNote(!merged.clean);
    setConflict(undefined);
    setState('unsaved');
  };

  const stateLabel =
    state === 'error' ? t('editor.saveState.error', { message: saveError ?? '' }) : t(`editor.saveState.${state}`);

  return (
    <Content>
      <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 12 }} mb={2}>
        <Field
          label={t('editor.titleLabel')}
          value={draft.title}
          disabled={readOnly}
          onChange={e => setDraft({ ...draft, title: e.target.value })}
          variant="outlined"
          size="small"
          style={{ flex: 1, minWidth: 360 }}
        />
        <SelectField
          label={t('editor.severity')}
          value={draft.severity}
          disabled={readOnly}
          onChange={v => setDraft({ ...draft, severity: v as Severity })}
          options={['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(s => ({ value: s, label: s }))}
          minWidth={100}
        />
        <StatusChip status={pm.status} />
        <Chip
          size="small"
          variant="outlined"
          role="status"
          data-testid="postmortem-save-state"
          aria-live="polite"
          aria-label={stateLabel}
          color={state === 'conflict' || state === 'error' ? 'secondary' : 'default'}
          label={stateLabel}
        />
        <Typography variant="body2" color="textSecondary">
          {t('editor.revision', { revision: String(base.revision) })}
        </Typography>
        <Button
          variant="outlined"
          size="small"
          onClick={async () => {
            const md = await api.exportMarkdown(pm.id, uiLanguage);
            const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = `postmortem-${pm.id}.md`;
            a.click();
            URL.revokeObjectURL(url);
          }}
        >
          {t('editor.export')}
        </Button>
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {shortRef(pm.entityRef)}
        {pm.ownerRef ? ` · ${shortRef(pm.ownerRef)}` : ''}
        {pm.incident ? (
          <>
            {' · '}
            {pm.incident.url ? (
              <Link to={pm.incident.url}>
                {t('editor.incident', { id: `#${pm.incident.number ?? ''} ${pm.incident.incidentId}` })}
              </Link>
            ) : (
              t('editor.incident', { id: pm.incident.incidentId })
            )}
          </>
        ) : null}
        {pm.startedAt
          ? ` · ${utcMinute(pm.startedAt)} – ${pm.endedAt ? utcMinute(pm.endedAt) : t('editor.ongoing')} (UTC)`
          : ''}
      </Typography>
      {readOnly && (
        <Alert severity="info" style={{ marginBottom: 8 }}>
          {t('editor.readOnly')}
        </Alert>
      )}
      {mergeNote && (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          {t('conflict.mergedWithMarkers')}
        </Alert>
      )}
      {actionError && (
        <Alert severity="error" style={{ marginBottom: 8 }} onClose={() => setActionError(undefined)}>
          {actionError.message}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(_e, v) => setSearch(v === 'document' ? {} : { tab: v }, { replace: true })}
        indicatorColor="primary"
        variant="scrollable"
      >
        {TABS.map(name => (
          <Tab key={name} value={name} label={t(`editor.tabs.${name}`)} />
        ))}
      </Tabs>
      <Box mt={2}>
        {tab === 'document' && (
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <Field
                label={t('editor.markdown')}
                multiline
                fullWidth
                minRows={30}
                variant="outlined"
                value={draft.document}
                disabled={readOnly}
                onChange={e => setDraft({ ...draft, document: e.target.value })}
                inputProps={{ 'aria-label': t('editor.markdown'), style: { fontFamily: 'monospace', fontSize: 13 } }}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <Paper
                variant="outlined"
                style={{ padding: 16, maxHeight: 900, overflow: 'auto' }}
                aria-label={t('editor.preview')}
                role="region"
              >
                <SafeMarkdown
                  content={`# ${draft.title}\n\n${renderDocument({ ...pm, document: draft.document }, uiLanguage)}`}
                />
              </Paper>
            </Grid>
          </Grid>
        )}
        {tab === 'timeline' && (
          <TimelinePanel pm={pm} readOnly={readOnly} onChanged={changed} onError={panelProps.onError} />
        )}
        {tab === 'impact' && <ImpactPanel {...panelProps} />}
        {tab === 'actionItems' && <ActionItemsPanel {...panelProps} />}
        {tab === 'review' && <ReviewPanel {...panelProps} />}
        {tab === 'history' && <HistoryPanel pm={pm} />}
      </Box>
      {/* Escape keeps both edits (the choice that loses nothing); a click beside the dialog does nothing. */}
      <Dialog
        open={!!conflict}
        onClose={(_event, reason) => {
          if (reason === 'escapeKeyDown') keepMineAndMerge();
        }}
        maxWidth="md"
        fullWidth
        aria-labelledby="postmortem-conflict-title"
        // Focus starts in the dialog, on the choice that loses nothing.
        TransitionProps={{ onEntered: () => mergeButton.current?.focus() }}
      >
        <DialogTitle id="postmortem-conflict-title">{t('conflict.title')}</DialogTitle>
        {conflict && (
          <DialogContent>
            <Typography gutterBottom>
              {t('conflict.body', {
                author: shortRef(conflict.current.author),
                revision: String(conflict.currentRevision),
                base: String(conflict.baseRevision),
              })}
            </Typography>
            <DiffView
              before={base.doc.document}
              after={conflict.current.document}
              label={t('conflict.title')}
              emptyText={t('history.noChanges')}
            />
            <Typography gutterBottom style={{ marginTop: 16 }}>
              {t('conflict.mine')}
            </Typography>
            <DiffView
              before={base.doc.document}
              after={draft.document}
              label={t('conflict.mine')}
              emptyText={t('history.noChanges')}
            />
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={reload}>{t('conflict.reload')}</Button>
          <Button color="primary" variant="contained" onClick={keepMineAndMerge} ref={mergeButton}>
            {t('conflict.merge')}
          </Button>
        </DialogActions>
      </Dialog>
    </Content>
  );
}
