import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, type BasicPermission, type ResourcePermission } from '@backstage/plugin-permission-common';
import { toEntityRef } from '@internal/plugin-portal-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  exportMarkdown,
  fillTemplate,
  formatDuration,
  postmortemDeletePermission,
  postmortemEditPermission,
  postmortemReviewPermission,
  type ActionItem,
  type ActionItemInput,
  type ActionItemRow,
  type CreatePostmortemRequest,
  type IncidentCandidate,
  type IncidentImport,
  type IncidentMetrics,
  type MttrRow,
  type Postmortem,
  type PostmortemHistoryEvent,
  type PostmortemLanguage,
  type PostmortemRevision,
  type PostmortemSummary,
  type Severity,
  type TimelineEntry,
  type TimelineEntryInput,
  type UpdatePostmortemRequest,
} from '@internal/plugin-postmortem-common';
import type { Freshness } from '@internal/plugin-infra-common';
import type { IncidentHistoryStore, HistoryState } from '../../database/IncidentHistoryStore';
import type { PostmortemConfig } from '../../config';
import {
  todayUtc,
  type PostmortemFilter,
  type PostmortemPage,
  type PostmortemStore,
} from '../../database/PostmortemStore';
import {
  importOf,
  pagerDutyServiceIds,
  timelineFromLogEntries,
  type IncidentImporter,
} from '../Incidents/IncidentImporter';
import type { SloImpactClient } from '../SloImpact/SloImpactClient';
import type { ActionItemQuery, PostmortemService } from './types';

const normalizeRef = (ref: string, defaultKind: string, defaultNamespace = 'default') =>
  toEntityRef(ref, { defaultKind, defaultNamespace });

const ONGOING = { en: 'ongoing', ja: '継続中' } as const;
const UNKNOWN = { en: 'unknown', ja: '不明' } as const;

const humanTime = (iso?: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

export class DefaultPostmortemService implements PostmortemService {
  constructor(
    private readonly deps: {
      store: PostmortemStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      auth: AuthService;
      importer: IncidentImporter;
      history: IncidentHistoryStore;
      sloImpact: SloImpactClient;
      config: PostmortemConfig;
      logger: LoggerService;
      notifications?: NotificationService;
    },
  ) {}

  // Reads -------------------------------------------------------------------------------------

  list(filter: PostmortemFilter): Promise<PostmortemSummary[]> {
    return this.deps.store.list(filter);
  }

  page(filter: PostmortemFilter, options: { limit: number; cursor?: string }): Promise<PostmortemPage> {
    return this.deps.store.page(filter, options);
  }

  get(id: string): Promise<Postmortem> {
    return this.deps.store.require(id);
  }

  async revisions(id: string): Promise<PostmortemRevision[]> {
    await this.deps.store.require(id);
    return this.deps.store.revisions(id);
  }

  async revision(id: string, revision: number): Promise<PostmortemRevision> {
    const found = await this.deps.store.revision(id, revision);
    if (!found) throw new NotFoundError(`No revision ${revision} of postmortem ${id}`);
    return found;
  }

  async history(id: string): Promise<PostmortemHistoryEvent[]> {
    await this.deps.store.require(id);
    return this.deps.store.historyOf(id);
  }

  async exportMarkdown(id: string, _credentials?: BackstageCredentials, options?: { language?: PostmortemLanguage }) {
    const pm = await this.deps.store.require(id);
    return { title: pm.title, markdown: exportMarkdown(pm, options?.language) };
  }

  // Create and edit -----------------------------------------------------------------------------

  async create(input: CreatePostmortemRequest, credentials: BackstageCredentials): Promise<Postmortem> {
    const entity = await this.entity(input.entityRef, credentials);
    const entityRef = stringifyEntityRef(entity);
    await this.authorize(postmortemEditPermission, credentials, entityRef, `write postmortems of ${entityRef}`);
    const author = await this.identity(credentials);
    const language = input.language ?? this.deps.config.defaultLanguage;

    let incident: IncidentImport | undefined;
    let timeline: Array<Omit<TimelineEntry, 'id'>> = [];
    if (input.incidentId) {
      const found = await this.deps.importer.incident(input.incidentId);
      const entries = await this.deps.importer.logEntries(found.id);
      incident = importOf(found, entries);
      timeline = timelineFromLogEntries(entries);
    }
    const startedAt = incident?.triggeredAt;
    const endedAt = incident?.resolvedAt;
    const title =
      input.title?.trim() || incident?.title || (language === 'ja' ? '無題のポストモーテム' : 'Untitled postmortem');
    const severity: Severity = input.severity ?? (incident?.urgency === 'high' ? 'SEV2' : 'SEV3');
    const duration =
      startedAt && endedAt ? formatDuration((Date.parse(endedAt) - Date.parse(startedAt)) / 1000, language) : undefined;
    const document = fillTemplate(this.deps.config.templates[language], {
      title,
      service: entity.metadata.name,
      services: incident?.services.join(', ') || entity.metadata.name,
      startedAt: humanTime(startedAt),
      endedAt: endedAt ? humanTime(endedAt) : ONGOING[language],
      duration: duration ?? UNKNOWN[language],
      urgency: incident?.urgency ?? '—',
      responders: incident?.responders.join(', ') || '—',
      incident: incident ? `#${incident.number ?? ''} ${incident.incidentId}`.trim() : '—',
    });
    const impact =
      this.deps.config.sloImpact && startedAt
        ? await this.deps.sloImpact.impact(entityRef, startedAt, endedAt ?? new Date().toISOString())
        : undefined;
    return this.deps.store.create(
      {
        entityRef,
        ownerRef: this.ownerOf(entity),
        title,
        severity,
        language,
        incidentIds: incident ? [incident.incidentId] : [],
        ...(incident ? { incident } : {}),
        ...(startedAt ? { startedAt } : {}),
        ...(endedAt ? { endedAt } : {}),
        document,
        ...(impact ? { impact } : {}),
        timeline,
      },
      author,
    );
  }

  async update(id: string, input: UpdatePostmortemRequest, credentials: BackstageCredentials): Promise<Postmortem> {
    const pm = await this.editable(id, credentials);
    const startedAt = input.startedAt === undefined ? pm.startedAt : input.startedAt ?? undefined;
    const endedAt = input.endedAt === undefined ? pm.endedAt : input.endedAt ?? undefined;
    if (startedAt && endedAt && Date.parse(endedAt) < Date.parse(startedAt))
      throw new InputError('endedAt: must not be before startedAt');
    return this.deps.store.updateDocument(
      id,
      input.baseRevision,
      {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.severity !== undefined ? { severity: input.severity } : {}),
        ...(input.document !== undefined ? { document: input.document } : {}),
        ...(input.startedAt !== undefined
          ? { startedAt: input.startedAt && new Date(input.startedAt).toISOString() }
          : {}),
        ...(input.endedAt !== undefined ? { endedAt: input.endedAt && new Date(input.endedAt).toISOString() } : {}),
      },
      await this.identity(credentials),
    );
  }

  async delete(id: string, credentials: BackstageCredentials): Promise<void> {
    await this.deps.store.require(id);
    await this.authorize(postmortemDeletePermission, credentials, undefined, 'delete postmortems');
    if (!(await this.deps.store.delete(id))) throw new NotFoundError(`No postmortem ${id}`);
  }

  async recomputeImpact(id: string, credentials: BackstageCredentials): Promise<Postmortem> {
    const pm = await this.editable(id, credentials);
    if (!pm.startedAt)
      throw new InputError('startedAt: the postmortem has no incident window to compute the SLO impact of');
    const impact = await this.deps.sloImpact.impact(pm.entityRef, pm.startedAt, pm.endedAt ?? new Date().toISOString());
    await this.deps.store.setImpact(id, impact, await this.identity(credentials));
    return this.deps.store.require(id);
  }

  // Timeline ------------------------------------------------------------------------------------

  async addTimelineEntry(id: string, input: TimelineEntryInput, credentials: BackstageCredentials) {
    await this.editable(id, credentials);
    return this.deps.store.addTimelineEntry(
      id,
      { ...input, at: new Date(input.at).toISOString() },
      await this.identity(credentials),
    );
  }

  async updateTimelineEntry(
    id: string,
    entryId: string,
    input: Partial<TimelineEntryInput>,
    credentials: BackstageCredentials,
  ) {
    await this.editable(id, credentials);
    return this.deps.store.updateTimelineEntry(
      id,
      entryId,
      { ...input, ...(input.at ? { at: new Date(input.at).toISOString() } : {}) },
      await this.identity(credentials),
    );
  }

  async deleteTimelineEntry(id: string, entryId: string, credentials: BackstageCredentials) {
    await this.editable(id, credentials);
    await this.deps.store.deleteTimelineEntry(id, entryId, await this.identity(credentials));
  }

  // Review ----------------------------------------------------------------------------------------

  async requestReview(id: string, reviewers: string[], credentials: BackstageCredentials) {
    await this.editable(id, credentials);
    const refs = [...new Set(reviewers.map(r => normalizeRef(r, 'user')))];
    if (refs.some(r => !r || !r.startsWith('user:')))
      throw new InputError('reviewers: every reviewer must be a user entity ref, e.g. user:default/sato.yuki');
    const actor = await this.identity(credentials);
    await this.deps.store.requestReview(id, refs as string[], actor);
    const pm = await this.deps.store.require(id);
    await this.notify(refs as string[], actor, {
      title: `Postmortem to review: ${pm.title}`,
      description: `${actor} asks you to review the postmortem of ${pm.entityRef}.`,
      id,
    });
    return pm;
  }

  async approve(id: string, credentials: BackstageCredentials) {
    await this.deps.store.require(id);
    await this.authorize(postmortemReviewPermission, credentials, undefined, 'review postmortems');
    const user = await this.identity(credentials);
    const pm = await this.deps.store.require(id);
    if (!pm.reviewers.some(r => r.userRef === user))
      throw new NotAllowedError(`${user} is not a reviewer of this postmortem`);
    const { published } = await this.deps.store.approve(id, user);
    const after = await this.deps.store.require(id);
    if (published) {
      await this.notify([after.createdBy, ...(after.ownerRef ? [after.ownerRef] : [])], user, {
        title: `Postmortem published: ${after.title}`,
        description: `Every reviewer approved the postmortem of ${after.entityRef}; its action items are tracked.`,
        id,
      });
    }
    return after;
  }

  async reopen(id: string, reason: string | undefined, credentials: BackstageCredentials) {
    const pm = await this.deps.store.require(id);
    await this.authorize(postmortemEditPermission, credentials, pm.entityRef, `reopen postmortems of ${pm.entityRef}`);
    await this.deps.store.reopen(id, await this.identity(credentials), reason);
    return this.deps.store.require(id);
  }

  // Action items -----------------------------------------------------------------------------------

  async addActionItem(id: string, input: ActionItemInput, credentials: BackstageCredentials): Promise<ActionItem> {
    const pm = await this.deps.store.require(id);
    await this.authorize(postmortemEditPermission, credentials, pm.entityRef, `change postmortems of ${pm.entityRef}`);
    const ownerRef = this.ownerRefOf(input.ownerRef);
    return this.deps.store.addActionItem(id, { ...input, ownerRef }, await this.identity(credentials));
  }

  async updateActionItem(
    id: string,
    itemId: string,
    input: Partial<ActionItemInput>,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const pm = await this.deps.store.require(id);
    const item = pm.actionItems.find(i => i.id === itemId);
    if (!item) throw new NotFoundError(`No action item ${itemId} in postmortem ${id}`);
    // The item's owner (a user or a member of the owning group) may update it, as may the
    // entity's owners and the platform team.
    const mine = await this.ownershipRefs(credentials);
    if (!mine.includes(item.ownerRef)) {
      await this.authorize(
        postmortemEditPermission,
        credentials,
        pm.entityRef,
        `change action items of ${pm.entityRef}`,
      );
    }
    return this.deps.store.updateActionItem(
      id,
      itemId,
      { ...input, ...(input.ownerRef !== undefined ? { ownerRef: this.ownerRefOf(input.ownerRef) } : {}) },
      await this.identity(credentials),
    );
  }

  async deleteActionItem(id: string, itemId: string, credentials: BackstageCredentials) {
    const pm = await this.deps.store.require(id);
    await this.authorize(postmortemEditPermission, credentials, pm.entityRef, `change postmortems of ${pm.entityRef}`);
    await this.deps.store.deleteActionItem(id, itemId, await this.identity(credentials));
  }

  async actionItems(query: ActionItemQuery, credentials: BackstageCredentials): Promise<ActionItemRow[]> {
    let ownerRefs: string[] | undefined;
    if (query.owner === 'me') ownerRefs = await this.ownershipRefs(credentials);
    else if (query.owner) {
      const ref = normalizeRef(query.owner, 'group');
      if (!ref) throw new InputError(`owner: "${query.owner}" is not an entity reference or "me"`);
      ownerRefs = [ref];
    }
    return this.deps.store.listActionItems({
      ...(ownerRefs ? { ownerRefs } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.overdue ? { overdue: true } : {}),
      ...(query.entityRef ? { entityRef: this.entityRefOf(query.entityRef) } : {}),
      today: todayUtc(),
    });
  }

  // Incidents and metrics -------------------------------------------------------------------------

  async incidents(entityRef: string, credentials: BackstageCredentials): Promise<IncidentCandidate[]> {
    const entity = await this.entity(entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const [incidents, existing] = await Promise.all([
      this.deps.importer.candidates(entity),
      this.deps.store.list({ entityRef: ref }),
    ]);
    return incidents.map(i => ({
      id: i.id,
      number: i.number,
      title: i.title,
      status: i.status,
      urgency: i.urgency,
      ...(i.serviceName ? { serviceName: i.serviceName } : {}),
      createdAt: i.createdAt,
      ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}),
      ...(i.url ? { url: i.url } : {}),
      postmortemIds: existing.filter(p => p.incidentIds.includes(i.id)).map(p => p.id),
    }));
  }

  async metrics(
    query: { from?: string; to?: string; entityRef?: string; team?: string },
    credentials: BackstageCredentials,
  ): Promise<IncidentMetrics> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86400_000);
    if (to.getTime() <= from.getTime()) throw new InputError('to: must be after from');
    if (to.getTime() - from.getTime() > 92 * 86400_000)
      throw new InputError('from: the window may span 92 days at most');
    const team = query.team ? normalizeRef(query.team, 'group') : undefined;
    if (query.team && !team) throw new InputError(`team: "${query.team}" is not an entity reference`);
    const entityRef = query.entityRef ? this.entityRefOf(query.entityRef) : undefined;

    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.owner'],
      },
      { credentials },
    );
    const byService = new Map<string, { entityRef: string; owner?: string }>();
    for (const e of items) {
      const info = { entityRef: stringifyEntityRef(e), owner: this.ownerOf(e) };
      if (entityRef && info.entityRef !== entityRef) continue;
      if (team && info.owner !== team) continue;
      for (const id of pagerDutyServiceIds(e)) byService.set(id, info);
    }
    // Only the database: the incident history is refreshed by the background task, so a page view
    // never waits on PagerDuty.
    const [state, history] = await Promise.all([
      this.deps.history.state(),
      this.deps.history.between(from.toISOString(), to.toISOString()),
    ]);
    const freshness = this.historyFreshness(state);
    const incidents = history.filter(i => byService.has(i.serviceId));
    const unread = incidents.filter(i => !i.logReadAt).length;
    let reason: string | undefined;
    if (unread) {
      reason = state.lastLogError
        ? `the others' logs could not be read from PagerDuty yet (${state.lastLogError})`
        : `the others' logs are not read from PagerDuty yet (the background refresh reads up to ${this.deps.config.metrics.maxLogLookupsPerRun} per run)`;
    }
    const services = new Map<string, Acc>();
    const teams = new Map<string, Acc>();
    incidents.forEach(i => {
      const info = byService.get(i.serviceId)!;
      const created = Date.parse(i.createdAt);
      const ack = i.acknowledgedAt ? Date.parse(i.acknowledgedAt) : undefined;
      const resolved = i.resolvedAt ? Date.parse(i.resolvedAt) : undefined;
      for (const [map, key] of [
        [services, info.entityRef],
        ...(info.owner ? [[teams, info.owner] as const] : []),
      ] as Array<[Map<string, Acc>, string]>) {
        const acc = map.get(key) ?? { incidents: 0, ackN: 0, ackSum: 0, resN: 0, resSum: 0 };
        acc.incidents += 1;
        if (ack !== undefined) {
          acc.ackN += 1;
          acc.ackSum += (ack - created) / 1000;
        }
        if (resolved !== undefined) {
          acc.resN += 1;
          acc.resSum += (resolved - created) / 1000;
        }
        map.set(key, acc);
      }
    });
    const rows = (map: Map<string, Acc>): MttrRow[] =>
      [...map.entries()]
        .map(([ref, a]) => ({
          ref,
          incidents: a.incidents,
          acknowledged: a.ackN,
          resolved: a.resN,
          mttaSeconds: a.ackN ? Math.round(a.ackSum / a.ackN) : null,
          mttrSeconds: a.resN ? Math.round(a.resSum / a.resN) : null,
        }))
        .sort((x, y) => y.incidents - x.incidents || x.ref.localeCompare(y.ref));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      services: rows(services),
      teams: rows(teams),
      generatedAt: new Date().toISOString(),
      freshness,
      acknowledgements: { read: incidents.length - unread, incidents: incidents.length },
      ...(reason
        ? { partial: `MTTA from ${incidents.length - unread} of ${incidents.length} incidents: ${reason}` }
        : {}),
      ...this.coverage(state, from),
    };
  }

  // Helpers -------------------------------------------------------------------------------------

  /**
   * Since when the history is complete (the start of its contiguous coverage, not before its
   * `historyDays`), and, for a window starting more than an hour before that, what is missing.
   */
  private coverage(state: HistoryState, from: Date): { historySince?: string; incomplete?: string } {
    if (!state.coveredSince || state.notConfigured) return {};
    const kept = Date.now() - this.deps.config.metrics.historyDays * 86400_000;
    const since = new Date(Math.max(Date.parse(state.coveredSince), kept));
    const historySince = since.toISOString();
    if (from.getTime() >= since.getTime() - 3600_000) return { historySince };
    let why = 'the older incidents are not listed yet';
    if (Date.parse(state.coveredSince) <= kept) why = `the history keeps ${this.deps.config.metrics.historyDays} days`;
    else if (state.backfillError) why = `PagerDuty did not list the older incidents yet (${state.backfillError})`;
    return { historySince, incomplete: `Only incidents created since ${historySince} are counted: ${why}` };
  }

  /**
   * How old the incident history is: fresh within two refresh intervals, stale (with its age, and
   * the reason when the last listing failed) after; `loading` before the first refresh completed
   * (`unavailable` with the reason when it failed); `not-configured` without PagerDuty.
   */
  private historyFreshness(state: HistoryState): Freshness {
    if (state.notConfigured) return { state: 'not-configured' };
    if (!state.lastSuccessAt) {
      return state.lastError ? { state: 'unavailable', error: state.lastError } : { state: 'loading' };
    }
    const ageSeconds = Math.max(0, Math.round((Date.now() - Date.parse(state.lastSuccessAt)) / 1000));
    const fresh = ageSeconds * 1000 < 2 * this.deps.config.metrics.refreshMinutes * 60_000;
    return {
      state: fresh ? 'fresh' : 'stale',
      fetchedAt: state.lastSuccessAt,
      ageSeconds,
      ...(state.lastError ? { error: state.lastError } : {}),
    };
  }

  /** Best effort: a failing notification never fails the action. */
  private async notify(refs: string[], actor: string, n: { title: string; description: string; id: string }) {
    const recipients = [...new Set(refs.filter(r => r && r !== actor && /^(user|group):/.test(r)))];
    if (!recipients.length || !this.deps.notifications) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipients, excludeEntityRef: actor },
        payload: {
          title: n.title.slice(0, 200),
          description: n.description.slice(0, 500),
          link: `/postmortems/${n.id}?tab=review`,
          topic: 'postmortem',
        },
      });
    } catch (e) {
      this.deps.logger.warn(`postmortem: notification for ${n.id} failed: ${(e as Error).message}`);
    }
  }

  private async editable(id: string, credentials: BackstageCredentials): Promise<Postmortem> {
    const pm = await this.deps.store.require(id);
    await this.authorize(postmortemEditPermission, credentials, pm.entityRef, `edit postmortems of ${pm.entityRef}`);
    return pm;
  }

  private async authorize(
    permission: ResourcePermission<'catalog-entity'> | BasicPermission,
    credentials: BackstageCredentials,
    resourceRef: string | undefined,
    what: string,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission<'catalog-entity'>, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`You may not ${what}`);
  }

  private async identity(credentials: BackstageCredentials): Promise<string> {
    if (this.deps.auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
    if (this.deps.auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
    throw new NotAllowedError('An identified user is required');
  }

  private async ownershipRefs(credentials: BackstageCredentials): Promise<string[]> {
    if (!this.deps.auth.isPrincipal(credentials, 'user')) return [];
    try {
      const info = await this.deps.userInfo.getUserInfo(credentials);
      return [...new Set([info.userEntityRef, ...info.ownershipEntityRefs])];
    } catch {
      return [credentials.principal.userEntityRef];
    }
  }

  private entityRefOf(ref: string): string {
    const out = normalizeRef(ref, 'component');
    if (!out) throw new InputError(`entityRef: "${ref}" is not an entity reference`);
    return out;
  }

  private ownerRefOf(ref: string): string {
    const out = normalizeRef(ref, 'group');
    if (!out || !/^(user|group):/.test(out))
      throw new InputError(`ownerRef: "${ref}" must be a user or group reference, e.g. group:default/team-checkout`);
    return out;
  }

  private async entity(ref: string, credentials: BackstageCredentials): Promise<Entity> {
    const entityRef = this.entityRefOf(ref);
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new InputError(`entityRef: no entity ${entityRef} in the catalog`);
    return entity;
  }

  private ownerOf(entity: Entity): string | undefined {
    const owner = entity.spec?.owner;
    return typeof owner === 'string' ? normalizeRef(owner, 'group', entity.metadata.namespace ?? 'default') : undefined;
  }
}

interface Acc {
  incidents: number;
  ackN: number;
  ackSum: number;
  resN: number;
  resSum: number;
}
