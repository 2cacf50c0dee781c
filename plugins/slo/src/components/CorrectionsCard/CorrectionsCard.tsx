import { Progress } from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { SloCorrection } from '@internal/plugin-slo-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteOutline from '@material-ui/icons/DeleteOutline';
import { useId, useState } from 'react';
import { sloApiRef } from '../../api/SloApi';
import { useCorrections } from '../../hooks/useEntitySloData';
import { useFormatters } from '../../hooks/useFormatters';
import {
  DataTable,
  type DataTableColumn,
  LoadFailed,
  errorMessage,
  errorStatus,
  shortRef,
} from '@internal/plugin-portal-react';
import { describeRule } from '../../lib/rrule';
import { sloTranslationRef } from '../../translation';
import { AddCorrectionDialog } from '../AddCorrectionDialog';
import { SloCard } from '../SloCard';

function ConfirmDelete(props: {
  range: string;
  reason: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslationRef(sloTranslationRef);
  const titleId = useId();
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('corrections.confirmTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('corrections.confirmText', {
            range: props.range,
            reason: props.reason,
          })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>{t('corrections.cancel')}</Button>
        <Button onClick={props.onConfirm} color="secondary" variant="contained" disabled={props.busy}>
          {t('corrections.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The entity's SLO corrections (windows left out of the SLI): the list, "Add correction" and
 * delete. `onChanged` runs after every change, so the figures that depend on them reload.
 */
export function CorrectionsCard(props: { entity: Entity; onChanged?: () => void }) {
  const { t } = useTranslationRef(sloTranslationRef);
  const api = useApi(sloApiRef);
  const format = useFormatters();
  const { value, error, retry } = useCorrections(props.entity);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<SloCorrection>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const range = (c: SloCorrection) =>
    t('corrections.range', {
      start: format.zoneDateTime(c.start),
      end: format.zoneDateTime(c.end),
    });
  const repeats = (c: SloCorrection) => (c.rrule ? describeRule(c.rrule, c.start, t, format) : t('corrections.once'));

  const changed = () => {
    retry();
    props.onChanged?.();
  };

  const remove = async (correction: SloCorrection) => {
    setBusy(true);
    try {
      await api.deleteCorrection(correction.id);
      setFailure(undefined);
      changed();
    } catch (e) {
      const message = errorMessage(e);
      setFailure(
        errorStatus(e) === 403 ? t('corrections.forbidden', { message }) : t('corrections.deleteFailed', { message }),
      );
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  const columns: DataTableColumn<SloCorrection>[] = [
    {
      title: t('corrections.columns.window', { zone: format.timeZone }),
      render: range,
    },
    { title: t('corrections.columns.repeats'), render: repeats },
    { title: t('corrections.columns.reason'), render: c => c.reason },
    {
      title: t('corrections.columns.author'),
      render: c => shortRef(c.author, 'user'),
    },
    {
      title: t('corrections.columns.actions'),
      render: c => (
        <IconButton
          size="small"
          aria-label={t('corrections.deleteLabel', { reason: c.reason })}
          title={t('corrections.delete')}
          onClick={() => setDeleting(c)}
        >
          <DeleteOutline fontSize="small" />
        </IconButton>
      ),
    },
  ];

  let body;
  if (value) {
    const rows = [...value].sort((a, b) => b.start.localeCompare(a.start));
    body = (
      <DataTable
        label={t('corrections.tableLabel')}
        columns={columns}
        rows={rows}
        rowKey={c => c.id}
        empty={t('corrections.empty')}
      />
    );
  } else if (error) {
    body = <LoadFailed error={error} onRetry={retry} notFound={t('common.noSlo')} />;
  } else {
    body = <Progress />;
  }

  return (
    <SloCard
      title={t('corrections.title')}
      chips={
        <Button size="small" variant="outlined" color="primary" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          {t('corrections.add')}
        </Button>
      }
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('corrections.description')}
      </Typography>
      {failure && (
        <Box mb={1}>
          <Typography role="alert" variant="body2" color="error">
            {failure}
          </Typography>
        </Box>
      )}
      {body}
      {adding && (
        <AddCorrectionDialog
          entity={parseEntityRef(stringifyEntityRef(props.entity))}
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            changed();
          }}
        />
      )}
      {deleting && (
        <ConfirmDelete
          range={range(deleting)}
          reason={deleting.reason}
          busy={busy}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => remove(deleting)}
        />
      )}
    </SloCard>
  );
}
