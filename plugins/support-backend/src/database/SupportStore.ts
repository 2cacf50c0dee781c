import { timestampToIso } from '@internal/plugin-portal-node';
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  clampPageSize,
  decodeCursor as decodeKeysetCursor,
  encodeCursor as encodeKeysetCursor,
} from '@internal/plugin-portal-common';
import type {
  ContextSnapshot,
  HistoryEntry,
  PageResult,
  Priority,
  RequestStatus,
  SupportComment,
} from '@internal/plugin-support-common';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@internal/plugin-support-backend', 'migrations');

const REQUESTS = 'support_requests';
const COMMENTS = 'support_comments';
const HISTORY = 'support_history';
const SLA_EVENTS = 'support_sla_events';
const META = 'support_meta';

type Time = Date | string | number;

interface RequestRow {
  id: number;
  type: string;
  title: string;
  description: string;
  entity_ref: string | null;
  owner_ref: string | null;
  requester: string;
  assignee: string | null;
  status: string;
  priority: string;
  fields: string;
  context: string;
  idempotency_key: string | null;
  page: string | null;
  page_dedup_key: string | null;
  created_at: Time;
  updated_at: Time;
  first_response_at: Time | null;
  resolved_at: Time | null;
  sla_fr_warn_at?: Time | null;
  sla_fr_breach_at?: Time | null;
  sla_res_warn_at?: Time | null;
  sla_res_breach_at?: Time | null;
  sla_version?: string | null;
}

/** The columns a list row needs: no description, fields, context snapshot or page. */
const HEAD_COLUMNS = [
  'id',
  'type',
  'title',
  'entity_ref',
  'owner_ref',
  'requester',
  'assignee',
  'status',
  'priority',
  'created_at',
  'updated_at',
  'first_response_at',
  'resolved_at',
] as const;

const toIso = timestampToIso;

/** What a list row shows of a stored request (no description, fields or context snapshot). */
export interface RequestHead {
  id: number;
  type: string;
  title: string;
  entityRef?: string;
  ownerRef?: string;
  requester: string;
  assignee?: string;
  status: RequestStatus;
  priority: Priority;
  createdAt: string;
  updatedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
}

/** A stored request, as the service works with it. */
export interface StoredRequest extends RequestHead {
  description: string;
  fields: Record<string, unknown>;
  context: ContextSnapshot;
  page?: PageResult;
  pageDedupKey?: string;
}

function toHead(row: Pick<RequestRow, (typeof HEAD_COLUMNS)[number]>): RequestHead {
  return {
    id: Number(row.id),
    type: row.type,
    title: row.title,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    requester: row.requester,
    ...(row.assignee ? { assignee: row.assignee } : {}),
    status: row.status as RequestStatus,
    priority: row.priority as Priority,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    ...(row.first_response_at ? { firstResponseAt: toIso(row.first_response_at) } : {}),
    ...(row.resolved_at ? { resolvedAt: toIso(row.resolved_at) } : {}),
  };
}

function toRequest(row: RequestRow): StoredRequest {
  return {
    ...toHead(row),
    description: row.description,
    fields: JSON.parse(row.fields),
    context: JSON.parse(row.context),
    ...(row.page ? { page: JSON.parse(row.page) } : {}),
    ...(row.page_dedup_key ? { pageDedupKey: row.page_dedup_key } : {}),
  };
}

/** The stored SLA instants of a request (epoch milliseconds; see `slaInstants`). */
export interface StoredSlaInstants {
  firstResponseWarnAt?: number;
  firstResponseBreachAt?: number;
  resolutionWarnAt?: number;
  resolutionBreachAt?: number;
}

/** Most rows one page of a list returns (`limit` is capped to it). */
export const MAX_PAGE_SIZE = 200;

/** The queue's order: newest first, by (created_at, id) — a total order, so pages are stable. */
interface CursorKey {
  createdAt: string;
  id: number;
}

/** An opaque cursor: base64url of the last row's sort key. */
const encodeCursor = (key: CursorKey): string => encodeKeysetCursor([key.createdAt, key.id]);

const decodeCursor = (cursor: string): CursorKey =>
  decodeKeysetCursor(cursor, ([createdAt, id]) =>
    typeof createdAt === 'string' &&
    !Number.isNaN(Date.parse(createdAt)) &&
    Number.isSafeInteger(id) &&
    (id as number) > 0
      ? { createdAt, id: id as number }
      : undefined,
  );

export interface NewRequestRow {
  type: string;
  title: string;
  description: string;
  entityRef?: string;
  ownerRef?: string;
  requester: string;
  priority: Priority;
  fields: Record<string, unknown>;
  context: ContextSnapshot;
  idempotencyKey?: string;
  createdAt?: Date;
}

export interface HistoryInput {
  actor: string;
  action: string;
  from?: string;
  to?: string;
  at?: Date;
}

export interface RequestFilter {
  ids?: number[];
  statuses?: RequestStatus[];
  types?: string[];
  priorities?: Priority[];
  ownerRef?: string;
  entityRef?: string;
  assignee?: string | null;
  requester?: string;
  /** Only requests filed by `visibleTo.user` or for entities owned by `visibleTo.owners`. */
  visibleTo?: { user: string; owners: string[] };
  createdFrom?: Date;
  createdTo?: Date;
  /** SLA state at `now` (from the stored SLA instants): either clock breached, or either warning. */
  sla?: { state: 'breached' | 'at-risk'; now: Date };
}

export interface PageOptions {
  /** Rows of the page, 1 to {@link MAX_PAGE_SIZE}. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Legacy offset paging (without a cursor). */
  offset?: number;
}

export interface RequestPage {
  rows: RequestHead[];
  /** All rows matching the filter. */
  total: number;
  /** Present when more rows follow this page. */
  nextCursor?: string;
}

const isUniqueViolation = (e: unknown) =>
  /unique|duplicate/i.test(String((e as { message?: string })?.message ?? e)) ||
  (e as { code?: string })?.code === '23505';

export type Patch = Partial<{
  status: RequestStatus;
  assignee: string | null;
  priority: Priority;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
}>;

/** The `support` plugin's database: requests, comments, history, SLA events. */
export class SupportStore {
  static async create(options: { database: DatabaseService }): Promise<SupportStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new SupportStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores a request and its `created` history in one transaction. With an idempotency key
   * already used by the same requester, stores nothing and returns the earlier request.
   */
  async insert(input: NewRequestRow): Promise<{ request: StoredRequest; created: boolean }> {
    if (input.idempotencyKey) {
      const existing = await this.byIdempotencyKey(input.requester, input.idempotencyKey);
      if (existing) return { request: existing, created: false };
    }
    const now = input.createdAt ?? new Date();
    try {
      const id = await this.db.transaction(async tx => {
        const inserted = await tx(REQUESTS).insert(
          {
            type: input.type,
            title: input.title,
            description: input.description,
            entity_ref: input.entityRef ?? null,
            owner_ref: input.ownerRef ?? null,
            requester: input.requester,
            assignee: null,
            status: 'new',
            priority: input.priority,
            fields: JSON.stringify(input.fields),
            context: JSON.stringify(input.context),
            idempotency_key: input.idempotencyKey ?? null,
            page: null,
            page_dedup_key: null,
            created_at: now,
            updated_at: now,
          },
          ['id'],
        );
        const first = inserted[0] as unknown;
        const newId = Number(typeof first === 'object' && first !== null ? (first as { id: number }).id : first);
        await tx(HISTORY).insert({
          request_id: newId,
          at: now,
          actor: input.requester,
          action: 'created',
          from_value: null,
          to_value: 'new',
        });
        return newId;
      });
      return { request: (await this.get(id))!, created: true };
    } catch (e) {
      if (input.idempotencyKey && isUniqueViolation(e)) {
        const existing = await this.byIdempotencyKey(input.requester, input.idempotencyKey);
        if (existing) return { request: existing, created: false };
      }
      throw e;
    }
  }

  private async byIdempotencyKey(requester: string, key: string) {
    const row = await this.db<RequestRow>(REQUESTS).where({ requester, idempotency_key: key }).first();
    return row ? toRequest(row) : undefined;
  }

  async get(id: number): Promise<StoredRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  async count(): Promise<{ requests: number; comments: number; history: number }> {
    const n = async (table: string) =>
      Number(((await this.db(table).count({ n: '*' }))[0] as { n: number | string }).n);
    return { requests: await n(REQUESTS), comments: await n(COMMENTS), history: await n(HISTORY) };
  }

  private filtered(filter: RequestFilter): Knex.QueryBuilder {
    const q = this.db<RequestRow>(REQUESTS);
    if (filter.ids) q.whereIn('id', filter.ids);
    if (filter.statuses?.length) q.whereIn('status', filter.statuses);
    if (filter.types?.length) q.whereIn('type', filter.types);
    if (filter.priorities?.length) q.whereIn('priority', filter.priorities);
    if (filter.ownerRef) q.where('owner_ref', filter.ownerRef);
    if (filter.entityRef) q.where('entity_ref', filter.entityRef);
    if (filter.requester) q.where('requester', filter.requester);
    if (filter.assignee === null) q.whereNull('assignee');
    else if (filter.assignee) q.where('assignee', filter.assignee);
    if (filter.createdFrom) q.where('created_at', '>=', filter.createdFrom);
    if (filter.createdTo) q.where('created_at', '<', filter.createdTo);
    if (filter.visibleTo) {
      const { user, owners } = filter.visibleTo;
      q.where(w => {
        w.where('requester', user);
        if (owners.length) w.orWhereIn('owner_ref', owners);
      });
    }
    if (filter.sla) {
      const { state, now } = filter.sla;
      if (state === 'breached') {
        q.where(w => w.where('sla_fr_breach_at', '<=', now).orWhere('sla_res_breach_at', '<=', now));
      } else {
        // Warning: past the warning instant and not (yet) breached, on either clock.
        const warning = (w: Knex.QueryBuilder, warnAt: string, breachAt: string) =>
          w.where(warnAt, '<=', now).andWhere(b => b.whereNull(breachAt).orWhere(breachAt, '>', now));
        q.where(w =>
          w
            .where(a => warning(a, 'sla_fr_warn_at', 'sla_fr_breach_at'))
            .orWhere(b => warning(b, 'sla_res_warn_at', 'sla_res_breach_at')),
        );
      }
    }
    return q;
  }

  /**
   * One page of requests, newest first, by keyset on (created_at, id): rows filed while paging
   * land before the first page and never shift later pages (no duplicates, no misses).
   * List rows only: no description, fields or context snapshot.
   */
  async page(filter: RequestFilter, options: PageOptions): Promise<RequestPage> {
    const limit = clampPageSize(options.limit, MAX_PAGE_SIZE);
    const q = this.filtered(filter).select(...HEAD_COLUMNS);
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      const at = new Date(after.createdAt);
      q.where(w =>
        w.where('created_at', '<', at).orWhere(e => e.where('created_at', '=', at).andWhere('id', '<', after.id)),
      );
    } else if (options.offset) {
      q.offset(options.offset);
    }
    q.orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]).limit(limit + 1);
    const [rows, counted] = await Promise.all([q, this.filtered(filter).count({ n: '*' })]);
    const heads = (rows as RequestRow[]).slice(0, limit).map(toHead);
    const last = heads[heads.length - 1];
    return {
      rows: heads,
      total: Number((counted[0] as { n: number | string }).n),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) } : {}),
    };
  }

  /**
   * Every request matching the filter, list rows only (no context snapshots), newest first. For
   * bounded reads (analytics over a date range); pages use {@link SupportStore.page}.
   */
  async list(filter: RequestFilter): Promise<RequestHead[]> {
    const rows = await this.filtered(filter)
      .select(...HEAD_COLUMNS)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return (rows as RequestRow[]).map(toHead);
  }

  /**
   * Requests whose stored SLA instants are missing — written before the SLA columns existed, or
   * filed or changed since (every change clears `sla_version`) — and, with `otherThan`, those
   * computed with another SLA config. At most `limit`, oldest id first.
   */
  async slaStale(limit: number, otherThan?: string): Promise<RequestHead[]> {
    const q = this.db<RequestRow>(REQUESTS).select(...HEAD_COLUMNS);
    if (otherThan) q.where(w => w.whereNull('sla_version').orWhereNot('sla_version', otherThan));
    else q.whereNull('sla_version');
    const rows = await q.orderBy('id').limit(limit);
    return (rows as RequestRow[]).map(toHead);
  }

  /**
   * Stores the SLA instants computed from `basis` (the request as read), unless it changed since
   * (then it is stale again and recomputed by the next caller). True when stored.
   */
  async setSla(basis: RequestHead, instants: StoredSlaInstants, version: string): Promise<boolean> {
    const date = (ms?: number) => (ms === undefined ? null : new Date(ms));
    const n = await this.db(REQUESTS)
      .where({ id: basis.id, status: basis.status, priority: basis.priority, updated_at: new Date(basis.updatedAt) })
      .update({
        sla_fr_warn_at: date(instants.firstResponseWarnAt),
        sla_fr_breach_at: date(instants.firstResponseBreachAt),
        sla_res_warn_at: date(instants.resolutionWarnAt),
        sla_res_breach_at: date(instants.resolutionBreachAt),
        sla_version: version,
      });
    return n === 1;
  }

  /** The stored SLA instants of a request (tests and diagnostics). */
  async slaOf(id: number): Promise<(StoredSlaInstants & { version?: string }) | undefined> {
    const row = await this.db<RequestRow>(REQUESTS)
      .select('sla_fr_warn_at', 'sla_fr_breach_at', 'sla_res_warn_at', 'sla_res_breach_at', 'sla_version')
      .where({ id })
      .first();
    if (!row) return undefined;
    const ms = (t: Time | null | undefined) => (t === null || t === undefined ? undefined : Date.parse(toIso(t)));
    const out: StoredSlaInstants & { version?: string } = {};
    if (ms(row.sla_fr_warn_at) !== undefined) out.firstResponseWarnAt = ms(row.sla_fr_warn_at);
    if (ms(row.sla_fr_breach_at) !== undefined) out.firstResponseBreachAt = ms(row.sla_fr_breach_at);
    if (ms(row.sla_res_warn_at) !== undefined) out.resolutionWarnAt = ms(row.sla_res_warn_at);
    if (ms(row.sla_res_breach_at) !== undefined) out.resolutionBreachAt = ms(row.sla_res_breach_at);
    if (row.sla_version) out.version = row.sla_version;
    return out;
  }

  /**
   * Requests in `statuses` with an SLA event due at `now` and not recorded yet: a clock breached,
   * or warning (past its warning instant, not breached). The SLA job reads only these.
   */
  async slaCandidates(statuses: RequestStatus[], now: Date): Promise<RequestHead[]> {
    const notRecorded = (w: Knex.QueryBuilder, clock: string, kind: string) =>
      w.whereNotExists(
        this.db(SLA_EVENTS)
          .select(this.db.raw('1'))
          .whereRaw(`${SLA_EVENTS}.request_id = ${REQUESTS}.id`)
          .where({ clock, kind }),
      );
    const clockDue = (w: Knex.QueryBuilder, clock: string, warnAt: string, breachAt: string) =>
      w
        .where(b => notRecorded(b.where(breachAt, '<=', now), clock, 'breach'))
        .orWhere(a =>
          notRecorded(
            a.where(warnAt, '<=', now).andWhere(x => x.whereNull(breachAt).orWhere(breachAt, '>', now)),
            clock,
            'warning',
          ),
        );
    const rows = await this.db<RequestRow>(REQUESTS)
      .select(...HEAD_COLUMNS.map(c => `${REQUESTS}.${c}`))
      .whereIn('status', statuses)
      .where(w =>
        w
          .where(f => clockDue(f, 'first_response', 'sla_fr_warn_at', 'sla_fr_breach_at'))
          .orWhere(r => clockDue(r, 'resolution', 'sla_res_warn_at', 'sla_res_breach_at')),
      )
      .orderBy('id');
    return (rows as RequestRow[]).map(toHead);
  }

  async comments(requestId: number, options: { includeInternal: boolean }): Promise<SupportComment[]> {
    const q = this.db(COMMENTS)
      .where({ request_id: requestId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    if (!options.includeInternal) q.where('internal', false);
    return (await q).map((r: any) => ({
      id: Number(r.id),
      author: r.author,
      body: r.body,
      internal: Boolean(r.internal),
      createdAt: toIso(r.created_at),
    }));
  }

  async history(requestId: number): Promise<HistoryEntry[]> {
    const rows = await this.db(HISTORY)
      .where({ request_id: requestId })
      .orderBy([{ column: 'at' }, { column: 'id' }]);
    return rows.map((r: any) => ({
      id: Number(r.id),
      at: toIso(r.at),
      actor: r.actor,
      action: r.action,
      ...(r.from_value ? { from: r.from_value } : {}),
      ...(r.to_value ? { to: r.to_value } : {}),
    }));
  }

  /** Status changes of many requests (for the SLA pauses), by request id. */
  async statusChanges(ids: number[]): Promise<Map<number, Array<{ at: number; to: RequestStatus }>>> {
    const out = new Map<number, Array<{ at: number; to: RequestStatus }>>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db(HISTORY)
        .whereIn('request_id', ids.slice(i, i + 500))
        .where('action', 'status')
        .select('request_id', 'at', 'to_value');
      for (const r of rows) {
        const id = Number(r.request_id);
        const list = out.get(id) ?? [];
        list.push({ at: Date.parse(toIso(r.at)), to: r.to_value });
        out.set(id, list);
      }
    }
    return out;
  }

  /**
   * Applies a change in one transaction, only if the request is still in `expectedStatus`
   * (another change in between is a conflict), with its history entries and optional comment.
   */
  async change(
    id: number,
    expectedStatus: RequestStatus,
    patch: Patch,
    history: HistoryInput[],
    comment?: { author: string; body: string; internal: boolean },
  ): Promise<void> {
    const now = new Date();
    await this.db.transaction(async tx => {
      // The SLA instants depend on status, priority and the stop times: recomputed after this.
      const update: Record<string, unknown> = { updated_at: now, sla_version: null };
      if (patch.status !== undefined) update.status = patch.status;
      if (patch.assignee !== undefined) update.assignee = patch.assignee;
      if (patch.priority !== undefined) update.priority = patch.priority;
      if (patch.firstResponseAt !== undefined) update.first_response_at = patch.firstResponseAt;
      if (patch.resolvedAt !== undefined) update.resolved_at = patch.resolvedAt;
      const n = await tx(REQUESTS).where({ id, status: expectedStatus }).update(update);
      if (n !== 1) {
        throw new ConflictError(
          `Request ${id} changed meanwhile (it is no longer ${expectedStatus}); reload and try again`,
        );
      }
      if (comment) {
        await tx(COMMENTS).insert({
          request_id: id,
          author: comment.author,
          body: comment.body,
          internal: comment.internal,
          created_at: now,
        });
      }
      for (const h of history) {
        await tx(HISTORY).insert({
          request_id: id,
          at: h.at ?? now,
          actor: h.actor,
          action: h.action,
          from_value: h.from?.slice(0, 300) ?? null,
          to_value: h.to?.slice(0, 300) ?? null,
        });
      }
    });
  }

  /** Claims the right to page for a request: true for exactly one caller. */
  async claimPage(id: number, dedupKey: string): Promise<boolean> {
    const n = await this.db(REQUESTS).where({ id }).whereNull('page_dedup_key').update({ page_dedup_key: dedupKey });
    return n === 1;
  }

  async setPage(id: number, page: PageResult, actor: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(REQUESTS)
        .where({ id })
        .update({ page: JSON.stringify(page) });
      await tx(HISTORY).insert({
        request_id: id,
        at: new Date(),
        actor,
        action: 'paged',
        from_value: null,
        to_value: `${page.status} ${page.dedupKey}`.slice(0, 300),
      });
    });
  }

  /** The latest other open, paged request on an entity filed since `since`. */
  async recentPaged(entityRef: string, since: Date, exceptId: number): Promise<StoredRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS)
      .where({ entity_ref: entityRef })
      .whereNot('id', exceptId)
      .whereNotNull('page_dedup_key')
      .whereIn('status', ['new', 'triaged', 'in_progress', 'waiting_on_requester'])
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .first();
    return row ? toRequest(row) : undefined;
  }

  /**
   * Records an SLA event once per request, clock and kind (a unique key): true when this call
   * recorded it, false when it was recorded before (by this or another backend process).
   */
  async recordSlaEvent(requestId: number, clock: string, kind: string, at = new Date()): Promise<boolean> {
    try {
      await this.db.transaction(async tx => {
        await tx(SLA_EVENTS).insert({ request_id: requestId, clock, kind, at });
        await tx(HISTORY).insert({
          request_id: requestId,
          at,
          actor: 'support:sla',
          action: `sla_${kind}`,
          from_value: null,
          to_value: clock,
        });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async slaEvents(requestId?: number): Promise<Array<{ requestId: number; clock: string; kind: string; at: string }>> {
    const q = this.db(SLA_EVENTS).select('*').orderBy('id');
    if (requestId !== undefined) q.where({ request_id: requestId });
    return (await q).map((r: any) => ({
      requestId: Number(r.request_id),
      clock: r.clock,
      kind: r.kind,
      at: toIso(r.at),
    }));
  }

  /** Takes a one-off marker: true for the first caller only. */
  async takeMarker(key: string): Promise<boolean> {
    try {
      await this.db(META).insert({ key, at: new Date() });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** Test and seed helper: inserts a comment and history at given times without checks. */
  async seedActivity(
    id: number,
    entries: Array<HistoryInput & { at: Date }>,
    patch: Patch & { updatedAt?: Date },
    comments: Array<{ author: string; body: string; internal: boolean; at: Date }>,
  ) {
    await this.db.transaction(async tx => {
      const update: Record<string, unknown> = { sla_version: null };
      if (patch.status) update.status = patch.status;
      if (patch.assignee !== undefined) update.assignee = patch.assignee;
      if (patch.firstResponseAt !== undefined) update.first_response_at = patch.firstResponseAt;
      if (patch.resolvedAt !== undefined) update.resolved_at = patch.resolvedAt;
      if (patch.updatedAt) update.updated_at = patch.updatedAt;
      await tx(REQUESTS).where({ id }).update(update);
      for (const h of entries) {
        await tx(HISTORY).insert({
          request_id: id,
          at: h.at,
          actor: h.actor,
          action: h.action,
          from_value: h.from ?? null,
          to_value: h.to ?? null,
        });
      }
      for (const c of comments) {
        await tx(COMMENTS).insert({
          request_id: id,
          author: c.author,
          body: c.body,
          internal: c.internal,
          created_at: c.at,
        });
      }
    });
  }
}
