import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { InfraService } from '@internal/plugin-infra-node';
import {
  effectiveTier,
  itemStatusOf,
  prrMarkdown,
  prrReviewApprovePermission,
  prrReviewManagePermission,
  progressOf,
  tierOf,
  type CheckResult,
  type ChecklistItem,
  type ChecklistSection,
  type EntityPrr,
  type HistoryEntry,
  type ItemComment,
  type ManualAnswer,
  type PrrTemplate,
  type Review,
  type Scorecard,
  type ScorecardRow,
  type ScorePoint,
  type Tier,
} from '@internal/plugin-prr-common';
import { sloDefinitionOf } from '@internal/plugin-slo-common';
import type { PrrConfig } from '../../config';
import type { PrrStore, StoredEvaluation, StoredReview } from '../../database/PrrStore';
import { evaluateLiveChecks } from '../checks/liveChecks';
import type { EntityParams, ManualUpdate, PrrService, ScorecardFilter } from './types';

/** Annotation that picks another checklist template for an entity. */
export const TEMPLATE_ANNOTATION = 'prr.platform-portal/template';

const SYSTEM_ACTOR = 'plugin:prr';

type Results = Record<string, CheckResult & { evaluatedAt: string }>;

function objectiveOf(entity: Entity): number | undefined {
  const def = sloDefinitionOf(entity);
  return def?.ok ? def.slo.objective : undefined;
}

function ownerRefOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }),
    );
  } catch {
    return undefined;
  }
}

const publicReview = (r: StoredReview | undefined): Review | undefined => {
  if (!r) return undefined;
  const { approvedSnapshot: _snapshot, ...rest } = r;
  return rest;
};

export class DefaultPrrService implements PrrService {
  constructor(
    private readonly deps: {
      store: PrrStore;
      infra: InfraService;
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      notifications?: NotificationService;
      logger: LoggerService;
      config: PrrConfig;
      templates: Map<string, PrrTemplate>;
    },
  ) {
    if (!deps.templates.has(deps.config.defaultTemplate)) {
      throw new Error(`prr.defaultTemplate: no template with id ${deps.config.defaultTemplate}`);
    }
  }

  templates(): PrrTemplate[] {
    return [...this.deps.templates.values()];
  }

  private templateFor(entity: Entity): PrrTemplate {
    const wanted = entity.metadata.annotations?.[TEMPLATE_ANNOTATION];
    return (wanted && this.deps.templates.get(wanted)) || this.deps.templates.get(this.deps.config.defaultTemplate)!;
  }

  // Entities and people ----------------------------------------------------------------------

  private async entity(ref: EntityParams, credentials: BackstageCredentials): Promise<Entity> {
    const entityRef = stringifyEntityRef({ kind: ref.kind, namespace: ref.namespace, name: ref.name });
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  }

  private userOf(credentials: BackstageCredentials): string {
    if (this.deps.auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
    throw new NotAllowedError('Changing a review needs a signed-in user');
  }

  private async authorizeManage(entityRef: string, credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: prrReviewManagePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${entityRef} and the platform team can change its production readiness review`,
      );
    }
  }

  private async authorizeApprove(credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize([{ permission: prrReviewApprovePermission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only a platform-team member can sign off a production readiness review');
    }
  }

  // The checklist ----------------------------------------------------------------------------

  private checklist(
    entity: Entity,
    template: PrrTemplate,
    results: Results,
    answers: Map<string, ManualAnswer>,
    comments: ItemComment[],
  ): { tier: Tier | null; objective?: number; sections: ChecklistSection[] } {
    const objective = objectiveOf(entity);
    const tier = tierOf(objective);
    const applied = effectiveTier(tier);
    const sections = template.sections.map(section => {
      const items: ChecklistItem[] = section.items.map(item => {
        const kind = item.check ? 'automatic' : 'manual';
        const applies = item.tiers.includes(applied);
        const result = item.check ? results[item.id] : undefined;
        const manual = item.check ? undefined : answers.get(item.id);
        return {
          id: item.id,
          sectionId: section.id,
          title: item.title,
          guidance: item.guidance,
          tiers: item.tiers,
          applies,
          kind,
          ...(item.check ? { check: item.check } : {}),
          ...(result ? { result } : {}),
          ...(manual ? { manual } : {}),
          status: itemStatusOf({ applies, kind, result, manual }),
          comments: comments.filter(c => c.itemId === item.id),
        };
      });
      return { id: section.id, title: section.title, progress: progressOf(items), items };
    });
    return { tier, objective, sections };
  }

  private async assemble(entity: Entity, evaluation?: StoredEvaluation): Promise<EntityPrr> {
    const entityRef = stringifyEntityRef(entity);
    const template = this.templateFor(entity);
    const review = await this.deps.store.review(entityRef);
    const [answers, comments] = review
      ? await Promise.all([this.deps.store.answers(review.id), this.deps.store.comments(review.id)])
      : [new Map<string, ManualAnswer>(), [] as ItemComment[]];
    const { tier, objective, sections } = this.checklist(
      entity,
      template,
      evaluation?.results ?? {},
      answers,
      comments,
    );
    const progress = progressOf(sections.flatMap(s => s.items));
    return {
      entityRef,
      title: entity.metadata.title ?? entity.metadata.name,
      owner: ownerRefOf(entity),
      tier,
      ...(objective !== undefined ? { objective } : {}),
      templateId: template.id,
      evaluatedAt: evaluation?.evaluatedAt,
      score: progress.score,
      progress,
      sections,
      review: publicReview(review),
    };
  }

  /** Runs the checks, stores the evaluation, and marks an approved review drifted when it is. */
  private async evaluateEntity(
    entity: Entity,
    trigger: 'schedule' | 'demand',
  ): Promise<{ evaluation: StoredEvaluation; drifted: boolean }> {
    const entityRef = stringifyEntityRef(entity);
    const template = this.templateFor(entity);
    const automatic = template.sections.flatMap(s => s.items).filter(i => i.check);
    const byCheck = await evaluateLiveChecks(entity, this.deps.infra, new Set(automatic.map(i => i.check!)));
    const now = new Date().toISOString();
    const results: Results = Object.fromEntries(automatic.map(i => [i.id, { ...byCheck[i.check!], evaluatedAt: now }]));

    const review = await this.deps.store.review(entityRef);
    const answers = review ? await this.deps.store.answers(review.id) : new Map<string, ManualAnswer>();
    const { tier, sections } = this.checklist(entity, template, results, answers, []);
    const evaluation = await this.deps.store.addEvaluation({
      entityRef,
      trigger,
      templateId: template.id,
      tier,
      score: progressOf(sections.flatMap(s => s.items)).score,
      sectionScores: Object.fromEntries(sections.map(s => [s.id, s.progress.total ? s.progress.score : null])),
      results: automatic.map(i => ({ itemId: i.id, checkId: i.check!, ...byCheck[i.check!] })),
    });
    const applicable = new Set(
      sections
        .flatMap(s => s.items)
        .filter(i => i.applies)
        .map(i => i.id),
    );
    const drifted = review ? await this.detectDrift(entity, review, evaluation, applicable) : false;
    return { evaluation, drifted };
  }

  /**
   * An approved review whose automatic item passed at approval and fails now becomes drifted.
   * The conditional update (only from `approved`) makes exactly one backend process win; only
   * the winner records the history and notifies the owners.
   */
  private async detectDrift(
    entity: Entity,
    review: StoredReview,
    evaluation: StoredEvaluation,
    applicable: Set<string>,
  ): Promise<boolean> {
    if (review.status !== 'approved' || !review.approvedSnapshot) return false;
    const items = Object.entries(review.approvedSnapshot)
      .filter(([id, before]) => before === 'pass' && applicable.has(id) && evaluation.results[id]?.status === 'fail')
      .map(([id]) => id);
    if (!items.length) return false;
    const at = new Date();
    const won = await this.deps.store.transaction(async tx => {
      const ok = await this.deps.store.transition(
        review.id,
        { from: ['approved'], to: 'drifted', set: { drifted_at: at, drifted_items: JSON.stringify(items) } as any },
        tx,
      );
      if (!ok) return false;
      await this.deps.store.addHistory(
        {
          entityRef: review.entityRef,
          reviewId: review.id,
          actor: SYSTEM_ACTOR,
          action: 'drifted',
          before: { status: 'approved' },
          after: {
            status: 'drifted',
            items: items.map(id => ({ id, evidence: evaluation.results[id].evidence })),
            evaluationId: evaluation.id,
          },
        },
        tx,
      );
      return true;
    });
    if (won) await this.notifyDrift(entity, items, evaluation);
    return won;
  }

  private async notifyDrift(entity: Entity, items: string[], evaluation: StoredEvaluation) {
    const owner = ownerRefOf(entity);
    if (!owner || !this.deps.notifications) return;
    const name = entity.metadata.title ?? entity.metadata.name;
    const evidence = items.flatMap(id => evaluation.results[id].evidence.slice(0, 2).map(e => `${id}: ${e}`));
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `Production readiness drifted: ${name}`,
          description: `Approved items now fail: ${items.join(', ')}. ${evidence.join('; ')}`.slice(0, 1000),
          link: `/catalog/${entity.metadata.namespace ?? 'default'}/${entity.kind.toLocaleLowerCase('en-US')}/${
            entity.metadata.name
          }/prr`,
          severity: 'high',
          topic: 'prr-drift',
          scope: `prr-drift:${stringifyEntityRef(entity)}`,
        },
      });
    } catch (e) {
      this.deps.logger.warn(`Could not notify ${owner} of the PRR drift of ${stringifyEntityRef(entity)}: ${e}`);
    }
  }

  // Reads ------------------------------------------------------------------------------------

  async entityPrr(ref: EntityParams, credentials: BackstageCredentials): Promise<EntityPrr> {
    const entity = await this.entity(ref, credentials);
    let evaluation = await this.deps.store.latestEvaluation(stringifyEntityRef(entity));
    // The first read of an entity evaluates it: a checklist without results is of no use.
    if (!evaluation) evaluation = (await this.evaluateEntity(entity, 'demand')).evaluation;
    return this.assemble(entity, evaluation);
  }

  async evaluate(ref: EntityParams, credentials: BackstageCredentials): Promise<EntityPrr> {
    const entity = await this.entity(ref, credentials);
    await this.authorizeManage(stringifyEntityRef(entity), credentials);
    const { evaluation } = await this.evaluateEntity(entity, 'demand');
    return this.assemble(entity, evaluation);
  }

  async history(ref: EntityParams, credentials: BackstageCredentials): Promise<HistoryEntry[]> {
    const entity = await this.entity(ref, credentials);
    return this.deps.store.history(stringifyEntityRef(entity));
  }

  async exportMarkdown(ref: EntityParams, lang: 'en' | 'ja', credentials: BackstageCredentials): Promise<string> {
    return prrMarkdown(await this.entityPrr(ref, credentials), lang);
  }

  // The workflow -----------------------------------------------------------------------------

  async openReview(ref: EntityParams, credentials: BackstageCredentials): Promise<Review> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeManage(entityRef, credentials);
    const user = this.userOf(credentials);
    let opened;
    try {
      opened = await this.deps.store.transaction(async tx => {
        const r = await this.deps.store.openReview(entityRef, user, tx);
        if (!r) return undefined;
        await this.deps.store.addHistory(
          {
            entityRef,
            reviewId: r.review.id,
            actor: user,
            action: r.before ? 'reopened' : 'created',
            before: r.before ? { status: r.before.status, author: r.before.author } : undefined,
            after: { status: 'draft', author: user },
          },
          tx,
        );
        return r;
      });
    } catch (e) {
      // Two opens at once: the unique key on entity_ref lets one insert through.
      if (/unique|duplicate/i.test(String((e as Error).message))) {
        throw new ConflictError(`A review of ${entityRef} was opened at the same time; reload it`);
      }
      throw e;
    }
    if (!opened) {
      const existing = await this.deps.store.review(entityRef);
      throw new ConflictError(
        `The review of ${entityRef} is already open (status ${existing?.status}); only an approved, drifted or changes-requested review can be reopened`,
      );
    }
    return publicReview(opened.review)!;
  }

  private async existingReview(entityRef: string): Promise<StoredReview> {
    const review = await this.deps.store.review(entityRef);
    if (!review) throw new NotFoundError(`${entityRef} has no production readiness review yet: open one first`);
    return review;
  }

  async submit(ref: EntityParams, credentials: BackstageCredentials): Promise<Review> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeManage(entityRef, credentials);
    const user = this.userOf(credentials);
    const review = await this.existingReview(entityRef);
    if (!['draft', 'changes_requested'].includes(review.status)) {
      throw new ConflictError(
        `The review of ${entityRef} is ${review.status}: only a draft or a review with changes requested can be submitted`,
      );
    }
    const prr = await this.assemble(entity, await this.deps.store.latestEvaluation(entityRef));
    const missing = prr.sections.flatMap(s => s.items).filter(i => i.kind === 'manual' && i.status === 'pending');
    if (missing.length) {
      throw new ConflictError(
        `Manual items need evidence or "not applicable" with a reason before the review can be submitted: ${missing
          .map(i => i.id)
          .join(', ')}`,
      );
    }
    return this.move(review, user, 'submitted', {
      from: ['draft', 'changes_requested'],
      to: 'in_review',
      set: { submitted_at: new Date() } as any,
    });
  }

  async approve(ref: EntityParams, credentials: BackstageCredentials): Promise<Review> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeApprove(credentials);
    const user = this.userOf(credentials);
    const review = await this.existingReview(entityRef);
    if (review.author === user) {
      throw new NotAllowedError(`You opened this review (${user}): another platform-team member must approve it`);
    }
    if (review.status !== 'in_review') {
      throw new ConflictError(
        `The review of ${entityRef} is ${review.status}: only a review in review can be approved`,
      );
    }
    // Sign off against the live state of now: the snapshot is what drift is measured from.
    const { evaluation } = await this.evaluateEntity(entity, 'demand');
    const snapshot = Object.fromEntries(Object.entries(evaluation.results).map(([id, r]) => [id, r.status]));
    const failing = Object.entries(snapshot)
      .filter(([, s]) => s === 'fail')
      .map(([id]) => id);
    return this.move(
      review,
      user,
      'approved',
      {
        from: ['in_review'],
        to: 'approved',
        set: { decided_by: user, decided_at: new Date(), approved_snapshot: JSON.stringify(snapshot) } as any,
      },
      { score: evaluation.score, failingAutomaticItems: failing },
    );
  }

  async requestChanges(ref: EntityParams, reason: string, credentials: BackstageCredentials): Promise<Review> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeApprove(credentials);
    const user = this.userOf(credentials);
    const review = await this.existingReview(entityRef);
    if (review.status !== 'in_review') {
      throw new ConflictError(
        `The review of ${entityRef} is ${review.status}: changes can only be requested on a review in review`,
      );
    }
    return this.move(
      review,
      user,
      'changes_requested',
      { from: ['in_review'], to: 'changes_requested', set: { decided_by: user, decided_at: new Date() } as any },
      { reason },
    );
  }

  /** A conditional status change plus its history row, in one transaction. */
  private async move(
    review: StoredReview,
    user: string,
    action: string,
    t: Parameters<PrrStore['transition']>[1],
    extra?: Record<string, unknown>,
  ): Promise<Review> {
    const ok = await this.deps.store.transaction(async tx => {
      if (!(await this.deps.store.transition(review.id, t, tx))) return false;
      await this.deps.store.addHistory(
        {
          entityRef: review.entityRef,
          reviewId: review.id,
          actor: user,
          action,
          before: { status: review.status },
          after: { status: t.to, ...extra },
        },
        tx,
      );
      return true;
    });
    if (!ok) throw new ConflictError(`The review of ${review.entityRef} changed meanwhile; reload it`);
    return publicReview(await this.deps.store.review(review.entityRef))!;
  }

  private manualItem(entity: Entity, itemId: string) {
    const item = this.templateFor(entity)
      .sections.flatMap(s => s.items)
      .find(i => i.id === itemId);
    if (!item) throw new NotFoundError(`No checklist item ${itemId}`);
    return item;
  }

  async setManual(
    ref: EntityParams,
    itemId: string,
    update: ManualUpdate,
    credentials: BackstageCredentials,
  ): Promise<ManualAnswer> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeManage(entityRef, credentials);
    const user = this.userOf(credentials);
    const item = this.manualItem(entity, itemId);
    if (item.check) {
      throw new InputError(
        `itemId: ${itemId} is verified automatically (${item.check}); only manual items take evidence`,
      );
    }
    const review = await this.existingReview(entityRef);
    if (!['draft', 'changes_requested', 'in_review'].includes(review.status)) {
      throw new ConflictError(`The review of ${entityRef} is ${review.status}: reopen it to change its answers`);
    }
    const before = (await this.deps.store.answers(review.id)).get(itemId);
    let answer: Omit<ManualAnswer, 'updatedAt'> = { state: 'pending', updatedBy: user };
    if (update.state === 'done') {
      answer = { state: 'done', evidenceUrl: update.evidenceUrl, evidenceText: update.evidenceText, updatedBy: user };
    } else if (update.state === 'not-applicable') {
      answer = { state: 'not-applicable', reason: update.reason, updatedBy: user };
    }
    return this.deps.store.transaction(async tx => {
      const saved = await this.deps.store.setAnswer(review.id, itemId, answer, tx);
      await this.deps.store.addHistory(
        {
          entityRef,
          reviewId: review.id,
          actor: user,
          action: 'item-updated',
          itemId,
          before: before
            ? {
                state: before.state,
                evidenceUrl: before.evidenceUrl,
                evidenceText: before.evidenceText,
                reason: before.reason,
              }
            : { state: 'pending' },
          after: {
            state: saved.state,
            evidenceUrl: saved.evidenceUrl,
            evidenceText: saved.evidenceText,
            reason: saved.reason,
          },
        },
        tx,
      );
      return saved;
    });
  }

  async addComment(
    ref: EntityParams,
    itemId: string,
    text: string,
    credentials: BackstageCredentials,
  ): Promise<ItemComment> {
    const entity = await this.entity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorizeManage(entityRef, credentials);
    const user = this.userOf(credentials);
    this.manualItem(entity, itemId);
    const review = await this.existingReview(entityRef);
    return this.deps.store.transaction(async tx => {
      const comment = await this.deps.store.addComment(review.id, itemId, user, text, tx);
      await this.deps.store.addHistory(
        { entityRef, reviewId: review.id, actor: user, action: 'commented', itemId, after: { text } },
        tx,
      );
      return comment;
    });
  }

  // The fleet --------------------------------------------------------------------------------

  private async components(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.deps.catalog.getEntities({ filter: { kind: 'Component' } }, { credentials });
    return items;
  }

  async scorecard(filter: ScorecardFilter, credentials: BackstageCredentials): Promise<Scorecard> {
    const template = this.deps.templates.get(this.deps.config.defaultTemplate)!;
    const team = filter.team?.toLocaleLowerCase('en-US');
    const entities = (await this.components(credentials)).filter(e => {
      const owner = ownerRefOf(e);
      if (team && owner !== team && owner?.replace(/^group:default\//, '') !== team.replace(/^group:default\//, ''))
        return false;
      if (filter.tier) {
        const tier = tierOf(objectiveOf(e));
        if (filter.tier === 'untiered' ? tier !== null : tier !== filter.tier) return false;
      }
      return true;
    });
    const refs = entities.map(e => stringifyEntityRef(e));
    const since = new Date(Date.now() - this.deps.config.trendDays * 86_400_000);
    const [latest, reviews, history] = await Promise.all([
      this.deps.store.latestScores(),
      this.deps.store.reviewsByEntity(),
      this.deps.store.evaluationsSince(since, refs),
    ]);
    // One point per entity and day: the day's last evaluation.
    const daily = new Map<string, Map<string, number>>();
    for (const h of history) {
      const day = h.evaluatedAt.slice(0, 10);
      if (!daily.has(h.entityRef)) daily.set(h.entityRef, new Map());
      daily.get(h.entityRef)!.set(day, h.score);
    }
    const rows: ScorecardRow[] = entities.map((e, i) => {
      const ref = refs[i];
      const l = latest.get(ref);
      const points = [...(daily.get(ref) ?? new Map()).entries()].map(([day, score]) => ({ at: day, score }));
      return {
        entityRef: ref,
        name: e.metadata.name,
        title: e.metadata.title,
        owner: ownerRefOf(e),
        tier: tierOf(objectiveOf(e)),
        reviewStatus: reviews.get(ref)?.status,
        score: l ? l.score : null,
        sections: Object.fromEntries(template.sections.map(s => [s.id, l ? l.sectionScores[s.id] ?? null : null])),
        trend: points,
      };
    });
    rows.sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name));
    const byDay = new Map<string, number[]>();
    for (const r of rows) for (const p of r.trend) byDay.set(p.at, [...(byDay.get(p.at) ?? []), p.score]);
    const trend: ScorePoint[] = [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([at, scores]) => ({ at, score: Math.round(scores.reduce((x, y) => x + y, 0) / scores.length) }));
    return {
      sections: template.sections.map(s => ({ id: s.id, title: s.title })),
      rows,
      trend,
    };
  }

  /** Deletes evaluations older than `prr.retentionDays` (each entity keeps its latest). */
  async prune(): Promise<number> {
    return this.deps.store.pruneEvaluations(new Date(Date.now() - this.deps.config.retentionDays * 86_400_000));
  }

  async evaluateAll(): Promise<{ evaluated: number; drifted: number }> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entities = await this.components(credentials);
    let evaluated = 0;
    let drifted = 0;
    for (const entity of entities) {
      try {
        const r = await this.evaluateEntity(entity, 'schedule');
        evaluated += 1;
        if (r.drifted) drifted += 1;
      } catch (e) {
        this.deps.logger.warn(`PRR evaluation of ${stringifyEntityRef(entity)} failed: ${e}`);
      }
    }
    return { evaluated, drifted };
  }
}
