import { createApiRef } from '@backstage/frontend-plugin-api';
import type { AuditSummaryParams } from '@internal/plugin-audit-common';

/** One change to the portal's data, as `GET /api/audit/events` returns it. */
export interface AuditRecord {
  id: string;
  occurredAt: string;
  plugin: string;
  eventId: string;
  severity: string;
  status: 'succeeded' | 'failed';
  actor?: string;
  request?: { method: string; url: string };
  requestId?: string;
  meta?: Record<string, unknown>;
  error?: string;
  /** The change in one English sentence; `summaryCode` and `summaryParams` say it in any language. */
  summary?: string;
  summaryCode?: string;
  summaryParams?: AuditSummaryParams;
}

export interface AuditQuery {
  plugin?: string;
  actor?: string;
  status?: 'succeeded' | 'failed';
  before?: string;
  limit?: number;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: string;
}

export interface AuditApi {
  listEvents(query: AuditQuery): Promise<AuditPage>;
}

export const auditApiRef = createApiRef<AuditApi>({
  id: 'plugin.audit.service',
});
