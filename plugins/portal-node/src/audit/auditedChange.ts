import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * An audit event of a change made without an HTTP request of its own: an action of Backstage's
 * actions registry (called by an MCP client through `/api/mcp-actions`) runs with the caller's
 * credentials only. The portal's auditor (plugins/audit-backend) names the actor from them; other
 * auditors ignore the field.
 */
export type CredentialedAuditEventOptions = AuditorServiceCreateEventOptions & {
  credentials?: BackstageCredentials;
};

/**
 * Runs one change to the portal's data as an audit event (severity medium), the same way in every
 * portal backend: `success` with the event's meta plus what `resultMeta` adds (e.g. the new id), or
 * `fail` with the error, which is then rethrown.
 *
 * The actor comes from the HTTP `request` (REST routes) or, for actions, from the caller's
 * `credentials`; an action's event also carries `via: 'action'` in its meta.
 */
export async function auditedChange<T>(
  auditor: AuditorService,
  event: (
    | { request: Request<any, any, any, any, any>; credentials?: never }
    | { credentials: BackstageCredentials; request?: never }
  ) & {
    eventId: string;
    meta?: JsonObject;
  },
  change: () => Promise<T>,
  resultMeta?: (result: T) => JsonObject | undefined,
): Promise<T> {
  const meta: JsonObject = event.credentials ? { ...event.meta, via: 'action' } : event.meta ?? {};
  const options: CredentialedAuditEventOptions = {
    eventId: event.eventId,
    severityLevel: 'medium',
    meta,
    ...(event.request ? { request: event.request } : { credentials: event.credentials }),
  };
  const audit = await auditor.createEvent(options);
  try {
    const result = await change();
    await audit.success({ meta: { ...meta, ...resultMeta?.(result) } });
    return result;
  } catch (error) {
    await audit.fail({ error: error as Error, meta });
    throw error;
  }
}
