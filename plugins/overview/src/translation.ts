import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** Messages of the live-state bands (Component and Group pages, home). */
export const overviewTranslationRef = createTranslationRef({
  id: 'plugin.overview',
  messages: {
    band: {
      entityLabel: 'Live state of {{name}}',
      teamLabel: 'Live state of the services of {{name}}',
      openTab: 'Open',
      notSetUp: 'Not set up',
      loading: 'Loading…',
      failed: 'Could not load: {{error}}',
    },
    oncall: {
      title: 'On call now',
      nobody: 'Nobody on call',
      more: '+{{count}} more',
      level: 'Level {{level}}: {{name}}',
    },
    incidents: {
      title: 'Open incidents',
      none: 'None open',
      count: '{{count}} open',
      high: '{{count}} high urgency',
      newest: 'Newest: #{{number}} {{title}}',
    },
    slo: {
      title: 'SLO budget',
      left: '{{pct}} left',
      objective: 'Objective {{objective}} %',
      policy: {
        healthy: 'Healthy',
        'at-risk': 'At risk',
        exhausted: 'Exhausted',
        'no-data': 'No data',
      },
      noData: {
        'no-series': 'No Datadog series matches its endpoints',
        'no-traffic': 'No requests in the window',
        'no-counts': 'Datadog counts could not be read',
        loading: 'Datadog counts are still loading',
      },
      fleet: '{{atRisk}} at risk · {{exhausted}} exhausted · {{noData}} no data',
      services: '{{count}} SLOs',
    },
    prr: {
      title: 'Readiness review',
      score: 'Score {{score}} %',
      notEvaluated: 'Not evaluated yet',
      evaluated: 'Checked {{when}}',
      review: {
        none: 'No review opened',
        draft: 'Review: draft',
        in_review: 'Review: in review',
        approved: 'Review: approved',
        changes_requested: 'Review: changes requested',
        drifted: 'Review: drifted',
      },
      fleet: '{{approved}} of {{count}} approved',
      mean: 'Mean score {{score}} %',
    },
    kubernetes: {
      title: 'Kubernetes',
      health: {
        ok: 'Healthy',
        warning: 'Needs attention',
        critical: 'Failing',
        unknown: 'Unknown',
      },
      ready: '{{ready}} of {{desired}} replicas ready',
      noWorkloads: 'No workloads found',
      problems: '{{count}} problems',
      services: '{{ok}} healthy · {{warning}} attention · {{critical}} failing',
    },
    support: {
      title: 'Open support requests',
      none: 'None open',
      count: '{{count}} open',
      breached: '{{count}} past SLA',
    },
  },
  translations: {
    ja: () => import('./locales/ja'),
  },
});
