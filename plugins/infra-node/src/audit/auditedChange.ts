import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';

/**
 * Runs one change to the portal's data as an audit event (severity medium), the same way in every
 * portal backend: `success` with the event's meta plus what `resultMeta` adds (e.g. the new id), or
 * `fail` with the error, which is then rethrown.
 */
export async function auditedChange<T>(
  auditor: AuditorService,
  event: {
    request: Request<any, any, any, any, any>;
    eventId: string;
    meta?: JsonObject;
  },
  change: () => Promise<T>,
  resultMeta?: (result: T) => JsonObject | undefined,
): Promise<T> {
  const meta = event.meta ?? {};
  const audit = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: 'medium',
    request: event.request,
    meta,
  });
  try {
    const result = await change();
    await audit.success({ meta: { ...meta, ...resultMeta?.(result) } });
    return result;
  } catch (error) {
    await audit.fail({ error: error as Error, meta });
    throw error;
  }
}
