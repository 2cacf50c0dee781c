import { Content, ContentHeader, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { PROBLEMS, SEVERITIES, type Problem, type Severity } from '../../api/CatalogQualityApi';
import { useQualityReport } from '../../hooks/useQualityReport';
import { catalogQualityTranslationRef } from '../../translation';
import { FindingsTable } from '../FindingsTable';
import { FreshnessNote } from '../FreshnessNote';
import { ProblemSummary } from '../ProblemSummary';

const ALL = 'all';

/** The catalog's data-quality findings: counts per problem, then the filterable list. */
export function CatalogQualityPage() {
  const { t } = useTranslationRef(catalogQualityTranslationRef);
  const { value, loading, error, retry } = useQualityReport();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [severity, setSeverity] = useState<Severity | undefined>();
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  const number = new Intl.NumberFormat(locale);

  const findings = (value?.findings ?? []).filter(
    f => (!problem || f.problem === problem) && (!severity || f.severity === severity),
  );

  return (
    <Content>
      <ContentHeader description={t('page.description')}>
        <Button variant="outlined" onClick={retry} disabled={loading}>
          {t('page.refresh')}
        </Button>
      </ContentHeader>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <Typography variant="body2" paragraph>
            {t('page.generatedAt', {
              time: new Date(value.generatedAt).toLocaleString(locale),
            })}{' '}
            · {t('page.total', { total: number.format(value.findings.length) })}
          </Typography>
          <FreshnessNote freshness={value.kubernetesFreshness} />
          {value.unprocessedEntities.state === 'unavailable' && (
            <Alert
              mb="2"
              status="info"
              icon
              role="status"
              title={t('unprocessed.title')}
              description={t('unprocessed.message')}
            />
          )}
          <Box my={2}>
            <ProblemSummary counts={value.counts} selected={problem} onSelect={setProblem} />
          </Box>
          <Box display="flex" mb={2} style={{ gap: 16 }}>
            <TextField
              select
              variant="outlined"
              size="small"
              label={t('filters.problem')}
              value={problem ?? ALL}
              onChange={e => setProblem(e.target.value === ALL ? undefined : (e.target.value as Problem))}
              style={{ minWidth: 240 }}
            >
              <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
              {PROBLEMS.map(p => (
                <MenuItem key={p} value={p}>
                  {t(`problems.${p}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              variant="outlined"
              size="small"
              label={t('filters.severity')}
              value={severity ?? ALL}
              onChange={e => setSeverity(e.target.value === ALL ? undefined : (e.target.value as Severity))}
              style={{ minWidth: 160 }}
            >
              <MenuItem value={ALL}>{t('filters.all')}</MenuItem>
              {SEVERITIES.map(s => (
                <MenuItem key={s} value={s}>
                  {t(`severity.${s}`)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <FindingsTable findings={findings} />
        </>
      )}
    </Content>
  );
}
