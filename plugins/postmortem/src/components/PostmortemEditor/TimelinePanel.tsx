import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { isTimelineMessageCode, type Postmortem, type TimelineEntry } from '@internal/plugin-postmortem-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useIncidentDeploys, type IncidentDeploy } from '../../hooks/useIncidentDeploys';
import { usePostmortemApi } from '../../hooks/usePostmortemApi';
import { fromLocalInput, toLocalInput, utcMinute } from '../../lib/format';
import { postmortemTranslationRef } from '../../translation';
import { Field } from '../Shared';

const KINDS = [
  'trigger',
  'acknowledge',
  'unacknowledge',
  'escalate',
  'note',
  'resolve',
  'notify',
  'assign',
  'urgency',
  'priority',
  'action',
  'detection',
];

interface Draft {
  at: string;
  kind: string;
  text: string;
}

function EntryFields(props: { value: Draft; onChange: (d: Draft) => void }) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const { value, onChange } = props;
  return (
    <>
      <Field
        type="datetime-local"
        size="small"
        label={t('timeline.at')}
        InputLabelProps={{ shrink: true }}
        value={value.at}
        onChange={e => onChange({ ...value, at: e.target.value })}
      />
      <Field
        size="small"
        label={t('timeline.kind')}
        value={value.kind}
        onChange={e => onChange({ ...value, kind: e.target.value })}
        style={{ width: 120 }}
      />
      <Field
        size="small"
        label={t('timeline.text')}
        value={value.text}
        onChange={e => onChange({ ...value, text: e.target.value })}
        style={{ flex: 1, minWidth: 280 }}
      />
    </>
  );
}

/**
 * The timeline: PagerDuty's log entries and manual ones; add, edit, remove, mark key moments. The
 * entity's deploys from a day before the incident to an hour after it (as the portal saw them in
 * the clusters) are shown among them, read-only.
 */
export function TimelinePanel(props: {
  pm: Postmortem;
  readOnly: boolean;
  onChanged: () => void;
  onError: (e: Error) => void;
}) {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const { pm, readOnly, onChanged, onError } = props;
  const [adding, setAdding] = useState<Draft>({
    at: toLocalInput(pm.startedAt ?? new Date().toISOString()),
    kind: 'note',
    text: '',
  });
  const [editing, setEditing] = useState<{ id: string; draft: Draft }>();
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onChanged();
    } catch (e) {
      onError(e as Error);
    }
  };
  // PagerDuty's sentences in the reader's language (an unknown code: the text as written).
  const textOf = (e: TimelineEntry) =>
    isTimelineMessageCode(e.code)
      ? (t as unknown as (key: string, options: Record<string, string>) => string)(
          `timeline.codes.${e.code}`,
          Object.fromEntries(Object.entries(e.params ?? {}).map(([k, v]) => [k, String(v)])),
        )
      : e.text;
  const kindOf = (kind: string) => (KINDS.includes(kind) ? t(`timeline.kinds.${kind}` as 'timeline.kinds.note') : kind);
  const deploys = useIncidentDeploys(pm.entityRef, pm.startedAt, pm.endedAt);
  type Row = { entry: TimelineEntry } | { deploy: IncidentDeploy };
  const rows: Row[] = [...pm.timeline.map(entry => ({ entry })), ...(deploys.value ?? []).map(deploy => ({ deploy }))];
  const at = (r: Row) => ('entry' in r ? r.entry.at : r.deploy.at);
  const sorted = rows.sort((a, b) => at(a).localeCompare(at(b)));
  const deployRow = (d: IncidentDeploy) => (
    <TableRow key={d.id} data-deploy={d.id}>
      <TableCell style={{ whiteSpace: 'nowrap' }}>{utcMinute(d.at)}</TableCell>
      <TableCell>{t('timeline.deploy')}</TableCell>
      <TableCell>
        {t('timeline.deployText', {
          deployment: d.deployment,
          version: d.version ?? d.images.join(', '),
          cluster: d.cluster,
          namespace: d.namespace,
          revision: String(d.revision),
        })}
      </TableCell>
      <TableCell>{t('timeline.kubernetes')}</TableCell>
      <TableCell />
      <TableCell />
    </TableRow>
  );
  const row = (e: TimelineEntry) =>
    editing?.id === e.id ? (
      <TableRow key={e.id}>
        <TableCell colSpan={6}>
          <Box display="flex" style={{ gap: 8 }} flexWrap="wrap" alignItems="center">
            <EntryFields value={editing.draft} onChange={draft => setEditing({ id: e.id, draft })} />
            <Button
              color="primary"
              variant="contained"
              size="small"
              onClick={() =>
                run(async () => {
                  await api.updateTimelineEntry(pm.id, e.id, {
                    at: fromLocalInput(editing.draft.at),
                    kind: editing.draft.kind,
                    text: editing.draft.text,
                  });
                  setEditing(undefined);
                })
              }
            >
              {t('common.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(undefined)}>
              {t('common.cancel')}
            </Button>
          </Box>
        </TableCell>
      </TableRow>
    ) : (
      <TableRow key={e.id}>
        <TableCell style={{ whiteSpace: 'nowrap' }}>{utcMinute(e.at)}</TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>{kindOf(e.kind)}</TableCell>
        <TableCell style={{ fontWeight: e.keyMoment ? 600 : undefined }}>{textOf(e)}</TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {e.source === 'pagerduty' ? t('timeline.pagerduty') : t('timeline.manual')}
        </TableCell>
        <TableCell>
          <Checkbox
            checked={e.keyMoment}
            disabled={readOnly}
            inputProps={{ 'aria-label': `${t('timeline.keyMoment')}: ${textOf(e)}` }}
            onChange={ev => run(() => api.updateTimelineEntry(pm.id, e.id, { keyMoment: ev.target.checked }))}
          />
        </TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {!readOnly && (
            <>
              <Button
                size="small"
                onClick={() => setEditing({ id: e.id, draft: { at: toLocalInput(e.at), kind: e.kind, text: e.text } })}
              >
                {t('common.edit')}
              </Button>
              <Button size="small" onClick={() => run(() => api.deleteTimelineEntry(pm.id, e.id))}>
                {t('common.remove')}
              </Button>
            </>
          )}
        </TableCell>
      </TableRow>
    );
  return (
    <Box>
      {!readOnly && (
        <Box display="flex" style={{ gap: 8 }} flexWrap="wrap" alignItems="center" mb={2}>
          <EntryFields value={adding} onChange={setAdding} />
          <Button
            variant="outlined"
            color="primary"
            disabled={!adding.text.trim() || !adding.at}
            onClick={() =>
              run(async () => {
                await api.addTimelineEntry(pm.id, {
                  at: fromLocalInput(adding.at),
                  kind: adding.kind || 'note',
                  text: adding.text,
                });
                setAdding({ ...adding, text: '' });
              })
            }
          >
            {t('timeline.add')}
          </Button>
        </Box>
      )}
      {deploys.error && (
        <Typography variant="body2" color="textSecondary" role="status">
          {t('timeline.deploysFailed', { error: deploys.error.message })}
        </Typography>
      )}
      {deploys.value && (
        <Typography variant="body2" color="textSecondary">
          {t('timeline.deploysNote')}
        </Typography>
      )}
      {sorted.length === 0 ? (
        <Typography>{t('timeline.empty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('editor.tabs.timeline')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('timeline.at')}</TableCell>
              <TableCell>{t('timeline.kind')}</TableCell>
              <TableCell>{t('timeline.text')}</TableCell>
              <TableCell>{t('timeline.source')}</TableCell>
              <TableCell>{t('timeline.keyMoment')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>{sorted.map(r => ('entry' in r ? row(r.entry) : deployRow(r.deploy)))}</TableBody>
        </Table>
      )}
    </Box>
  );
}
