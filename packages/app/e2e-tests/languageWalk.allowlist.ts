/**
 * What the language walk (languageWalk.test.ts) accepts on a Japanese screen although it is
 * written in Latin letters. Keep this list short: every entry says why it is not English UI text.
 */

/** Product, vendor and standard names that Japanese engineers write in Latin letters too. */
export const PRODUCT_NAMES = [
  'Backstage',
  'Kubernetes',
  'Datadog',
  'PagerDuty',
  'GitHub',
  'OpenAPI',
  'AsyncAPI',
  'GraphQL',
  'gRPC',
  'tRPC',
  'YAML',
  'JSON',
  'Markdown',
  'OAuth',
  'OpenID',
  'SSO',
  'SLO',
  'SLOs',
  'SLI',
  'SLIs',
  'PRR',
  'API',
  'APIs',
  'MCP',
  'URL',
  'ID',
  'CPU',
  'HTTP',
  'HTTPS',
  'UTC',
  'JST',
  'CSV',
  'SLA',
  'HPA',
  'MTTA',
  'MTTR',
  'ClusterIP',
];

/** Names the app's config gives (organization.name, app.title): shown as written. */
export const DATA_NAMES = ['Example Co.', 'Platform Portal'];

/**
 * Kubernetes object kinds and states as the cluster names them (Japanese runbooks keep them
 * as-is: "Deployment の Pod が CrashLoopBackOff").
 */
export const KUBERNETES_TERMS = [
  'Deployment',
  'Deployments',
  'Pod',
  'Pods',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'HorizontalPodAutoscaler',
  'CronJob',
  'Service', // the kind's own name, a section heading of the Kubernetes tab
  'Ingress',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'OOMKilled',
  // Pod phases, conditions and event types/reasons as kubectl prints them.
  'Running',
  'Ready',
  'Not Ready',
  'Pending',
  'Normal',
  'Warning',
  'Started',
  'Created',
  'Pulled',
  'BackOff',
  'Killing',
  'Scheduled',
  'Error',
  'PodDisruptionBudget',
  'maxUnavailable',
];

/**
 * Whole lines that are English on purpose on a Japanese screen, each with its reason.
 * Lines made by the backend in English are listed here with a TODO until the backend speaks
 * Japanese (they are outside the frontend's translation refs).
 */
export const ALLOWED_LINES: { pattern: RegExp; why: string; only?: string }[] = [
  { pattern: /^English$/, why: 'the language picker names each language in that language' },
  { pattern: /^\/api\/[\w\-/.{}]+$/, why: 'request paths in the audit log (identifiers, shown as code)' },
  {
    pattern: /^Untitled postmortem$/,
    why: 'TODO: the title postmortem-backend stores for a postmortem created without one (stored data; the dialogs test creates one)',
  },
  {
    pattern: /^, Opens in a new window$/,
    why: "screen-reader text of external links, fixed in @backstage/core-components' Link (no translation key)",
  },
  // Text the Backstage plugins write in English with no translation key (Backstage 1.55).
  {
    pattern: /^(All|Owned|Starred) [A-Za-z ]+$/,
    why: "@backstage/plugin-catalog's CatalogTable joins the filter's value and the kind in English (Owned Components)",
  },
  {
    pattern: /^(Result Type|Software Catalog|Kind|Lifecycle)$/,
    why: "filters fixed in @backstage/plugin-search's alpha SearchPage",
    only: '/search',
  },
  // Identifiers the portal shows as they are.
  { pattern: /^(datadog|pagerduty|kubernetes|github)$/, why: 'integration ids on /infra' },
  { pattern: /^[a-z0-9-]+$/, why: 'a lone lower-case identifier (cluster, namespace, id)' },
  // Vendor data the sandbox's Kubernetes, Datadog and PagerDuty serve, shown as the vendor wrote it.
  { pattern: /^\[[\w-]+\] /, why: 'Datadog monitor names' },
  {
    pattern: /^(Started|Created) container:? |^Container image "|^Back-off restarting /,
    why: 'Kubernetes event messages',
  },
  { pattern: /^Deployed \S+ v[\d.]+ to \S+$/, why: 'Datadog deploy events' },
  { pattern: /^Elevated 5xx error rate on /, why: 'PagerDuty incident titles' },
  { pattern: / Escalation Policy$/, why: 'PagerDuty escalation policy names' },
  // Seed data written by people (plugins/support-backend demoData.ts, app-config.sandbox.yaml announcements).
  {
    pattern:
      /^(Raise memory limit of search-service|Read access to Datadog for a new member|kubectl access to the checkout namespace|Redis cache for recommendations|AWS console access for the payments team|Noisy latency alert on product-service|Deploy pipeline stuck on image scan|How do we add a PodDisruptionBudget\?)$/,
    why: 'support requests filed in the demo data',
  },
  {
    pattern:
      /^(Error-budget policy now enforced by the deploy gate|Kubernetes 1\.36 upgrade of aws-tokyo|From December, CI pipelines|Releases of a service whose budget|Questions:|The$|cluster moves to|Make sure your Deployments|\(the production readiness review checks both\)\.)/,
    why: 'announcements written in app-config.sandbox.yaml (Markdown split into text nodes)',
  },
];
