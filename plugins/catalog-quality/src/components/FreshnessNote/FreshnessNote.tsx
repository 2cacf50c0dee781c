import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import type { QualityReport } from '../../api/CatalogQualityApi';
import { catalogQualityTranslationRef } from '../../translation';

/**
 * Says when the drift findings rest on Kubernetes data that is not live (stale) or missing
 * (unavailable), cluster by cluster; renders nothing when every cluster is fresh.
 */
export function FreshnessNote(props: { freshness: QualityReport['kubernetesFreshness'] }) {
  const { t } = useTranslationRef(catalogQualityTranslationRef);
  const { state, clusters } = props.freshness;
  if (state !== 'stale' && state !== 'unavailable') return null;
  const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const formatAge = (seconds: number) => {
    if (seconds < 90) return t('age.seconds', { value: fmt.format(seconds) });
    if (seconds < 5400) return t('age.minutes', { value: fmt.format(seconds / 60) });
    return t('age.hours', { value: fmt.format(seconds / 3600) });
  };
  const lines = clusters
    .filter(c => c.freshness.state === 'stale' || c.freshness.state === 'unavailable')
    .map(c =>
      c.freshness.state === 'stale'
        ? t('freshness.staleCluster', {
            cluster: c.cluster,
            age: formatAge(c.freshness.ageSeconds ?? 0),
          })
        : t('freshness.unavailableCluster', {
            cluster: c.cluster,
            error: c.freshness.error ?? t('freshness.unknownError'),
          }),
    );
  return (
    <Alert
      status={state === 'unavailable' ? 'danger' : 'warning'}
      icon
      mb="2"
      role="status"
      title={state === 'unavailable' ? t('freshness.unavailableTitle') : t('freshness.staleTitle')}
      description={
        <>
          {state === 'unavailable' ? t('freshness.unavailableHint') : t('freshness.staleHint')}
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {lines.map(line => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}
