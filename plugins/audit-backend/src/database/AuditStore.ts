import type { AuditSummary } from '@internal/plugin-audit-common';
import { timestampToIso } from '@internal/plugin-portal-node';
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@internal/plugin-audit-backend', 'migrations');
const TABLE = 'audit_events';

/** One finished change, as stored and as returned by `GET /api/audit/events`. */
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
}

/** A record as `GET /api/audit/events` returns it: with its summary, as a code with parameters. */
export type SummarizedAuditRecord = AuditRecord & AuditSummary;

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export interface AuditQuery {
  plugin?: string;
  actor?: string;
  eventId?: string;
  status?: 'succeeded' | 'failed';
  from?: Date;
  to?: Date;
  /** Only records with an id lower than this (paging backwards from the newest). */
  before?: string;
  limit: number;
}

interface Row {
  id: string | number;
  occurred_at: Date | string | number;
  plugin: string;
  event_id: string;
  severity: string;
  status: string;
  actor: string | null;
  request_method: string | null;
  request_url: string | null;
  request_id: string | null;
  meta: string | null;
  error: string | null;
}

const toIso = timestampToIso;

function toRecord(row: Row): AuditRecord {
  let meta: Record<string, unknown> | undefined;
  if (row.meta) {
    try {
      meta = JSON.parse(row.meta);
    } catch {
      meta = { unparsable: row.meta };
    }
  }
  return {
    id: String(row.id),
    occurredAt: toIso(row.occurred_at),
    plugin: row.plugin,
    eventId: row.event_id,
    severity: row.severity,
    status: row.status === 'failed' ? 'failed' : 'succeeded',
    ...(row.actor ? { actor: row.actor } : {}),
    ...(row.request_method && row.request_url ? { request: { method: row.request_method, url: row.request_url } } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
    ...(meta ? { meta } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

const clip = (value: string | undefined, max: number) => (value === undefined ? null : value.slice(0, max));

/** The audit log table. Append-only: the portal never updates or deletes a record. */
export class AuditStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: { database: DatabaseService }): Promise<AuditStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new AuditStore(db);
  }

  async append(record: NewAuditRecord): Promise<void> {
    await this.db(TABLE).insert({
      occurred_at: new Date(record.occurredAt),
      plugin: clip(record.plugin, 64),
      event_id: clip(record.eventId, 128),
      severity: clip(record.severity, 16),
      status: record.status,
      actor: clip(record.actor, 255),
      request_method: clip(record.request?.method, 16),
      request_url: clip(record.request?.url, 2048),
      request_id: clip(record.requestId, 64),
      meta: record.meta ? clip(JSON.stringify(record.meta), 65_536) : null,
      error: clip(record.error, 4096),
    });
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const q = this.db<Row>(TABLE).orderBy('id', 'desc').limit(query.limit);
    if (query.plugin) q.where('plugin', query.plugin);
    if (query.actor) q.where('actor', query.actor);
    if (query.eventId) q.where('event_id', query.eventId);
    if (query.status) q.where('status', query.status);
    if (query.from) q.where('occurred_at', '>=', query.from);
    if (query.to) q.where('occurred_at', '<', query.to);
    if (query.before) q.where('id', '<', query.before);
    const rows = await q;
    return rows.map(toRecord);
  }
}
