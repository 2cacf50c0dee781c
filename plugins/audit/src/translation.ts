import { createTranslationRef } from '@backstage/frontend-plugin-api';
import { AUDIT_SUMMARIES_EN } from '@internal/plugin-audit-common';

/** Every string the audit plugin shows, in English; Japanese in ./locales/ja.ts. */
export const auditMessages = {
  nav: { title: 'Audit log' },
  page: {
    description:
      'Every change to the portal’s own data — reviews, postmortems, support requests, SLO corrections — with who made it and when',
    refresh: 'Refresh',
    loadMore: 'Older changes',
    empty: 'No changes match these filters.',
    forbidden: 'Only members of the platform team may read the audit log.',
    loadFailed: 'Could not load the audit log: {{message}}',
  },
  filters: {
    plugin: 'Plugin',
    actor: 'User',
    actorPlaceholder: 'user:default/…',
    status: 'Result',
    any: 'Any',
  },
  columns: {
    time: 'Time',
    actor: 'User',
    plugin: 'Plugin',
    event: 'Change',
    status: 'Result',
    details: 'Details',
    requestId: 'Request id',
  },
  status: {
    succeeded: 'Succeeded',
    failed: 'Failed',
  },
  actor: { unknown: 'unknown' },
  /** What each change did, by summary code (English as the backend writes it). */
  summaries: AUDIT_SUMMARIES_EN,
  details: { error: 'Error' },
} as const;

export const auditTranslationRef = createTranslationRef({
  id: 'plugin.audit',
  messages: auditMessages,
  translations: {
    ja: () => import('./locales/ja'),
  },
});
