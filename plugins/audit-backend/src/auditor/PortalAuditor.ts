import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';
import type { AuditStore } from '../database/AuditStore';

type Status = 'initiated' | 'succeeded' | 'failed';

/** Severity levels that record a change; `low` is for reads and is only logged. */
const RECORDED = new Set(['medium', 'high', 'critical']);

/**
 * The portal's auditor: every event is logged as a structured line (`isAuditEvent: true`) with the
 * actor and the request id; finished events of medium severity or more are also appended to the
 * audit table, which platform members read through `GET /api/audit/events`.
 */
export class PortalAuditor implements AuditorService {
  constructor(
    private readonly pluginId: string,
    private readonly deps: {
      auth: AuthService;
      httpAuth: HttpAuthService;
      logger: LoggerService;
      store: AuditStore;
    },
  ) {}

  /**
   * `credentials` (not part of Backstage's options): the caller of a change made without an HTTP
   * request of its own, e.g. an action invoked over MCP (`auditedChange` of infra-node passes them).
   */
  async createEvent(
    options: AuditorServiceCreateEventOptions & { credentials?: BackstageCredentials },
  ): Promise<AuditorServiceEvent> {
    const actor = await this.actorOf(options.request, options.credentials);
    const requestId = requestIdOf(options.request);
    await this.record(options, actor, requestId, 'initiated', options.meta);
    return {
      success: async params => {
        await this.record(options, actor, requestId, 'succeeded', { ...options.meta, ...params?.meta });
      },
      fail: async params => {
        await this.record(options, actor, requestId, 'failed', { ...options.meta, ...params?.meta }, params.error);
      },
    };
  }

  private async record(
    options: AuditorServiceCreateEventOptions,
    actor: string | undefined,
    requestId: string | undefined,
    status: Status,
    meta: JsonObject | undefined,
    error?: Error,
  ) {
    const severity = options.severityLevel ?? 'low';
    const request = options.request ? { method: options.request.method, url: options.request.originalUrl } : undefined;
    const hasMeta = meta && Object.keys(meta).length > 0;
    this.deps.logger.info(`${this.pluginId}.${options.eventId}`, {
      isAuditEvent: true,
      eventId: options.eventId,
      severityLevel: severity,
      status,
      ...(actor ? { actor } : {}),
      ...(requestId ? { requestId } : {}),
      ...(request ? { request } : {}),
      ...(hasMeta ? { meta } : {}),
      ...(error ? { error: error.message } : {}),
    });
    if (status === 'initiated' || !RECORDED.has(severity)) return;
    try {
      await this.deps.store.append({
        occurredAt: new Date().toISOString(),
        plugin: this.pluginId,
        eventId: options.eventId,
        severity,
        status,
        actor,
        request,
        requestId,
        meta: hasMeta ? meta : undefined,
        error: error?.message,
      });
    } catch (e) {
      // The change itself has happened; losing its audit row must be loud, not fatal.
      this.deps.logger.error(`audit record for ${this.pluginId}.${options.eventId} could not be stored: ${e}`);
    }
  }

  private async actorOf(
    request?: Request<any, any, any, any, any>,
    given?: BackstageCredentials,
  ): Promise<string | undefined> {
    const credentials = request
      ? await this.deps.httpAuth.credentials(request)
      : given ?? (await this.deps.auth.getOwnServiceCredentials());
    if (this.deps.auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
    if (this.deps.auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
    return undefined;
  }
}

function requestIdOf(request?: Request<any, any, any, any, any>): string | undefined {
  const value = request?.headers?.['x-request-id'];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 64) : undefined;
}
