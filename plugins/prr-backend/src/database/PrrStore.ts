import { timestampToIso } from '@internal/plugin-portal-node';
import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type {
  CheckResult,
  EvidenceCode,
  HistoryEntry,
  ItemComment,
  ManualAnswer,
  Review,
  ReviewStatus,
  ScorePoint,
  Tier,
} from '@internal/plugin-prr-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const migrationsDir = resolvePackagePath('@internal/plugin-prr-backend', 'migrations');

type Time = Date | string | number;

const toIso = timestampToIso;
const optIso = (v: Time | null | undefined) => (v === null || v === undefined ? undefined : toIso(v));

function json<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

interface ReviewRow {
  id: string;
  entity_ref: string;
  status: ReviewStatus;
  author: string;
  created_at: Time;
  updated_at: Time;
  submitted_at: Time | null;
  decided_by: string | null;
  decided_at: Time | null;
  approved_snapshot: string | null;
  drifted_at: Time | null;
  drifted_items: string | null;
}

export interface StoredReview extends Review {
  /** Automatic item id -> status at approval. */
  approvedSnapshot?: Record<string, string>;
}

function toReview(r: ReviewRow): StoredReview {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    status: r.status,
    author: r.author,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    submittedAt: optIso(r.submitted_at),
    decidedBy: r.decided_by ?? undefined,
    decidedAt: optIso(r.decided_at),
    driftedAt: optIso(r.drifted_at),
    driftedItems: r.drifted_items ? json<string[]>(r.drifted_items, []) : undefined,
    approvedSnapshot: r.approved_snapshot ? json<Record<string, string>>(r.approved_snapshot, {}) : undefined,
  };
}

export interface HistoryInput {
  entityRef: string;
  reviewId?: string;
  actor: string;
  action: string;
  itemId?: string;
  before?: unknown;
  after?: unknown;
}

export interface EvaluationInput {
  entityRef: string;
  trigger: 'schedule' | 'demand';
  templateId: string;
  tier: Tier | null;
  score: number;
  sectionScores: Record<string, number | null>;
  results: Array<{ itemId: string; checkId: string } & CheckResult>;
}

export interface StoredEvaluation {
  id: string;
  entityRef: string;
  evaluatedAt: string;
  score: number;
  tier: Tier | null;
  sectionScores: Record<string, number | null>;
  results: Record<string, CheckResult & { evaluatedAt: string; checkId: string }>;
}

/** A transition of a review's status that the database performs only from the expected states. */
export interface Transition {
  from: ReviewStatus[];
  to: ReviewStatus;
  set?: Partial<
    Pick<ReviewRow, 'submitted_at' | 'decided_by' | 'decided_at' | 'approved_snapshot' | 'drifted_at' | 'drifted_items'>
  >;
}

/** The `prr` plugin's database. */
export class PrrStore {
  static async create(options: { database: DatabaseService }): Promise<PrrStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new PrrStore(client);
  }

  private constructor(private readonly db: Knex) {}

  transaction<T>(fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async review(entityRef: string, tx: Knex = this.db): Promise<StoredReview | undefined> {
    const row = await tx<ReviewRow>('prr_reviews').where({ entity_ref: entityRef }).first();
    return row ? toReview(row) : undefined;
  }

  async reviewsByEntity(): Promise<Map<string, StoredReview>> {
    const rows = await this.db<ReviewRow>('prr_reviews').select('*');
    return new Map(rows.map(r => [r.entity_ref, toReview(r)]));
  }

  async approvedReviews(): Promise<StoredReview[]> {
    const rows = await this.db<ReviewRow>('prr_reviews').where({ status: 'approved' });
    return rows.map(toReview);
  }

  /**
   * Opens a draft review, or reopens an existing one as a draft (from approved, drifted or
   * changes requested). Returns the review and what it was before; `undefined` when the existing
   * review is already a draft or in review.
   */
  async openReview(
    entityRef: string,
    author: string,
    tx: Knex.Transaction,
  ): Promise<{ review: StoredReview; before?: StoredReview } | undefined> {
    const now = new Date();
    const existing = await this.review(entityRef, tx);
    if (!existing) {
      const id = randomUUID();
      // The unique key on entity_ref makes a concurrent second open fail instead of duplicating.
      await tx('prr_reviews').insert({
        id,
        entity_ref: entityRef,
        status: 'draft',
        author,
        created_at: now,
        updated_at: now,
      });
      return { review: (await this.review(entityRef, tx))! };
    }
    const count = await tx('prr_reviews')
      .where({ id: existing.id })
      .whereIn('status', ['approved', 'drifted', 'changes_requested'])
      .update({
        status: 'draft',
        author,
        updated_at: now,
        submitted_at: null,
        decided_by: null,
        decided_at: null,
        approved_snapshot: null,
        drifted_at: null,
        drifted_items: null,
      });
    if (!count) return undefined;
    return { review: (await this.review(entityRef, tx))!, before: existing };
  }

  /** Changes the status only when it is one of `from` (a conditional update); false otherwise. */
  async transition(reviewId: string, t: Transition, tx: Knex = this.db): Promise<boolean> {
    const count = await tx('prr_reviews')
      .where({ id: reviewId })
      .whereIn('status', t.from)
      .update({ status: t.to, updated_at: new Date(), ...(t.set ?? {}) });
    return count === 1;
  }

  async answers(reviewId: string): Promise<Map<string, ManualAnswer>> {
    const rows = await this.db('prr_manual_answers').where({ review_id: reviewId });
    return new Map(
      rows.map((r: any) => [
        r.item_id,
        {
          state: r.state,
          evidenceUrl: r.evidence_url ?? undefined,
          evidenceText: r.evidence_text ?? undefined,
          reason: r.reason ?? undefined,
          updatedBy: r.updated_by,
          updatedAt: toIso(r.updated_at),
        } as ManualAnswer,
      ]),
    );
  }

  async setAnswer(
    reviewId: string,
    itemId: string,
    answer: Omit<ManualAnswer, 'updatedAt'>,
    tx: Knex.Transaction,
  ): Promise<ManualAnswer> {
    const now = new Date();
    const row = {
      review_id: reviewId,
      item_id: itemId,
      state: answer.state,
      evidence_url: answer.evidenceUrl ?? null,
      evidence_text: answer.evidenceText ?? null,
      reason: answer.reason ?? null,
      updated_by: answer.updatedBy,
      updated_at: now,
    };
    await tx('prr_manual_answers').insert(row).onConflict(['review_id', 'item_id']).merge();
    await tx('prr_reviews').where({ id: reviewId }).update({ updated_at: now });
    return { ...answer, updatedAt: now.toISOString() };
  }

  async comments(reviewId: string): Promise<ItemComment[]> {
    const rows = await this.db('prr_comments')
      .where({ review_id: reviewId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map((r: any) => ({
      id: r.id,
      itemId: r.item_id,
      author: r.author,
      text: r.text,
      createdAt: toIso(r.created_at),
    }));
  }

  async addComment(
    reviewId: string,
    itemId: string,
    author: string,
    text: string,
    tx: Knex.Transaction,
  ): Promise<ItemComment> {
    const c = { id: randomUUID(), review_id: reviewId, item_id: itemId, author, text, created_at: new Date() };
    await tx('prr_comments').insert(c);
    return { id: c.id, itemId, author, text, createdAt: c.created_at.toISOString() };
  }

  async addHistory(entry: HistoryInput, tx: Knex = this.db): Promise<void> {
    await tx('prr_history').insert({
      entity_ref: entry.entityRef,
      review_id: entry.reviewId ?? null,
      actor: entry.actor,
      action: entry.action,
      item_id: entry.itemId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      at: new Date(),
    });
  }

  async history(entityRef: string, limit = 500): Promise<HistoryEntry[]> {
    const rows = await this.db('prr_history').where({ entity_ref: entityRef }).orderBy('id', 'desc').limit(limit);
    return rows.map((r: any) => ({
      id: Number(r.id),
      entityRef: r.entity_ref,
      reviewId: r.review_id ?? undefined,
      actor: r.actor,
      action: r.action,
      itemId: r.item_id ?? undefined,
      before: json(r.before, undefined),
      after: json(r.after, undefined),
      at: toIso(r.at),
    }));
  }

  /** Stores one evaluation and its per-item results in one transaction. */
  async addEvaluation(input: EvaluationInput): Promise<StoredEvaluation> {
    const id = randomUUID();
    const at = new Date();
    await this.db.transaction(async tx => {
      await tx('prr_evaluations').insert({
        id,
        entity_ref: input.entityRef,
        evaluated_at: at,
        trigger: input.trigger,
        template_id: input.templateId,
        tier: input.tier,
        score: input.score,
        section_scores: JSON.stringify(input.sectionScores),
      });
      if (input.results.length) {
        await tx.batchInsert(
          'prr_results',
          input.results.map(r => ({
            evaluation_id: id,
            item_id: r.itemId,
            check_id: r.checkId,
            status: r.status,
            evidence: JSON.stringify(r.evidence),
            evidence_codes: r.evidenceCodes ? JSON.stringify(r.evidenceCodes) : null,
            evaluated_at: at,
          })),
          50,
        );
      }
    });
    const iso = at.toISOString();
    return {
      id,
      entityRef: input.entityRef,
      evaluatedAt: iso,
      score: input.score,
      tier: input.tier,
      sectionScores: input.sectionScores,
      results: Object.fromEntries(
        input.results.map(r => [
          r.itemId,
          {
            status: r.status,
            evidence: r.evidence,
            ...(r.evidenceCodes ? { evidenceCodes: r.evidenceCodes } : {}),
            checkId: r.checkId,
            evaluatedAt: iso,
          },
        ]),
      ),
    };
  }

  async latestEvaluation(entityRef: string): Promise<StoredEvaluation | undefined> {
    const row: any = await this.db('prr_evaluations')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    if (!row) return undefined;
    const results = await this.db('prr_results').where({ evaluation_id: row.id });
    return {
      id: row.id,
      entityRef: row.entity_ref,
      evaluatedAt: toIso(row.evaluated_at),
      score: Number(row.score),
      tier: row.tier ?? null,
      sectionScores: json(row.section_scores, {}),
      results: Object.fromEntries(
        results.map((r: any) => [
          r.item_id,
          {
            status: r.status,
            evidence: json<string[]>(r.evidence, []),
            ...(r.evidence_codes ? { evidenceCodes: json<EvidenceCode[]>(r.evidence_codes, []) } : {}),
            checkId: r.check_id,
            evaluatedAt: toIso(r.evaluated_at),
          },
        ]),
      ),
    };
  }

  /** Every evaluation since `since` (score and section scores, no per-item results), oldest first. */
  async evaluationsSince(
    since: Date,
    entityRefs?: string[],
  ): Promise<
    Array<{ entityRef: string; evaluatedAt: string; score: number; sectionScores: Record<string, number | null> }>
  > {
    const q = this.db('prr_evaluations')
      .select('entity_ref', 'evaluated_at', 'score', 'section_scores')
      .where('evaluated_at', '>=', since)
      .orderBy([{ column: 'evaluated_at' }, { column: 'id' }]);
    if (entityRefs) {
      if (!entityRefs.length) return [];
      q.whereIn('entity_ref', entityRefs);
    }
    const rows = await q;
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      evaluatedAt: toIso(r.evaluated_at),
      score: Number(r.score),
      sectionScores: json(r.section_scores, {}),
    }));
  }

  /**
   * Deletes evaluations (and their results) older than `before`, keeping each entity's latest one
   * so that its checklist still has results. Returns how many evaluations went.
   */
  async pruneEvaluations(before: Date): Promise<number> {
    return this.db.transaction<number>(async tx => {
      const latest = tx('prr_evaluations')
        .select('entity_ref')
        .max({ at: 'evaluated_at' })
        .groupBy('entity_ref')
        .as('l');
      const keep = await tx('prr_evaluations as e')
        .join(latest, function join() {
          this.on('e.entity_ref', '=', 'l.entity_ref').andOn('e.evaluated_at', '=', 'l.at');
        })
        .pluck('e.id');
      const old = tx('prr_evaluations').select('id').where('evaluated_at', '<', before).whereNotIn('id', keep);
      await tx('prr_results').whereIn('evaluation_id', old.clone()).delete();
      return Number(await tx('prr_evaluations').whereIn('id', old.clone()).delete());
    });
  }

  /** The latest evaluation (score, sections) of each entity. */
  async latestScores(): Promise<
    Map<string, { evaluatedAt: string; score: number; sectionScores: Record<string, number | null>; tier: Tier | null }>
  > {
    const latest = this.db('prr_evaluations')
      .select('entity_ref')
      .max({ at: 'evaluated_at' })
      .groupBy('entity_ref')
      .as('l');
    const rows = await this.db('prr_evaluations as e')
      .join(latest, function join() {
        this.on('e.entity_ref', '=', 'l.entity_ref').andOn('e.evaluated_at', '=', 'l.at');
      })
      .select('e.entity_ref', 'e.evaluated_at', 'e.score', 'e.section_scores', 'e.tier');
    return new Map(
      rows.map((r: any) => [
        r.entity_ref,
        {
          evaluatedAt: toIso(r.evaluated_at),
          score: Number(r.score),
          sectionScores: json(r.section_scores, {}),
          tier: r.tier ?? null,
        },
      ]),
    );
  }
}

export type { ScorePoint };
