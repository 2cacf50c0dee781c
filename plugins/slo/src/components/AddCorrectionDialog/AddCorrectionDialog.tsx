import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseRecurrence, wallTimeToIso, type SloCorrection } from '@internal/plugin-slo-common';
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
import { errorMessage, errorStatus } from '@internal/plugin-portal-react';
import { WEEKDAYS, type Weekday } from '../../lib/format';
import { describeRecurrence, issueText, nextOccurrences, weeklyRrule } from '../../lib/rrule';
import { sloTranslationRef } from '../../translation';

/**
 * The "Add correction" dialog: a window in the SLO zone (one-off, weekly on chosen days, or any
 * RFC 5545 rule) whose requests leave the SLI, and why. The rule is read by the same parser as
 * the backend's (slo-common, rrule): its problems, its meaning in words and its next occurrences
 * show as it is typed. Shows the backend's message when it says no (403, 400).
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
  const [custom, setCustom] = useState(false);
  const [rule, setRule] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  const toggleDay = (day: Weekday, on: boolean) =>
    setDays(current => (on ? [...current, day] : current.filter(d => d !== day)));

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

  const zone = format.timeZone;
  const startIso = wallTimeToIso(start, zone);
  const endIso = wallTimeToIso(end, zone);
  // The rule the correction will carry: typed, or built from the chosen days.
  let rrule: string | undefined;
  if (repeat) rrule = custom ? rule.trim() || undefined : weeklyRrule(days);
  const parsed = rrule ? parseRecurrence(rrule) : undefined;
  const ruleProblem = parsed && !parsed.ok ? issueText(parsed.issue, t) : undefined;
  const ruleWords = parsed?.ok && custom ? describeRecurrence(parsed.recurrence, startIso, t, format) : undefined;
  const upcoming =
    parsed?.ok && startIso && endIso ? nextOccurrences(parsed.recurrence, startIso, endIso, zone) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!startIso || !endIso || !reason.trim()) {
      setProblem(t('dialog.missing'));
      return;
    }
    if (Date.parse(endIso) <= Date.parse(startIso)) {
      setProblem(t('dialog.order'));
      return;
    }
    if (repeat && !custom && days.length === 0) {
      setProblem(t('dialog.noDays'));
      return;
    }
    if (repeat && custom && !rrule) {
      setProblem(t('dialog.ruleMissing'));
      return;
    }
    if (ruleProblem) {
      setProblem(ruleProblem);
      return;
    }
    setProblem(undefined);
    setSaving(true);
    try {
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
    <Dialog open onClose={props.onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('dialog.title')}</DialogTitle>
        <DialogContent>
          <Box display="flex" flexWrap="wrap" gridGap={16} mb={1}>
            <TextField
              id={`${id}-start`}
              // Focus starts in the dialog, on its first field (not on the dialog's backdrop container),
              // as the WAI-ARIA dialog pattern asks.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
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
            {t('dialog.timeZone', { zone })}
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
            <FormControlLabel
              control={
                <Switch
                  checked={custom}
                  onChange={e => setCustom(e.target.checked)}
                  color="primary"
                  inputProps={{ role: 'switch' }}
                />
              }
              label={t('dialog.custom')}
            />
          )}
          {repeat && custom && (
            <TextField
              id={`${id}-rule`}
              label={t('dialog.rule')}
              value={rule}
              onChange={e => setRule(e.target.value)}
              error={!!ruleProblem}
              helperText={ruleProblem ?? t('dialog.ruleHelp')}
              variant="outlined"
              size="small"
              margin="dense"
              fullWidth
              inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
            />
          )}
          {repeat && !custom && (
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
          {parsed?.ok && (
            <Box aria-live="polite" mt={1}>
              {ruleWords && <Typography variant="body2">{t('dialog.ruleMeans', { text: ruleWords })}</Typography>}
              {upcoming && (
                <Typography variant="body2" color="textSecondary">
                  {upcoming.length
                    ? t('dialog.next', {
                        times: upcoming.map(format.zoneDateTime).join(' · '),
                      })
                    : t('dialog.noNext')}
                </Typography>
              )}
            </Box>
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
          <Button type="submit" color="primary" variant="contained" disabled={saving}>
            {t('dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
