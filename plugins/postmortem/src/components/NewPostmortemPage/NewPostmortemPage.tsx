import { Content, ContentHeader, InfoCard, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { PostmortemLanguage } from '@internal/plugin-postmortem-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { usePostmortemApi } from '../../hooks/usePostmortemApi';
import { utcMinute } from '../../lib/format';
import { usePostmortemPaths } from '../../routes';
import { postmortemTranslationRef } from '../../translation';
import { Field, LoadFailed, SelectField } from '../Shared';

/** Creates a postmortem: pick a service, then one of its recent incidents, an incident id, or blank. */
export function NewPostmortemPage() {
  const { t } = useTranslationRef(postmortemTranslationRef);
  const api = usePostmortemApi();
  const catalog = useApi(catalogApiRef);
  const navigate = useNavigate();
  const paths = usePostmortemPaths();
  const [params] = useSearchParams();
  const [entityRef, setEntityRef] = useState(params.get('entity') ?? '');
  const [choice, setChoice] = useState<string>('blank');
  const [incidentId, setIncidentId] = useState('');
  const [language, setLanguage] = useState<PostmortemLanguage>(
    typeof window !== 'undefined' && window.localStorage?.getItem('language') === 'ja' ? 'ja' : 'en',
  );
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();

  const components = useAsync(async () => {
    const { items } = await catalog.getEntities({
      filter: { kind: 'component' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.map(e => stringifyEntityRef(e)).sort();
  }, [catalog]);
  const incidents = useAsyncRetry(async () => (entityRef ? api.incidents(entityRef) : []), [api, entityRef]);

  const submit = async () => {
    setCreating(true);
    setError(undefined);
    try {
      let id: string | undefined = choice;
      if (choice === 'id') id = incidentId.trim();
      else if (choice === 'blank') id = undefined;
      const pm = await api.create({ entityRef, ...(id ? { incidentId: id } : {}), language });
      navigate(paths.postmortem(pm.id));
    } catch (e) {
      setError((e as Error).message);
      setCreating(false);
    }
  };

  return (
    <Content>
      <ContentHeader title={t('create.title')} />
      <InfoCard title={t('create.title')}>
        <Box display="flex" flexDirection="column" style={{ gap: 16 }} maxWidth={900}>
          {components.value ? (
            <SelectField
              label={t('create.entity')}
              value={entityRef}
              onChange={v => {
                setEntityRef(v);
                setChoice('blank');
              }}
              minWidth={420}
              options={[{ value: '', label: '—' }, ...components.value.map(r => ({ value: r, label: r }))]}
            />
          ) : (
            <Field
              label={t('create.entity')}
              helperText={t('create.entityHelp')}
              value={entityRef}
              onChange={e => setEntityRef(e.target.value)}
              variant="outlined"
              size="small"
            />
          )}
          {entityRef && (
            <Box>
              <Typography variant="subtitle2">{t('create.incidents')}</Typography>
              {incidents.loading && <Progress />}
              {incidents.error && <LoadFailed error={incidents.error} onRetry={incidents.retry} />}
              <RadioGroup aria-label={t('create.incidents')} value={choice} onChange={e => setChoice(e.target.value)}>
                {incidents.value?.length === 0 && <Typography variant="body2">{t('create.noIncidents')}</Typography>}
                {incidents.value?.map(i => (
                  <FormControlLabel
                    key={i.id}
                    value={i.id}
                    control={<Radio />}
                    label={`#${i.number} ${i.title} · ${i.urgency} · ${i.status} · ${utcMinute(i.createdAt)} UTC${
                      i.postmortemIds.length ? ` · ${t('create.existing')}` : ''
                    }`}
                  />
                ))}
                <FormControlLabel value="id" control={<Radio />} label={t('create.incidentId')} />
                {choice === 'id' && (
                  <Field
                    size="small"
                    variant="outlined"
                    label={t('create.incidentId')}
                    value={incidentId}
                    onChange={e => setIncidentId(e.target.value)}
                    style={{ marginLeft: 32, maxWidth: 320 }}
                  />
                )}
                <FormControlLabel value="blank" control={<Radio />} label={t('create.blank')} />
              </RadioGroup>
            </Box>
          )}
          <SelectField
            label={t('create.language')}
            value={language}
            onChange={v => setLanguage(v as PostmortemLanguage)}
            options={[
              { value: 'en', label: t('create.english') },
              { value: 'ja', label: t('create.japanese') },
            ]}
          />
          {error && <Alert severity="error">{t('create.failed', { message: error })}</Alert>}
          <Box>
            <Button
              variant="contained"
              color="primary"
              disabled={!entityRef || creating || (choice === 'id' && !incidentId.trim())}
              onClick={submit}
            >
              {creating ? t('create.creating') : t('create.submit')}
            </Button>
          </Box>
        </Box>
      </InfoCard>
    </Content>
  );
}
