import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** Every string the infra plugin shows; Japanese in ./locales/ja.ts. */
export const infraTranslationRef = createTranslationRef({
  id: 'plugin.infra',
  messages: {
    nav: { title: 'Integrations' },
    healthPage: {
      title: 'Integration health',
      subtitle: 'Kubernetes, Datadog and PagerDuty as the portal sees them',
      refresh: 'Refresh',
      overall: 'Overall: {{status}}',
      checkedAt: 'Checked {{time}}',
      empty: 'No upstream is configured.',
      columns: {
        upstream: 'Upstream',
        status: 'Status',
        latency: 'Last latency',
        breaker: 'Circuit breaker',
        cache: 'Cache hit ratio',
        calls: 'Calls / failures',
        lastError: 'Last error',
      },
      latencyValue: '{{ms}} ms',
      never: '—',
    },
    status: {
      healthy: 'Healthy',
      degraded: 'Degraded',
      down: 'Down',
      unknown: 'Unknown',
    },
    breaker: {
      closed: 'Closed',
      open: 'Open',
      'half-open': 'Half-open',
    },
    freshness: {
      fresh: 'Live',
      stale: 'Stale ({{age}} old)',
      unavailable: 'Unavailable',
      'not-configured': 'Not configured',
    },
    sandbox: {
      label: 'Sandbox data',
      tooltip:
        'Kubernetes, Datadog and PagerDuty are local simulators: everything shown is generated, not production.',
    },
  },
  translations: {
    ja: () => import('./locales/ja'),
  },
});
