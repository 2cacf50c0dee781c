import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { PRIORITIES, STATUSES, allowedTransitions, type RequestStatus } from '@internal/plugin-support-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { supportApiRef, type RequestQuery } from '../../api/SupportApi';
import { useLocalized } from '../../hooks/useLanguage';
import { useMe, usePagedRequests, useRequestTypes } from '../../hooks/useSupport';
import { useSupportMessages } from '../../lib/messages';
import { supportTranslationRef } from '../../translation';
import { LoadMore, RequestTable } from '../RequestTable';

function Filter(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<[string, string]>;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      variant="outlined"
      margin="dense"
      style={{ minWidth: 140 }}
    >
      {props.options.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** "Triage queue" (platform team): filters, assignment, status changes, SLA chips. */
export function TriageQueue() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { errorText } = useSupportMessages();
  const localized = useLocalized();
  const api = useApi(supportApiRef);
  const me = useMe();
  const { value: types } = useRequestTypes();
  const [status, setStatus] = useState('open');
  const [type, setType] = useState('');
  const [priority, setPriority] = useState('');
  const [sla, setSla] = useState('');
  const [assignee, setAssignee] = useState('');
  const [team, setTeam] = useState('');
  const [failure, setFailure] = useState<string>();
  const statusQuery: RequestQuery = status === 'open' ? { open: true } : {};
  if (status && status !== 'open') statusQuery.status = [status as RequestStatus];
  const query: RequestQuery = {
    ...statusQuery,
    ...(type ? { type: [type] } : {}),
    ...(priority ? { priority: [priority as any] } : {}),
    ...(sla ? { sla: sla as 'breached' } : {}),
    ...(assignee ? { assignee } : {}),
    ...(team.trim() ? { team: team.trim() } : {}),
    limit: 50,
  };
  const list = usePagedRequests(query);
  if (me.loading) return <Progress />;
  if (me.value && !me.value.triage) return <Alert severity="info">{t('queue.notAllowed')}</Alert>;

  const act = async (fn: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await fn();
      list.retry();
    } catch (e) {
      setFailure(errorText(e));
    }
  };
  const any: [string, string] = ['', t('queue.any')];
  return (
    <Paper style={{ padding: 16 }}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} mb={1}>
        <Filter
          id="filter-status"
          label={t('queue.filterStatus')}
          value={status}
          onChange={setStatus}
          options={[
            ['open', t('queue.open')],
            any,
            ...STATUSES.map(s => [s, t(`status.${s}` as 'status.new')] as [string, string]),
          ]}
        />
        <Filter
          id="filter-type"
          label={t('queue.filterType')}
          value={type}
          onChange={setType}
          options={[any, ...(types ?? []).map(x => [x.id, localized(x.title)] as [string, string])]}
        />
        <Filter
          id="filter-priority"
          label={t('queue.filterPriority')}
          value={priority}
          onChange={setPriority}
          options={[any, ...PRIORITIES.map(p => [p, p] as [string, string])]}
        />
        <Filter
          id="filter-sla"
          label={t('queue.filterSla')}
          value={sla}
          onChange={setSla}
          options={[any, ['breached', t('queue.breached')], ['at-risk', t('queue.atRisk')]]}
        />
        <Filter
          id="filter-assignee"
          label={t('queue.filterAssignee')}
          value={assignee}
          onChange={setAssignee}
          options={[any, ['none', t('queue.unassigned')], ['me', t('queue.me')]]}
        />
        <TextField
          id="filter-team"
          label={t('queue.filterTeam')}
          placeholder="team-checkout"
          value={team}
          onChange={e => setTeam(e.target.value)}
          variant="outlined"
          margin="dense"
          style={{ width: 160 }}
        />
      </Box>
      {failure && <Alert severity="error">{t('detail.actionFailed', { message: failure })}</Alert>}
      {list.error && <WarningPanel severity="error" title={t('common.loadFailed', { message: list.error.message })} />}
      {list.loading && !list.value ? (
        <Progress />
      ) : (
        <>
          <Typography variant="body2" color="textSecondary">
            {t('table.total', { count: list.value?.total ?? 0 })}
          </Typography>
          <RequestTable
            label={t('table.queue')}
            items={list.value?.items ?? []}
            types={types}
            actions={r => (
              <Box display="flex" flexWrap="wrap" alignItems="flex-end" style={{ gap: 8 }}>
                {r.assignee !== me.value?.userEntityRef && (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => act(() => api.update(r.id, { assignee: me.value!.userEntityRef }))}
                  >
                    {t('queue.assignToMe')}
                  </Button>
                )}
                <TextField
                  select
                  size="small"
                  label={t('detail.changeStatus')}
                  value=""
                  onChange={e => act(() => api.update(r.id, { status: e.target.value as RequestStatus }))}
                  style={{ minWidth: 130 }}
                  inputProps={{ 'aria-label': `${t('detail.changeStatus')} #${r.id}` }}
                >
                  {allowedTransitions(r.status, 'platform').map(s => (
                    <MenuItem key={s} value={s}>
                      {t(`status.${s}` as 'status.new')}
                    </MenuItem>
                  ))}
                </TextField>
              </Box>
            )}
          />
          <LoadMore list={list} />
        </>
      )}
    </Paper>
  );
}
