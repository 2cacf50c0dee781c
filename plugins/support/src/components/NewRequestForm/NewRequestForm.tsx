import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { PRIORITIES, type Priority, type RequestTypeField } from '@internal/plugin-support-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { supportApiRef } from '../../api/SupportApi';
import { useLocalized } from '../../hooks/useLanguage';
import { useRequestTypes } from '../../hooks/useSupport';
import { useSupportMessages } from '../../lib/messages';
import { supportTranslationRef } from '../../translation';
import { EntityPicker } from '../EntityPicker';

function FieldInput(props: { field: RequestTypeField; value: unknown; onChange: (v: unknown) => void }) {
  const { t } = useTranslationRef(supportTranslationRef);
  const localized = useLocalized();
  const { field, value, onChange } = props;
  const label = localized(field.label);
  const common = {
    id: `field-${field.id}`,
    label,
    required: field.required,
    fullWidth: true,
    variant: 'outlined' as const,
    margin: 'dense' as const,
  };
  switch (field.kind) {
    case 'select':
      return (
        <TextField
          select
          {...common}
          value={(value as string) ?? ''}
          onChange={e => onChange(e.target.value || undefined)}
        >
          {(field.options ?? []).map(o => (
            <MenuItem key={o.value} value={o.value}>
              {localized(o.label)}
            </MenuItem>
          ))}
        </TextField>
      );
    case 'boolean':
      return (
        <FormControlLabel
          control={<Checkbox checked={value === true} onChange={e => onChange(e.target.checked)} />}
          label={`${label} (${t('form.yes')})`}
        />
      );
    case 'number':
      return (
        <TextField
          {...common}
          type="number"
          value={value ?? ''}
          onChange={e => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'textarea':
      return (
        <TextField
          {...common}
          multiline
          minRows={3}
          value={value ?? ''}
          inputProps={{ maxLength: field.maxLength }}
          onChange={e => onChange(e.target.value || undefined)}
        />
      );
    default:
      return (
        <TextField
          {...common}
          value={value ?? ''}
          inputProps={{ maxLength: field.maxLength }}
          onChange={e => onChange(e.target.value || undefined)}
        />
      );
  }
}

/** "New request": pick a type, fill its fields; the entity comes from `?entity=` when opened from a service. */
export function NewRequestForm() {
  const { t } = useTranslationRef(supportTranslationRef);
  const { errorText } = useSupportMessages();
  const localized = useLocalized();
  const api = useApi(supportApiRef);
  const navigate = useNavigate();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const { value: types, loading, error } = useRequestTypes();
  const [typeId, setTypeId] = useState(params.get('type') ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [entityRef, setEntityRef] = useState(params.get('entity') ?? '');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();
  // One key per form: a double submit or a retry files one request.
  const idempotencyKey = useMemo(() => `ui-${Date.now()}-${Math.random().toString(36).slice(2)}`, []);
  const type = types?.find(x => x.id === typeId);

  if (loading) return <Progress />;
  if (error) return <WarningPanel severity="error" title={t('common.loadFailed', { message: error.message })} />;

  const submit = async () => {
    if (!type) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      const created = await api.create(
        {
          type: type.id,
          title,
          description,
          ...(entityRef ? { entityRef } : {}),
          ...(priority ? { priority } : {}),
          fields,
        },
        idempotencyKey,
      );
      navigate(`/support/requests/${created.id}`);
    } catch (e) {
      setFailure(errorText(e));
      setSubmitting(false);
    }
  };

  const urgent = !!type?.urgencyField && fields[type.urgencyField] === 'high';
  return (
    <Paper style={{ padding: 24, maxWidth: 900 }}>
      <form
        aria-label={t('tabs.new')}
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <TextField
          select
          id="support-type"
          label={t('form.type')}
          helperText={type ? localized(type.description) : t('form.chooseType')}
          value={typeId}
          onChange={e => {
            setTypeId(e.target.value);
            setFields({});
          }}
          fullWidth
          variant="outlined"
          margin="dense"
          required
        >
          {(types ?? []).map(x => (
            <MenuItem key={x.id} value={x.id}>
              {localized(x.title)}
            </MenuItem>
          ))}
        </TextField>
        <EntityPicker
          id="support-entity"
          label={t('form.entity')}
          helperText={t('form.entityHelp')}
          value={entityRef}
          onChange={setEntityRef}
        />
        <TextField
          id="support-title"
          label={t('form.title')}
          value={title}
          onChange={e => setTitle(e.target.value)}
          required
          fullWidth
          variant="outlined"
          margin="dense"
          inputProps={{ maxLength: 200 }}
        />
        {type && (
          <Box mt={1} mb={1}>
            <Typography variant="subtitle2">{t('detail.fields')}</Typography>
            {type.fields.map(f => (
              <FieldInput
                key={f.id}
                field={f}
                value={fields[f.id]}
                onChange={v => setFields(prev => ({ ...prev, [f.id]: v }))}
              />
            ))}
          </Box>
        )}
        <TextField
          id="support-description"
          label={t('form.description')}
          value={description}
          onChange={e => setDescription(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          variant="outlined"
          margin="dense"
        />
        <TextField
          select
          id="support-priority"
          label={t('form.priority')}
          value={priority}
          onChange={e => setPriority(e.target.value as Priority)}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          margin="dense"
          style={{ minWidth: 200 }}
        >
          <MenuItem value="">{t('form.defaultPriority', { priority: type?.defaultPriority ?? '—' })}</MenuItem>
          {PRIORITIES.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        {urgent && (
          <Alert severity="warning" style={{ marginTop: 8 }}>
            {t('form.urgentWarning')}
          </Alert>
        )}
        {failure && (
          <Alert severity="error" style={{ marginTop: 8 }}>
            {t('form.failed', { message: failure })}
          </Alert>
        )}
        <Box mt={2}>
          <Button type="submit" variant="contained" color="primary" disabled={!type || !title.trim() || submitting}>
            {submitting ? t('form.submitting') : t('form.submit')}
          </Button>
        </Box>
      </form>
    </Paper>
  );
}
