import type { LoggerService, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { toEntityRef } from '@internal/plugin-portal-common';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { coded } from './coded';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OPEN_STATUSES,
  allowedTransitions,
  fieldIssueMessages,
  isOpenStatus,
  localMonth,
  requestSla,
  supportRequestTriagePermission,
  supportRequestUpdatePermission,
  supportUrgentPagePermission,
  type Priority,
  type RequestList,
  type RequestStatus,
  type RequestType,
  type SupportAnalytics,
  type SupportRequest,
  type SupportRequestSummary,
} from '@internal/plugin-support-common';
import type { SupportConfig } from '../../config';
import { createHash } from 'node:crypto';
import type { RequestFilter, RequestHead, StoredRequest, SupportStore } from '../../database/SupportStore';
import { slaInstants } from './slaInstants';
import type { ContextCollector } from '../Context/ContextCollector';
import type { UrgentPager } from '../Paging/UrgentPager';
import type { CreateInput, Creds, ListQuery, SupportService, UpdateInput } from './types';

const median = (values: number[]) => {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
};

/** SLA targets of a request whose type is no longer configured. */
const FALLBACK_TARGET = { firstResponseMinutes: 480, resolutionMinutes: 2700 };

const STATUS_LABEL: Record<RequestStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  waiting_on_requester: 'Waiting on requester',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The support service over the portal's database, the catalog, permissions and notifications. */
export class DefaultSupportService implements SupportService {
  private readonly typesById: Map<string, RequestType>;

  constructor(
    private readonly deps: {
      store: SupportStore;
      types: RequestType[];
      config: SupportConfig;
      catalog: CatalogService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      notifications: NotificationService;
      context: ContextCollector;
      pager: UrgentPager;
      logger: LoggerService;
      now?: () => number;
    },
  ) {
    this.typesById = new Map(deps.types.map(t => [t.id, t]));
    // The stored SLA instants are valid for this SLA config only: another one recomputes them.
    this.slaVersion = createHash('sha256')
      .update(
        JSON.stringify({
          calendar: deps.config.calendar,
          warningRatio: deps.config.warningRatio,
          sla: [...this.typesById.values()].map(t => [t.id, t.sla]).sort(),
          fallback: FALLBACK_TARGET,
        }),
      )
      .digest('hex')
      .slice(0, 32);
  }

  private readonly slaVersion: string;

  private targetOf(r: RequestHead) {
    return this.typesById.get(r.type)?.sla[r.priority] ?? FALLBACK_TARGET;
  }

  /**
   * Computes and stores the SLA instants of every request whose stored ones are missing (filed
   * or changed since), in batches; with `configChanged`, also those computed with another SLA
   * config (start-up: the backfill after the migration or a config change). Runs after each
   * change and before each list and SLA job run, so the SQL filters "breached" and "at risk"
   * read current columns.
   */
  async refreshSla(options: { configChanged?: boolean } = {}): Promise<number> {
    let done = 0;
    for (let round = 0; round < 10_000; round++) {
      const rows = await this.deps.store.slaStale(500, options.configChanged ? this.slaVersion : undefined);
      if (!rows.length) break;
      const changes = await this.deps.store.statusChanges(rows.map(r => r.id));
      let stored = 0;
      for (const r of rows) {
        const instants = slaInstants({
          createdAt: Date.parse(r.createdAt),
          firstResponseAt: r.firstResponseAt ? Date.parse(r.firstResponseAt) : undefined,
          resolvedAt: r.resolvedAt ? Date.parse(r.resolvedAt) : undefined,
          statusChanges: changes.get(r.id) ?? [],
          target: this.targetOf(r),
          calendar: this.deps.config.calendar,
          warningRatio: this.deps.config.warningRatio,
        });
        if (await this.deps.store.setSla(r, instants, this.slaVersion)) stored++;
      }
      done += stored;
      // Nothing stored: every row changed meanwhile — the callers of those changes refresh them.
      if (!stored) break;
    }
    return done;
  }

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  types(): RequestType[] {
    return this.deps.types;
  }

  async isTriager(credentials: Creds): Promise<boolean> {
    const [d] = await this.deps.permissions.authorize([{ permission: supportRequestTriagePermission }], {
      credentials,
    });
    return d.result === AuthorizeResult.ALLOW;
  }

  /** Whether the caller is a party of the request: its requester or an owner of its entity. */
  private async isParty(request: StoredRequest, credentials: Creds): Promise<boolean> {
    if (request.requester === credentials.principal.userEntityRef) return true;
    if (!request.entityRef) return false;
    const [d] = await this.deps.permissions.authorize(
      [{ permission: supportRequestUpdatePermission, resourceRef: request.entityRef }],
      { credentials },
    );
    return d.result === AuthorizeResult.ALLOW;
  }

  /**
   * Whether the caller may page the platform on-call for this entity: its owners and the platform
   * team may. Without an entity there is nobody's service to own: only the platform team may.
   */
  private async mayPage(entityRef: string | undefined, credentials: Creds): Promise<boolean> {
    if (entityRef) {
      const [d] = await this.deps.permissions.authorize(
        [{ permission: supportUrgentPagePermission, resourceRef: entityRef }],
        { credentials },
      );
      return d.result === AuthorizeResult.ALLOW;
    }
    // Unconditionally allowed (the platform team), or not at all.
    const [d] = await this.deps.permissions.authorizeConditional([{ permission: supportUrgentPagePermission }], {
      credentials,
    });
    return d.result === AuthorizeResult.ALLOW;
  }

  private async access(request: StoredRequest, credentials: Creds) {
    const triage = await this.isTriager(credentials);
    const party = triage || (await this.isParty(request, credentials));
    return { triage, party };
  }

  private summarize(
    r: RequestHead,
    changes: Array<{ at: number; to: RequestStatus }>,
    now: number,
  ): SupportRequestSummary {
    const target = this.targetOf(r);
    const sla = requestSla({
      createdAt: Date.parse(r.createdAt),
      firstResponseAt: r.firstResponseAt ? Date.parse(r.firstResponseAt) : undefined,
      resolvedAt: r.resolvedAt ? Date.parse(r.resolvedAt) : undefined,
      statusChanges: changes,
      target,
      now,
      calendar: this.deps.config.calendar,
      warningRatio: this.deps.config.warningRatio,
    });
    return {
      id: r.id,
      type: r.type,
      title: r.title,
      status: r.status,
      priority: r.priority,
      ...(r.entityRef ? { entityRef: r.entityRef } : {}),
      ...(r.ownerRef ? { ownerRef: r.ownerRef } : {}),
      requester: r.requester,
      ...(r.assignee ? { assignee: r.assignee } : {}),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      sla,
    };
  }

  async summaries(rows: RequestHead[], now = this.now()): Promise<SupportRequestSummary[]> {
    const changes = await this.deps.store.statusChanges(rows.map(r => r.id));
    return rows.map(r => this.summarize(r, changes.get(r.id) ?? [], now));
  }

  private async entityOf(entityRef: string, credentials: Creds): Promise<Entity> {
    const ref = toEntityRef(entityRef, { defaultKind: 'component' });
    if (!ref) {
      throw coded(
        new InputError(`entityRef: "${entityRef.slice(0, 100)}" is not an entity reference`),
        'entityRefInvalid',
        { ref: entityRef.slice(0, 100) },
      );
    }
    const entity = await this.deps.catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw coded(new InputError(`entityRef: no entity ${ref} in the catalog`), 'entityNotFound', { ref });
    return entity;
  }

  /** Validates, takes the context snapshot, stores; pages for urgent incident assistance. */
  async create(
    input: CreateInput,
    credentials: Creds,
    idempotencyKey?: string,
  ): Promise<{ request: SupportRequest; created: boolean }> {
    const type = this.typesById.get(input.type);
    if (!type) {
      const known = [...this.typesById.keys()].join(', ');
      throw coded(
        new InputError(`type: unknown request type "${input.type.slice(0, 100)}" (known: ${known})`),
        'unknownType',
        {
          type: input.type.slice(0, 100),
          known,
        },
      );
    }
    const issues = fieldIssueMessages(type, input.fields);
    if (issues.length) {
      const text = issues.map(i => i.text).join('; ');
      throw coded(new InputError(`Invalid request: ${text}`), 'invalidRequest', { issues: text }, issues);
    }
    const entity = input.entityRef ? await this.entityOf(input.entityRef, credentials) : undefined;
    const user = credentials.principal.userEntityRef;

    const urgent = !!type.urgencyField && input.fields[type.urgencyField] === 'high';
    // Asking for a page needs the permission: refused before anything is stored or sent.
    const entityRef = entity ? stringifyEntityRef(entity) : undefined;
    if (urgent && !(await this.mayPage(entityRef, credentials))) {
      throw coded(
        new NotAllowedError(
          entityRef
            ? `You may not page the platform on-call for ${entityRef}: only its owners and the platform team may. ` +
              `File it with ${type.urgencyField} "low" instead, or ask its owners.`
            : `You may not page the platform on-call without naming your team's service (entityRef): ` +
              'only the platform team may.',
        ),
        entityRef ? 'mayNotPage' : 'mayNotPageWithoutEntity',
        entityRef ? { entityRef, field: `fields.${type.urgencyField}` } : undefined,
      );
    }
    const priority: Priority = urgent ? 'P1' : input.priority ?? type.defaultPriority;
    const context = await this.deps.context.collect(entity);
    const { request: stored, created } = await this.deps.store.insert({
      type: type.id,
      title: input.title,
      description: input.description ?? '',
      entityRef,
      ownerRef: context.owner.data?.ownerRef,
      requester: user,
      priority,
      fields: input.fields,
      context,
      idempotencyKey,
    });
    if (created) await this.refreshSla();
    if (created && urgent) {
      await this.deps.pager.page(stored);
    }
    if (created) {
      await this.notify(
        [stored.ownerRef],
        user,
        stored,
        `New support request #${stored.id} / 新しいサポート依頼 #${stored.id}: ${stored.title}`,
        'A support request was filed for a service your team owns. / チームが担当するサービスにサポート依頼が起票されました。',
      );
    }
    return { request: await this.detail(stored.id, credentials), created };
  }

  async detail(id: number, credentials: Creds): Promise<SupportRequest> {
    const r = await this.deps.store.get(id);
    if (!r) throw coded(new NotFoundError(`No support request ${id}`), 'requestNotFound', { id });
    const { triage, party } = await this.access(r, credentials);
    if (!party) throw coded(new NotAllowedError(`You may not see support request ${id}`), 'mayNotSee', { id });
    const [summary] = await this.summaries([r]);
    return {
      ...summary,
      description: r.description,
      fields: r.fields,
      context: r.context,
      ...(r.firstResponseAt ? { firstResponseAt: r.firstResponseAt } : {}),
      ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
      ...(r.page ? { page: r.page } : {}),
      comments: await this.deps.store.comments(id, { includeInternal: triage }),
      history: await this.deps.store.history(id),
      can: { triage, comment: true, transitions: allowedTransitions(r.status, triage ? 'platform' : 'requester') },
    };
  }

  async list(query: ListQuery, credentials: Creds): Promise<RequestList> {
    const triage = await this.isTriager(credentials);
    const user = credentials.principal.userEntityRef;
    const filter: RequestFilter = {
      statuses: query.status ?? (query.open ? [...OPEN_STATUSES] : undefined),
      types: query.type,
      priorities: query.priority,
      ownerRef: query.team ? toEntityRef(query.team, { defaultKind: 'group' }) ?? query.team : query.team,
      entityRef: query.entity,
    };
    if (query.assignee === 'none') filter.assignee = null;
    else if (query.assignee === 'me') filter.assignee = user;
    else if (query.assignee) filter.assignee = query.assignee;
    if (query.mine) filter.requester = user;
    if (!triage) {
      const info = await this.deps.userInfo.getUserInfo(credentials);
      filter.visibleTo = { user, owners: info.ownershipEntityRefs.filter(r => r.startsWith('group:')) };
    }
    const now = this.now();
    if (query.sla) filter.sla = { state: query.sla, now: new Date(now) };
    await this.refreshSla();
    const page = await this.deps.store.page(filter, { limit: query.limit, cursor: query.cursor, offset: query.offset });
    const items = await this.summaries(page.rows, now);
    return {
      items,
      total: page.total,
      offset: query.cursor ? 0 : query.offset,
      limit: query.limit,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  private reopenOrResolve(r: StoredRequest, to: RequestStatus) {
    if (to === 'resolved' || to === 'closed') return r.resolvedAt ? {} : { resolvedAt: new Date(this.now()) };
    if (isOpenStatus(to) && r.resolvedAt) return { resolvedAt: null };
    return {};
  }

  async update(id: number, input: UpdateInput, credentials: Creds): Promise<SupportRequest> {
    const r = await this.deps.store.get(id);
    if (!r) throw coded(new NotFoundError(`No support request ${id}`), 'requestNotFound', { id });
    const { triage, party } = await this.access(r, credentials);
    if (!party) throw coded(new NotAllowedError(`You may not change support request ${id}`), 'mayNotChange', { id });
    const actor = credentials.principal.userEntityRef;
    if (!triage && (input.assignee !== undefined || input.priority !== undefined)) {
      throw coded(
        new NotAllowedError('Only the platform team may assign a request or change its priority'),
        'onlyPlatformAssigns',
      );
    }
    const patch: Parameters<SupportStore['change']>[2] = {};
    const history: Array<{ actor: string; action: string; from?: string; to?: string }> = [];
    if (input.status !== undefined && input.status !== r.status) {
      const allowed = allowedTransitions(r.status, triage ? 'platform' : 'requester');
      if (!allowed.includes(input.status)) {
        throw coded(
          new InputError(
            `status: cannot go from ${r.status} to ${input.status}${
              allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no change allowed)'
            }`,
          ),
          'transitionNotAllowed',
          { from: r.status, to: input.status },
        );
      }
      patch.status = input.status;
      Object.assign(patch, this.reopenOrResolve(r, input.status));
      history.push({ actor, action: 'status', from: r.status, to: input.status });
      if (triage && !r.firstResponseAt) patch.firstResponseAt = new Date(this.now());
    }
    if (input.assignee !== undefined && (input.assignee ?? undefined) !== r.assignee) {
      patch.assignee = input.assignee;
      history.push({ actor, action: 'assignee', from: r.assignee, to: input.assignee ?? undefined });
    }
    if (input.priority !== undefined && input.priority !== r.priority) {
      patch.priority = input.priority;
      history.push({ actor, action: 'priority', from: r.priority, to: input.priority });
    }
    if (!history.length) return this.detail(id, credentials);
    await this.deps.store.change(id, r.status, patch, history);
    await this.refreshSla();
    const after = (await this.deps.store.get(id))!;
    const parts: string[] = [];
    if (patch.status) parts.push(`status ${STATUS_LABEL[r.status]} → ${STATUS_LABEL[patch.status]}`);
    if (patch.assignee !== undefined) parts.push(`assigned to ${patch.assignee ?? 'nobody'}`);
    if (patch.priority) parts.push(`priority ${patch.priority}`);
    await this.notify(
      [after.requester, after.assignee, r.assignee],
      actor,
      after,
      `Support request #${id} updated / サポート依頼 #${id} が更新されました`,
      parts.join(', '),
    );
    return this.detail(id, credentials);
  }

  async comment(id: number, input: { body: string; internal: boolean }, credentials: Creds): Promise<SupportRequest> {
    const r = await this.deps.store.get(id);
    if (!r) throw coded(new NotFoundError(`No support request ${id}`), 'requestNotFound', { id });
    const { triage, party } = await this.access(r, credentials);
    if (!party)
      throw coded(new NotAllowedError(`You may not comment on support request ${id}`), 'mayNotComment', { id });
    if (input.internal && !triage)
      throw coded(new NotAllowedError('Only the platform team may write internal notes'), 'onlyPlatformInternal');
    const actor = credentials.principal.userEntityRef;
    const patch: Parameters<SupportStore['change']>[2] = {};
    const history: Array<{ actor: string; action: string; from?: string; to?: string }> = [
      { actor, action: input.internal ? 'internal_note' : 'comment' },
    ];
    if (triage && !input.internal && !r.firstResponseAt) patch.firstResponseAt = new Date(this.now());
    // The requester answering a question puts the request back in progress (the clock runs again).
    if (!triage && r.status === 'waiting_on_requester') {
      patch.status = 'in_progress';
      history.push({ actor, action: 'status', from: r.status, to: 'in_progress' });
    }
    await this.deps.store.change(id, r.status, patch, history, {
      author: actor,
      body: input.body,
      internal: input.internal,
    });
    await this.refreshSla();
    if (!input.internal) {
      await this.notify(
        [r.requester, r.assignee],
        actor,
        r,
        `New comment on support request #${id} / サポート依頼 #${id} に新しいコメント`,
        input.body.slice(0, 200),
      );
    } else if (r.assignee) {
      await this.notify(
        [r.assignee],
        actor,
        r,
        `Internal note on support request #${id} / サポート依頼 #${id} に内部メモ`,
        input.body.slice(0, 200),
      );
    }
    return this.detail(id, credentials);
  }

  async analytics(range: { from: Date; to: Date }, credentials: Creds): Promise<SupportAnalytics> {
    if (!(await this.isTriager(credentials)))
      throw coded(new NotAllowedError('Support analytics are for the platform team'), 'analyticsPlatformOnly');
    const rows = await this.deps.store.list({ createdFrom: range.from, createdTo: range.to });
    const items = await this.summaries(rows);
    const count = (key: (r: RequestHead) => string) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    // Months of the business calendar's zone (a request filed 1 Dec 08:00 JST is December's).
    const zone = this.deps.config.calendar.timeZone;
    const month = (r: RequestHead) => localMonth(Date.parse(r.createdAt), zone);
    const firstResponses = items
      .filter(i => i.sla.firstResponse.stoppedAt)
      .map(i => i.sla.firstResponse.elapsedMinutes);
    const resolutions = items.filter(i => i.sla.resolution.stoppedAt).map(i => i.sla.resolution.elapsedMinutes);
    const byType = count(r => r.type);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      total: rows.length,
      byType: byType.map(([type, n]) => ({ type, count: n })),
      byTeam: count(r => r.ownerRef ?? 'none').map(([team, n]) => ({ team, count: n })),
      byMonth: count(month)
        .map(([m, n]) => ({ month: m, count: n }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      medianFirstResponseMinutes: median(firstResponses),
      medianResolutionMinutes: median(resolutions),
      automationCandidates: byType
        .filter(([, n]) => n >= 2)
        .slice(0, 5)
        .map(([type, n]) => ({
          type,
          count: n,
          share: rows.length ? Math.round((n / rows.length) * 1000) / 1000 : 0,
          medianResolutionMinutes: median(
            items.filter(i => i.type === type && i.sla.resolution.stoppedAt).map(i => i.sla.resolution.elapsedMinutes),
          ),
        })),
    };
  }

  /** Backstage notifications to the given users/groups, except the one who acted. */
  async notify(
    recipients: Array<string | undefined>,
    actor: string,
    r: RequestHead,
    title: string,
    description: string,
  ) {
    const refs = [...new Set(recipients.filter((x): x is string => !!x && x !== actor))];
    if (!refs.length) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: refs, excludeEntityRef: actor },
        payload: {
          title: title.slice(0, 200),
          description: description.slice(0, 500),
          link: `/support/requests/${r.id}`,
          topic: 'support',
          severity: r.priority === 'P1' ? 'high' : 'normal',
        },
      });
    } catch (e) {
      this.deps.logger.warn(`support: notification for request ${r.id} failed: ${e}`);
    }
  }
}
