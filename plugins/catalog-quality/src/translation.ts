import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** Every string the catalog-quality plugin shows, in English; Japanese in ./locales/ja.ts. */
export const catalogQualityMessages = {
  nav: { title: 'Data quality' },
  page: {
    description: 'What the catalog is missing or gets wrong, and where it has drifted from what runs in Kubernetes',
    refresh: 'Refresh',
    generatedAt: 'As of {{time}}',
    total: '{{total}} findings',
  },
  problems: {
    'processing-error': 'Processing errors',
    'missing-owner': 'Missing owner',
    'unknown-owner': 'Unknown owner',
    'missing-annotation': 'Missing annotations',
    orphan: 'Orphans',
    'workload-without-entity': 'Workloads without an entity',
    'no-running-workload': 'No running workload',
  },
  problemHints: {
    'processing-error': 'The catalog could not process the entity',
    'missing-owner': 'spec.owner is not set',
    'unknown-owner': 'The owner is not in the catalog',
    'missing-annotation': 'PagerDuty, Kubernetes or SLO annotations are missing',
    orphan: 'Its location no longer provides it',
    'workload-without-entity': 'A Deployment or StatefulSet no entity claims',
    'no-running-workload': 'Nothing runs for the entity’s Kubernetes annotations',
  },
  severity: {
    error: 'Error',
    warning: 'Warning',
    info: 'Info',
  },
  filters: {
    problem: 'Problem',
    severity: 'Severity',
    all: 'All',
  },
  table: {
    title: 'Findings',
    empty: 'No findings: the catalog is in good shape.',
    columns: {
      severity: 'Severity',
      problem: 'Problem',
      entity: 'Entity',
      owner: 'Owner',
      where: 'Cluster / namespace',
      detail: 'Detail',
    },
    notInCatalog: 'not in the catalog',
  },
  details: {
    notInCatalog: 'Never reached the catalog (read from {{location}})',
    missingOwner: 'spec.owner is not set',
    unknownOwner: '{{owner}} is not in the catalog',
    pagerduty: 'No PagerDuty service id (pagerduty.com/service-id): on-call and incidents cannot be shown',
    kubernetes: 'No Kubernetes id or label selector: its workloads cannot be found',
    invalidSelector: 'The Kubernetes label selector is invalid',
    slo: 'No SLO declared (spec.slo)',
    orphan: 'Its location no longer provides this entity',
    workloadWithoutEntity: 'This {{kind}} matches no catalog entity',
    noRunningWorkload: 'No Deployment or StatefulSet matches its Kubernetes annotations',
  },
  freshness: {
    staleTitle: 'Kubernetes data is not live',
    unavailableTitle: 'Kubernetes data is unavailable',
    staleHint: 'Drift findings use the last snapshot that could be read.',
    unavailableHint: 'Workloads are not checked in clusters that cannot be read, so drift findings may be missing.',
    staleCluster: '{{cluster}}: snapshot from {{age}} ago',
    unavailableCluster: '{{cluster}}: cannot be read ({{error}})',
    unknownError: 'unknown error',
  },
  age: {
    seconds: '{{value}} s',
    minutes: '{{value}} min',
    hours: '{{value}} h',
  },
  unprocessed: {
    title: 'Entities that failed processing could not be read',
    message: 'Processing errors of entities that never reached the catalog are missing from this report.',
  },
} as const;

export const catalogQualityTranslationRef = createTranslationRef({
  id: 'plugin.catalog-quality',
  messages: catalogQualityMessages,
  translations: {
    ja: () => import('./locales/ja'),
  },
});
