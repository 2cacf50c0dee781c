import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { SloCorrection } from '@internal/plugin-slo-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, useState, type FormEvent } from 'react';
import { sloApiRef } from '../../api/SloApi';
import { useFormatters } from '../../hooks/useFormatters';
import { errorMessage, errorStatus } from '../../lib/errors';
import { WEEKDAYS, type Weekday } from '../../lib/format';
import { weeklyRrule } from '../../lib/rrule';
import { sloTranslationRef } from '../../translation';

/**
 * A `datetime-local` value read as JST wall time (SLO windows and recurrence days are JST), as
 * ISO 8601 with its offset: `2026-12-01T10:00` is `2026-12-01T10:00:00+09:00`.
 */
function jstToIso(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}${match[2] ?? ':00'}+09:00`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/**
 * The "Add correction" dialog: a window in JST (one-off, or weekly on chosen days) whose
 * requests leave the SLI, and why. Checks the obvious mistakes itself; shows the backend's
 * message when it says no (403 without permission, 400 on bad input).
 */
export function AddCorrectionDialog(props: {
  entity: CompoundEntityRef;
  onClose: () => void;
  onCreated: (correction: SloCorrection) => void;
}) {
  const { t } = useTranslationRef(sloTranslationRef);
  const api = useApi(sloApiRef);
  const format = useFormatters();
  const id = useId();
  const titleId = `${id}-title`;
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [days, setDays] = useState<Weekday[]>([]);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const toggleDay = (day: Weekday, on: boolean) =>
    setDays(current =>
      on ? [...current, day] : current.filter(d => d !== day),
    );

  const describeFailure = (error: unknown) => {
    const message = errorMessage(error);
    switch (errorStatus(error)) {
      case 403:
        return t('corrections.forbidden', { message });
      case 400:
        return t('corrections.invalid', { message });
      default:
        return t('corrections.saveFailed', { message });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startIso = jstToIso(start);
    const endIso = jstToIso(end);
    if (!startIso || !endIso || !reason.trim()) {
      setProblem(t('dialog.missing'));
      return;
    }
    if (Date.parse(endIso) <= Date.parse(startIso)) {
      setProblem(t('dialog.order'));
      return;
    }
    if (repeat && days.length === 0) {
      setProblem(t('dialog.noDays'));
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
      const rrule = repeat ? weeklyRrule(days) : undefined;
      const created = await api.createCorrection(props.entity, {
        start: startIso,
        end: endIso,
        ...(rrule ? { rrule } : {}),
        reason: reason.trim(),
      });
      props.onCreated(created);
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('dialog.title')}</DialogTitle>
        <DialogContent>
          <Box display="flex" flexWrap="wrap" gridGap={16} mb={1}>
            <TextField
              id={`${id}-start`}
              type="datetime-local"
              label={t('dialog.start')}
              value={start}
              onChange={e => setStart(e.target.value)}
              InputLabelProps={{ shrink: true }}
              variant="outlined"
              size="small"
              required
            />
            <TextField
              id={`${id}-end`}
              type="datetime-local"
              label={t('dialog.end')}
              value={end}
              onChange={e => setEnd(e.target.value)}
              InputLabelProps={{ shrink: true }}
              variant="outlined"
              size="small"
              required
            />
          </Box>
          <Typography variant="caption" color="textSecondary" paragraph>
            {t('dialog.timeZone')}
          </Typography>
          <FormControlLabel
            control={
              <Switch
                checked={repeat}
                onChange={e => setRepeat(e.target.checked)}
                color="primary"
                inputProps={{ role: 'switch' }}
              />
            }
            label={t('dialog.repeat')}
          />
          {repeat && (
            <FormControl component="fieldset" margin="dense">
              <FormLabel component="legend">{t('dialog.days')}</FormLabel>
              <FormGroup row>
                {WEEKDAYS.map(day => (
                  <FormControlLabel
                    key={day}
                    control={
                      <Checkbox
                        checked={days.includes(day)}
                        onChange={e => toggleDay(day, e.target.checked)}
                        color="primary"
                      />
                    }
                    label={format.weekday(day)}
                  />
                ))}
              </FormGroup>
            </FormControl>
          )}
          <TextField
            id={`${id}-reason`}
            label={t('dialog.reason')}
            helperText={t('dialog.reasonHelp')}
            value={reason}
            onChange={e => setReason(e.target.value)}
            variant="outlined"
            size="small"
            margin="normal"
            fullWidth
            multiline
            minRows={2}
            required
          />
          {problem && (
            <Typography role="alert" variant="body2" color="error">
              {problem}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('dialog.cancel')}</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            {t('dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
