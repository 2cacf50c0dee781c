import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ManualAnswer } from '@internal/plugin-prr-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useRef, useState } from 'react';
import type { ManualUpdate } from '../../api/PrrApi';
import { prrTranslationRef } from '../../translation';

/**
 * The answer to a manual item: done with a link or a text, or not applicable with a reason. The
 * backend validates the same rules; the dialog says what is missing before it asks.
 */
export function ManualItemDialog(props: {
  open: boolean;
  itemTitle: string;
  answer?: ManualAnswer;
  onClose: () => void;
  onSave: (update: ManualUpdate) => Promise<void>;
}) {
  const { t } = useTranslationRef(prrTranslationRef);
  const answerRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ManualUpdate['state']>(
    props.answer?.state === 'not-applicable' ? 'not-applicable' : 'done',
  );
  const [url, setUrl] = useState(props.answer?.evidenceUrl ?? '');
  const [text, setText] = useState(props.answer?.evidenceText ?? '');
  const [reason, setReason] = useState(props.answer?.reason ?? '');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (state === 'done' && !url.trim() && !text.trim()) {
      setProblem(t('dialog.needEvidence'));
      return;
    }
    if (state === 'not-applicable' && !reason.trim()) {
      setProblem(t('dialog.needReason'));
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      let update: ManualUpdate = { state };
      if (state === 'done') {
        update = {
          state,
          ...(url.trim() ? { evidenceUrl: url.trim() } : {}),
          ...(text.trim() ? { evidenceText: text.trim() } : {}),
        };
      } else if (state === 'not-applicable') {
        update = { state, reason: reason.trim() };
      }
      await props.onSave(update);
      props.onClose();
    } catch (e) {
      setProblem(t('common.actionFailed', { message: (e as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="prr-manual-dialog-title"
      // Focus starts on the current answer, inside the dialog (not on the dialog's backdrop container).
      TransitionProps={{
        onEntered: () =>
          (
            answerRef.current?.querySelector<HTMLInputElement>('input:checked') ??
            answerRef.current?.querySelector('input')
          )?.focus(),
      }}
    >
      <DialogTitle id="prr-manual-dialog-title">{t('dialog.title', { item: props.itemTitle })}</DialogTitle>
      <DialogContent>
        <FormLabel component="legend">{t('dialog.state')}</FormLabel>
        <RadioGroup ref={answerRef} value={state} onChange={e => setState(e.target.value as ManualUpdate['state'])}>
          <FormControlLabel value="done" control={<Radio />} label={t('dialog.done')} />
          <FormControlLabel value="not-applicable" control={<Radio />} label={t('dialog.notApplicable')} />
          <FormControlLabel value="pending" control={<Radio />} label={t('dialog.pending')} />
        </RadioGroup>
        {state === 'done' && (
          <>
            <TextField
              id="prr-evidence-url"
              fullWidth
              margin="dense"
              label={t('dialog.url')}
              value={url}
              onChange={e => setUrl(e.target.value)}
              inputProps={{ maxLength: 2000 }}
            />
            <TextField
              fullWidth
              multiline
              minRows={3}
              margin="dense"
              id="prr-evidence-text"
              label={t('dialog.text')}
              value={text}
              onChange={e => setText(e.target.value)}
              inputProps={{ maxLength: 10000 }}
            />
          </>
        )}
        {state === 'not-applicable' && (
          <TextField
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            id="prr-na-reason"
            label={t('dialog.reason')}
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: 2000 }}
          />
        )}
        {problem && (
          <Typography role="alert" color="error" variant="body2">
            {problem}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button color="primary" variant="contained" onClick={save} disabled={saving}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
