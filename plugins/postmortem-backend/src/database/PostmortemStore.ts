import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  clampPageSize,
  decodeCursor as decodeKeysetCursor,
  encodeCursor as encodeKeysetCursor,
} from '@internal/plugin-portal-common';
import { withTimelineCode } from '@internal/plugin-postmortem-common';
import type {
  ActionItem,
  ActionItemInput,
  ActionItemRow,
  ActionItemStatus,
  IncidentImport,
  Postmortem,
  PostmortemHistoryEvent,
  PostmortemLanguage,
  PostmortemRevision,
  PostmortemStatus,
  PostmortemSummary,
  Reviewer,
  Severity,
  SloImpact,
  TimelineEntry,
  TimelineEntryInput,
} from '@internal/plugin-postmortem-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const migrationsDir = resolvePackagePath('@internal/plugin-postmortem-backend', 'migrations');

const PM = 'postmortems';
const REV = 'postmortem_revisions';
const TL = 'postmortem_timeline';
const REVIEWERS = 'postmortem_reviewers';
const ITEMS = 'postmortem_action_items';
const HISTORY = 'postmortem_history';

/** A save based on an older revision than the stored one: nothing was written. */
export class RevisionConflictError extends ConflictError {
  constructor(readonly baseRevision: number, readonly current: PostmortemRevision) {
    super(
      `Revision ${baseRevision} is not the latest: the postmortem is at revision ${current.revision}. ` +
        'Nothing was saved; fetch the current revision, merge, and save again based on it.',
    );
  }
}

export interface NewPostmortem {
  entityRef: string;
  ownerRef?: string;
  title: string;
  severity: Severity;
  language: PostmortemLanguage;
  incidentIds: string[];
  incident?: IncidentImport;
  startedAt?: string;
  endedAt?: string;
  document: string;
  impact?: SloImpact;
  timeline: Array<Omit<TimelineEntry, 'id'>>;
}

export interface DocumentPatch {
  title?: string;
  severity?: Severity;
  document?: string;
  startedAt?: string | null;
  endedAt?: string | null;
}

export interface PostmortemFilter {
  entityRef?: string;
  ownerRef?: string;
  severity?: Severity;
  status?: PostmortemStatus;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
}

/** Most postmortems a page of `GET /postmortems?limit=…` returns. */
export const MAX_PAGE_SIZE = 200;

/** The page size of the list without `limit`/`cursor` (a plain array, as before paging existed). */
export const LEGACY_PAGE_SIZE = 500;

/** The list's columns: no document, incident import or SLO impact snapshot. */
const SUMMARY_COLUMNS = [
  'id',
  'entity_ref',
  'owner_ref',
  'title',
  'severity',
  'status',
  'language',
  'incident_ids',
  'started_at',
  'ended_at',
  'revision',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'published_at',
];

/**
 * The list's order — incident start, newest first, postmortems without a start last; then
 * created_at and id (unique): a total order, so keyset pages are stable.
 */
interface CursorKey {
  startedAt: string | null;
  createdAt: string;
  id: string;
}

const encodeCursor = (k: CursorKey) => encodeKeysetCursor([k.startedAt, k.createdAt, k.id]);

const decodeCursor = (cursor: string): CursorKey =>
  decodeKeysetCursor(cursor, ([startedAt, createdAt, id]) =>
    (startedAt === null || typeof startedAt === 'string') &&
    typeof createdAt === 'string' &&
    typeof id === 'string' &&
    id
      ? { startedAt, createdAt, id }
      : undefined,
  );

export interface PostmortemPage {
  items: PostmortemSummary[];
  /** Present when more postmortems follow: the `cursor` of the next page. */
  nextCursor?: string;
}

export interface ActionItemFilter {
  ownerRefs?: string[];
  status?: ActionItemStatus[];
  overdue?: boolean;
  entityRef?: string;
  today: string;
}

type Row = Record<string, any>;

const now = () => new Date().toISOString();
const json = <T>(text: string | null | undefined): T | undefined => (text ? (JSON.parse(text) as T) : undefined);
const opt = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function summaryOf(row: Row, openItems: number): PostmortemSummary {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    ...opt('ownerRef', row.owner_ref as string | null),
    title: row.title,
    severity: row.severity,
    status: row.status,
    language: row.language,
    incidentIds: json<string[]>(row.incident_ids) ?? [],
    ...opt('startedAt', row.started_at as string | null),
    ...opt('endedAt', row.ended_at as string | null),
    revision: Number(row.revision),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    ...opt('publishedAt', row.published_at as string | null),
    openActionItems: openItems,
  };
}

function revisionOf(row: Row): PostmortemRevision {
  return {
    revision: Number(row.revision),
    title: row.title,
    severity: row.severity,
    document: row.document,
    ...opt('startedAt', row.started_at as string | null),
    ...opt('endedAt', row.ended_at as string | null),
    author: row.author,
    createdAt: row.created_at,
  };
}

function timelineOf(row: Row): TimelineEntry {
  // PagerDuty's sentences get their code when read, so an edited text loses it.
  return withTimelineCode({
    id: row.id,
    at: row.at,
    kind: row.kind,
    text: row.text,
    keyMoment: Boolean(row.key_moment),
    source: row.source,
    ...opt('actor', row.actor as string | null),
  });
}

function itemOf(row: Row, today: string): ActionItem {
  return {
    id: row.id,
    postmortemId: row.postmortem_id,
    title: row.title,
    ownerRef: row.owner_ref,
    priority: row.priority,
    ...opt('dueDate', row.due_date as string | null),
    status: row.status,
    ...opt('link', row.link as string | null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    overdue: row.status !== 'done' && !!row.due_date && row.due_date < today,
  };
}

/** Today (UTC) as `YYYY-MM-DD`. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The `postmortem` plugin's database. Every write that depends on state (the revision a save is
 * based on, the status a transition starts from, whether the postmortem is published) is a
 * conditional UPDATE inside a transaction, so the database decides between concurrent writers,
 * also across backend processes.
 */
export class PostmortemStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: { database: DatabaseService }): Promise<PostmortemStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new PostmortemStore(db);
  }

  // Postmortems ------------------------------------------------------------------------------

  async create(input: NewPostmortem, author: string): Promise<Postmortem> {
    const id = randomUUID();
    const at = now();
    await this.db.transaction(async tx => {
      await tx(PM).insert({
        id,
        entity_ref: input.entityRef,
        owner_ref: input.ownerRef ?? null,
        title: input.title,
        severity: input.severity,
        status: 'draft',
        language: input.language,
        incident_ids: JSON.stringify(input.incidentIds),
        incident: input.incident ? JSON.stringify(input.incident) : null,
        started_at: input.startedAt ?? null,
        ended_at: input.endedAt ?? null,
        document: input.document,
        impact: input.impact ? JSON.stringify(input.impact) : null,
        revision: 1,
        created_by: author,
        created_at: at,
        updated_by: author,
        updated_at: at,
      });
      await tx(REV).insert({
        postmortem_id: id,
        revision: 1,
        title: input.title,
        severity: input.severity,
        document: input.document,
        started_at: input.startedAt ?? null,
        ended_at: input.endedAt ?? null,
        author,
        created_at: at,
      });
      const entries = input.timeline.map(e => ({
        id: randomUUID(),
        postmortem_id: id,
        at: e.at,
        kind: e.kind,
        text: e.text,
        key_moment: e.keyMoment,
        source: e.source,
        actor: e.actor ?? null,
      }));
      for (let i = 0; i < entries.length; i += 100) {
        await tx(TL).insert(entries.slice(i, i + 100));
      }
      await this.history(tx, id, author, 'created', input.incidentIds.join(', ') || undefined);
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Postmortem | undefined> {
    const row = await this.db(PM).where({ id }).first();
    if (!row) return undefined;
    const today = todayUtc();
    const [timeline, reviewers, items] = await Promise.all([
      this.db(TL)
        .where({ postmortem_id: id })
        .orderBy([{ column: 'at' }, { column: 'id' }]),
      this.db(REVIEWERS).where({ postmortem_id: id }).orderBy('user_ref'),
      this.db(ITEMS)
        .where({ postmortem_id: id })
        .orderBy([{ column: 'created_at' }, { column: 'id' }]),
    ]);
    const actionItems = items.map(r => itemOf(r, today));
    return {
      ...summaryOf(row, actionItems.filter(i => i.status !== 'done').length),
      document: row.document,
      ...opt('incident', json<IncidentImport>(row.incident)),
      ...opt('impact', json<SloImpact>(row.impact)),
      timeline: timeline.map(timelineOf),
      reviewers: reviewers.map(
        (r): Reviewer => ({ userRef: r.user_ref, ...opt('approvedAt', r.approved_at as string | null) }),
      ),
      actionItems,
    };
  }

  async require(id: string): Promise<Postmortem> {
    const pm = await this.get(id);
    if (!pm) throw new NotFoundError(`No postmortem ${id}`);
    return pm;
  }

  private filtered(filter: PostmortemFilter): Knex.QueryBuilder {
    const q = this.db(PM);
    if (filter.entityRef) q.where('entity_ref', filter.entityRef);
    if (filter.ownerRef) q.where('owner_ref', filter.ownerRef);
    if (filter.severity) q.where('severity', filter.severity);
    if (filter.status) q.where('status', filter.status);
    if (filter.from) q.where('started_at', '>=', filter.from);
    if (filter.to) q.where('started_at', '<', filter.to);
    if (filter.q) {
      const like = `%${filter.q.toLocaleLowerCase('en-US').replace(/[\\%_]/g, c => `\\${c}`)}%`;
      q.where(w =>
        w
          .whereRaw("LOWER(title) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("LOWER(document) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("LOWER(incident_ids) LIKE ? ESCAPE '\\'", [like]),
      );
    }
    return q;
  }

  /** List rows with their open action item counts. */
  private async summaries(rows: Row[]): Promise<PostmortemSummary[]> {
    const counts = rows.length
      ? await this.db(ITEMS)
          .select('postmortem_id')
          .count({ n: '*' })
          .whereIn(
            'postmortem_id',
            rows.map(r => r.id),
          )
          .whereNot('status', 'done')
          .groupBy('postmortem_id')
      : [];
    const byId = new Map((counts as Row[]).map(c => [c.postmortem_id as string, Number(c.n)]));
    return rows.map(r => summaryOf(r, byId.get(r.id) ?? 0));
  }

  private ordered(q: Knex.QueryBuilder): Knex.QueryBuilder {
    return q.orderByRaw('CASE WHEN started_at IS NULL THEN 1 ELSE 0 END').orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  }

  /**
   * Postmortems matching the filter, in the list's order, at most `filter.limit` (500 unless
   * given). For bounded internal reads (one entity's postmortems); the list uses {@link page}.
   */
  async list(filter: PostmortemFilter): Promise<PostmortemSummary[]> {
    const rows = await this.ordered(this.filtered(filter).select(...SUMMARY_COLUMNS)).limit(filter.limit ?? 500);
    return this.summaries(rows);
  }

  /**
   * One page of the list by keyset on (started_at, created_at, id): postmortems written while
   * paging never shift later pages (no duplicates, no misses), and `nextCursor` says whether more
   * follow — nothing is cut off silently.
   */
  async page(filter: PostmortemFilter, options: { limit: number; cursor?: string }): Promise<PostmortemPage> {
    const limit = clampPageSize(options.limit, LEGACY_PAGE_SIZE);
    const q = this.filtered(filter).select(...SUMMARY_COLUMNS);
    if (options.cursor) {
      const k = decodeCursor(options.cursor);
      const sameStartAfter = (w: Knex.QueryBuilder) =>
        w
          .where('created_at', '<', k.createdAt)
          .orWhere(e => e.where('created_at', k.createdAt).andWhere('id', '<', k.id));
      if (k.startedAt === null) {
        q.whereNull('started_at').andWhere(sameStartAfter);
      } else {
        const startedAt = k.startedAt;
        q.where(w =>
          w
            .where('started_at', '<', startedAt)
            .orWhere(e => e.where('started_at', startedAt).andWhere(sameStartAfter))
            .orWhereNull('started_at'),
        );
      }
    }
    const rows: Row[] = await this.ordered(q).limit(limit + 1);
    const items = await this.summaries(rows.slice(0, limit));
    const last = rows[limit - 1];
    return {
      items,
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor({ startedAt: last.started_at ?? null, createdAt: last.created_at, id: last.id }) }
        : {}),
    };
  }

  /**
   * Saves the document fields based on `baseRevision`: one conditional UPDATE (`revision =
   * base`, not published) and a snapshot of the new revision, in one transaction. A stale base
   * writes nothing and throws {@link RevisionConflictError} with the current revision.
   */
  async updateDocument(id: string, baseRevision: number, patch: DocumentPatch, author: string): Promise<Postmortem> {
    await this.db.transaction(async tx => {
      const row = await tx(PM).where({ id }).first();
      if (!row) throw new NotFoundError(`No postmortem ${id}`);
      if (row.status === 'published')
        throw new ConflictError('The postmortem is published and read-only; reopen it to edit');
      const next = {
        title: patch.title ?? row.title,
        severity: patch.severity ?? row.severity,
        document: patch.document ?? row.document,
        started_at: patch.startedAt === undefined ? row.started_at : patch.startedAt,
        ended_at: patch.endedAt === undefined ? row.ended_at : patch.endedAt,
      };
      const at = now();
      const updated = await tx(PM)
        .where({ id, revision: baseRevision })
        .whereNot('status', 'published')
        .update({ ...next, revision: baseRevision + 1, updated_by: author, updated_at: at });
      if (updated !== 1) {
        const current = await tx(REV).where({ postmortem_id: id }).orderBy('revision', 'desc').first();
        const fresh = await tx(PM).where({ id }).first();
        if (fresh?.status === 'published')
          throw new ConflictError('The postmortem is published and read-only; reopen it to edit');
        throw new RevisionConflictError(baseRevision, revisionOf(current));
      }
      await tx(REV).insert({
        postmortem_id: id,
        revision: baseRevision + 1,
        ...next,
        author,
        created_at: at,
      });
      await this.history(tx, id, author, 'saved', `revision ${baseRevision + 1}`);
    });
    return this.require(id);
  }

  async setImpact(id: string, impact: SloImpact, author: string): Promise<void> {
    await this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      await tx(PM)
        .where({ id })
        .update({ impact: JSON.stringify(impact) });
      await this.history(tx, id, author, 'impact-recomputed', `${impact.slos.length} SLO(s)`);
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      for (const table of [HISTORY, ITEMS, REVIEWERS, TL, REV]) {
        await tx(table).where({ postmortem_id: id }).delete();
      }
      return (await tx(PM).where({ id }).delete()) > 0;
    });
  }

  // Revisions and history --------------------------------------------------------------------

  async revisions(id: string): Promise<PostmortemRevision[]> {
    const rows = await this.db(REV).where({ postmortem_id: id }).orderBy('revision', 'desc');
    return rows.map(revisionOf);
  }

  async revision(id: string, revision: number): Promise<PostmortemRevision | undefined> {
    const row = await this.db(REV).where({ postmortem_id: id, revision }).first();
    return row ? revisionOf(row) : undefined;
  }

  async historyOf(id: string): Promise<PostmortemHistoryEvent[]> {
    const rows = await this.db(HISTORY).where({ postmortem_id: id }).orderBy('seq', 'asc');
    return rows.map(r => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      ...opt('detail', r.detail as string | null),
    }));
  }

  // Review workflow ---------------------------------------------------------------------------

  /** draft → in_review with these reviewers (approvals start empty). */
  async requestReview(id: string, reviewers: string[], author: string): Promise<void> {
    await this.db.transaction(async tx => {
      const at = now();
      const n = await tx(PM)
        .where({ id, status: 'draft' })
        .update({ status: 'in_review', updated_by: author, updated_at: at });
      if (n !== 1) await this.transitionFailed(tx, id, 'draft', 'send for review');
      await tx(REVIEWERS).where({ postmortem_id: id }).delete();
      await tx(REVIEWERS).insert(
        reviewers.map(userRef => ({ postmortem_id: id, user_ref: userRef, approved_at: null })),
      );
      await this.history(tx, id, author, 'review-requested', reviewers.join(', '));
    });
  }

  /**
   * Records the reviewer's approval; when every reviewer has approved, publishes (one
   * conditional UPDATE: in review and no reviewer left without approval).
   */
  async approve(id: string, userRef: string): Promise<{ published: boolean }> {
    return this.db.transaction(async tx => {
      const at = now();
      const touched = await tx(PM).where({ id, status: 'in_review' }).update({ updated_by: userRef, updated_at: at });
      if (touched !== 1) await this.transitionFailed(tx, id, 'in_review', 'approve');
      const n = await tx(REVIEWERS)
        .where({ postmortem_id: id, user_ref: userRef })
        .whereNull('approved_at')
        .update({ approved_at: at });
      if (n !== 1) {
        const reviewer = await tx(REVIEWERS).where({ postmortem_id: id, user_ref: userRef }).first();
        if (!reviewer) throw new ConflictError(`${userRef} is not a reviewer of this postmortem`);
        throw new ConflictError(`${userRef} has already approved this postmortem`);
      }
      await this.history(tx, id, userRef, 'approved');
      const published = await tx(PM)
        .where({ id, status: 'in_review' })
        .whereNotExists(tx(REVIEWERS).select(tx.raw('1')).where({ postmortem_id: id }).whereNull('approved_at'))
        .update({ status: 'published', published_at: at });
      if (published === 1) await this.history(tx, id, userRef, 'published');
      return { published: published === 1 };
    });
  }

  /** in_review or published → draft; approvals are cleared. */
  async reopen(id: string, author: string, reason?: string): Promise<void> {
    await this.db.transaction(async tx => {
      const at = now();
      const n = await tx(PM)
        .where({ id })
        .whereIn('status', ['in_review', 'published'])
        .update({ status: 'draft', published_at: null, updated_by: author, updated_at: at });
      if (n !== 1) await this.transitionFailed(tx, id, 'in_review or published', 'reopen');
      await tx(REVIEWERS).where({ postmortem_id: id }).update({ approved_at: null });
      await this.history(tx, id, author, 'reopened', reason);
    });
  }

  // Timeline ---------------------------------------------------------------------------------

  async addTimelineEntry(id: string, input: TimelineEntryInput, author: string): Promise<TimelineEntry> {
    const entry: TimelineEntry = {
      id: randomUUID(),
      at: input.at,
      kind: input.kind,
      text: input.text,
      keyMoment: input.keyMoment ?? false,
      source: 'manual',
    };
    await this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      await tx(TL).insert({
        id: entry.id,
        postmortem_id: id,
        at: entry.at,
        kind: entry.kind,
        text: entry.text,
        key_moment: entry.keyMoment,
        source: entry.source,
        actor: null,
      });
      await this.history(tx, id, author, 'timeline-added', entry.text.slice(0, 200));
    });
    return entry;
  }

  async updateTimelineEntry(
    id: string,
    entryId: string,
    input: Partial<TimelineEntryInput>,
    author: string,
  ): Promise<TimelineEntry> {
    return this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      const patch: Row = {};
      if (input.at !== undefined) patch.at = input.at;
      if (input.kind !== undefined) patch.kind = input.kind;
      if (input.text !== undefined) patch.text = input.text;
      if (input.keyMoment !== undefined) patch.key_moment = input.keyMoment;
      const n = Object.keys(patch).length
        ? await tx(TL).where({ id: entryId, postmortem_id: id }).update(patch)
        : await tx(TL)
            .where({ id: entryId, postmortem_id: id })
            .count({ n: '*' })
            .then(r => Number(r[0].n));
      if (n !== 1) throw new NotFoundError(`No timeline entry ${entryId} in postmortem ${id}`);
      await this.history(tx, id, author, 'timeline-edited', entryId);
      return timelineOf(await tx(TL).where({ id: entryId }).first());
    });
  }

  async deleteTimelineEntry(id: string, entryId: string, author: string): Promise<void> {
    await this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      const n = await tx(TL).where({ id: entryId, postmortem_id: id }).delete();
      if (n !== 1) throw new NotFoundError(`No timeline entry ${entryId} in postmortem ${id}`);
      await this.history(tx, id, author, 'timeline-removed', entryId);
    });
  }

  // Action items -----------------------------------------------------------------------------

  async addActionItem(id: string, input: ActionItemInput, author: string): Promise<ActionItem> {
    const at = now();
    const itemId = randomUUID();
    await this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      await tx(ITEMS).insert({
        id: itemId,
        postmortem_id: id,
        title: input.title,
        owner_ref: input.ownerRef,
        priority: input.priority ?? 'P3',
        due_date: input.dueDate ?? null,
        status: input.status ?? 'open',
        link: input.link ?? null,
        created_at: at,
        updated_at: at,
      });
      await this.history(tx, id, author, 'action-item-added', input.title.slice(0, 200));
    });
    return itemOf(await this.db(ITEMS).where({ id: itemId }).first(), todayUtc());
  }

  async getActionItem(itemId: string): Promise<ActionItem | undefined> {
    const row = await this.db(ITEMS).where({ id: itemId }).first();
    return row ? itemOf(row, todayUtc()) : undefined;
  }

  /**
   * Action items stay editable after publication: following them up is what the postmortem is for.
   */
  async updateActionItem(
    id: string,
    itemId: string,
    input: Partial<ActionItemInput>,
    author: string,
  ): Promise<ActionItem> {
    return this.db.transaction(async tx => {
      const patch: Row = { updated_at: now() };
      if (input.title !== undefined) patch.title = input.title;
      if (input.ownerRef !== undefined) patch.owner_ref = input.ownerRef;
      if (input.priority !== undefined) patch.priority = input.priority;
      if (input.dueDate !== undefined) patch.due_date = input.dueDate;
      if (input.status !== undefined) patch.status = input.status;
      if (input.link !== undefined) patch.link = input.link;
      const n = await tx(ITEMS).where({ id: itemId, postmortem_id: id }).update(patch);
      if (n !== 1) throw new NotFoundError(`No action item ${itemId} in postmortem ${id}`);
      await this.history(tx, id, author, 'action-item-edited', itemId);
      return itemOf(await tx(ITEMS).where({ id: itemId }).first(), todayUtc());
    });
  }

  async deleteActionItem(id: string, itemId: string, author: string): Promise<void> {
    await this.db.transaction(async tx => {
      await this.touchMutable(tx, id, author);
      const n = await tx(ITEMS).where({ id: itemId, postmortem_id: id }).delete();
      if (n !== 1) throw new NotFoundError(`No action item ${itemId} in postmortem ${id}`);
      await this.history(tx, id, author, 'action-item-removed', itemId);
    });
  }

  async listActionItems(filter: ActionItemFilter): Promise<ActionItemRow[]> {
    const q = this.db(`${ITEMS} as i`)
      .join(`${PM} as p`, 'p.id', 'i.postmortem_id')
      .select('i.*', 'p.title as pm_title', 'p.entity_ref as pm_entity_ref');
    if (filter.ownerRefs) q.whereIn('i.owner_ref', filter.ownerRefs);
    if (filter.status?.length) q.whereIn('i.status', filter.status);
    if (filter.entityRef) q.where('p.entity_ref', filter.entityRef);
    if (filter.overdue) {
      q.whereNot('i.status', 'done').whereNotNull('i.due_date').where('i.due_date', '<', filter.today);
    }
    const rows = await q
      .orderByRaw('CASE WHEN i.due_date IS NULL THEN 1 ELSE 0 END')
      .orderBy([{ column: 'i.due_date' }, { column: 'i.priority' }, { column: 'i.id' }])
      .limit(1000);
    return rows.map(r => ({
      ...itemOf(r, filter.today),
      postmortemTitle: r.pm_title,
      entityRef: r.pm_entity_ref,
    }));
  }

  // Helpers ----------------------------------------------------------------------------------

  /** Locks the postmortem row for this transaction; throws when it is missing or published. */
  private async touchMutable(tx: Knex.Transaction, id: string, author: string) {
    const n = await tx(PM)
      .where({ id })
      .whereNot('status', 'published')
      .update({ updated_by: author, updated_at: now() });
    if (n === 1) return;
    const row = await tx(PM).where({ id }).first();
    if (!row) throw new NotFoundError(`No postmortem ${id}`);
    throw new ConflictError('The postmortem is published and read-only; reopen it to edit');
  }

  private async transitionFailed(tx: Knex.Transaction, id: string, from: string, what: string): Promise<never> {
    const row = await tx(PM).where({ id }).first();
    if (!row) throw new NotFoundError(`No postmortem ${id}`);
    throw new ConflictError(`Cannot ${what}: the postmortem is ${row.status}, not ${from}`);
  }

  private async history(tx: Knex.Transaction, id: string, actor: string, action: string, detail?: string) {
    await tx(HISTORY).insert({ postmortem_id: id, at: now(), actor, action, detail: detail ?? null });
  }
}
