import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type CompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CallerCatalogCache } from '@internal/plugin-portal-node';
import { ANNOTATION_DATADOG_SERVICE, type Freshness } from '@internal/plugin-infra-common';
import { worstFreshness } from '@internal/plugin-infra-node';
import {
  correctionIssues,
  datadogTagValue,
  formatGateReason,
  formatSloIssues,
  addWeeks,
  localDate,
  weekStart,
  sloCorrectionManagePermission,
  sloDefinitionOf,
  type DeployGate,
  type GateReasonCode,
  type GateReasonParams,
  type EntitySlo,
  type Fleet,
  type FleetRow,
  type SloCorrection,
  type SloCorrectionInput,
  type SloHistory,
  type SloImpactReport,
  type SloNoData,
  type WeeklyReview,
} from '@internal/plugin-slo-common';
import type { SloConfig } from '../../config';
import type { CorrectionsStore } from '../../database/CorrectionsStore';
import {
  seriesKey,
  type CountTarget,
  type CountsTier,
  type CountsWait,
  type FleetCounts,
  type SloCountsReader,
  type WindowCounts,
} from '../SloCounts/types';
import { entityHistory, evaluateEntity, weeklyAttainment } from './evaluate';
import { incidentImpact, rangeInterval } from './impact';
import type { FleetFilter, SloEntity, SloService } from './types';

/** Catalog fields the SLO engine reads. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.slo',
];

/** How long the list of SLO entities (which groups the batched queries) is reused. */
const DIRECTORY_TTL_MS = 60_000;
/**
 * Bound of the memos below (entities of the catalog): past it they start over. A memo entry is
 * only reused while its inputs are the same, so the bound costs time, never correctness.
 */
const MEMO_ENTRIES = 10_000;
const REVIEW_WEEKS = 12;

const normalizeRef = (ref: string, kind: string, namespace = 'default') => {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: kind, defaultNamespace: namespace }));
  } catch {
    return undefined;
  }
};

/** The SLO view of a catalog entity: undefined without `spec.slo`, throws for an invalid one. */
export function toSloEntity(entity: Entity): SloEntity | undefined {
  const result = sloDefinitionOf(entity);
  if (!result) return undefined;
  const entityRef = stringifyEntityRef(entity);
  if (!result.ok) {
    throw new ConflictError(`${entityRef} has an invalid spec.slo: ${formatSloIssues(result.issues)}`);
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const owner =
    typeof entity.spec?.owner === 'string' ? normalizeRef(entity.spec.owner, 'group', namespace) : undefined;
  const system =
    typeof entity.spec?.system === 'string' ? normalizeRef(entity.spec.system, 'system', namespace) : undefined;
  return {
    entityRef,
    name: entity.metadata.name,
    ...(owner ? { owner } : {}),
    ...(system ? { system } : {}),
    service: entity.metadata.annotations?.[ANNOTATION_DATADOG_SERVICE] || entity.metadata.name,
    slo: result.slo,
  };
}

/** Why not one week of the review had a request. */
function weeklyNoData(e: SloEntity, tier: CountsTier | undefined, freshness: Freshness): SloNoData {
  const error = freshness.error;
  if (!tier && freshness.state === 'loading' && !error)
    return {
      code: 'loading',
      reason: 'The Datadog counts are still being read for the first time; the figures follow shortly.',
    };
  if (!tier)
    return {
      code: 'no-counts',
      reason: `No Datadog counts could be read${error ? ` (${error})` : ''}.`,
    };
  if (!e.slo.endpoints.some(x => tier.series[seriesKey(e.service, x.resource)]))
    return {
      code: 'no-series',
      reason: `None of the SLO endpoints matches a Datadog series of service:${datadogTagValue(
        e.service,
        'service',
      )} — check the resource names.`,
    };
  return { code: 'no-traffic', reason: 'No requests to the SLO endpoints in these weeks.' };
}

const targetOf = (e: SloEntity): CountTarget => ({
  service: e.service,
  resources: e.slo.endpoints.map(x => x.resource),
});

export class DefaultSloService implements SloService {
  private directory?: { at: number; list: Promise<SloEntity[]> };
  /** The caller's own catalog read of the SLO components, kept a few seconds (see CallerCatalogCache). */
  private readonly visible = new CallerCatalogCache();
  private readonly fleetCounts = new WeakMap<SloEntity[], { counts: FleetCounts; covered: Map<string, Set<string>> }>();
  /**
   * The last evaluation of each entity and what it was made of: the fleet, team and overview
   * views ask for the same 150 evaluations many times a minute while the counts change once a
   * minute (measured: the fleet route spent most of its time re-evaluating identical inputs).
   */
  private readonly evaluations = new Map<string, { key: string; slo: EntitySlo }>();
  /** Identity of cached count tiers: a tier read again is a new object, so a new id. */
  private readonly tierIds = new WeakMap<CountsTier, number>();
  private nextTierId = 1;
  /** Identity of parsed SLO entities (see `entityId`). */
  private readonly entityIds = new WeakMap<SloEntity, number>();
  private nextEntityId = 1;
  /** Parsed SLO views of catalog entities, by the fields they are parsed from. */
  private readonly parsed = new Map<string, SloEntity | undefined | Error>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      store: CorrectionsStore;
      reader: SloCountsReader;
      config: SloConfig;
      logger: LoggerService;
    },
  ) {}

  // Reads -----------------------------------------------------------------------------------

  async entitySlo(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<EntitySlo> {
    const entity = await this.sloEntity(ref, credentials);
    const [counts, corrections] = await Promise.all([
      this.windowCounts(entity),
      this.deps.store.list({ entityRefs: [entity.entityRef] }),
    ]);
    return this.evaluate(entity, counts, corrections);
  }

  async history(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<SloHistory> {
    const entity = await this.sloEntity(ref, credentials);
    const [counts, corrections] = await Promise.all([
      this.windowCounts(entity),
      this.deps.store.list({ entityRefs: [entity.entityRef] }),
    ]);
    return entityHistory(entity, counts, corrections, this.deps.config.timeZone);
  }

  async gate(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<DeployGate> {
    const slo = await this.entitySlo(ref, credentials);
    const remaining = slo.budget.remainingRatio;
    const pct = (r: number) => (r * 100).toFixed(1);
    const base = {
      entityRef: slo.entityRef,
      policy: slo.policy,
      budgetRemainingRatio: remaining,
      alertState: slo.alertState,
      freshness: slo.freshness,
    };
    /** The reason as a code with params, and its English sentence as `reason`. */
    const because = (reasonCode: GateReasonCode, reasonParams: GateReasonParams = {}) => ({
      reason: formatGateReason(reasonCode, reasonParams),
      reasonCode,
      reasonParams,
    });
    if (slo.freshness.state === 'unavailable' || slo.freshness.state === 'not-configured') {
      const allowed = this.deps.config.allowWhenUnavailable;
      return {
        ...base,
        allowed,
        decision: 'unknown',
        defaultDecision: allowed ? 'allow' : 'block',
        ...because(allowed ? 'slo.gate.noCountsAllow' : 'slo.gate.noCountsBlock', {
          error: slo.freshness.error ?? slo.freshness.state,
        }),
      };
    }
    if (slo.noData) {
      const allowed = this.deps.config.unknownDecision === 'allow';
      return {
        ...base,
        allowed,
        decision: 'unknown',
        defaultDecision: this.deps.config.unknownDecision,
        ...because(allowed ? 'slo.gate.noDataAllow' : 'slo.gate.noDataBlock', {
          noData: slo.noData.code,
          noDataReason: slo.noData.reason,
          setting: this.deps.config.unknownDecision,
        }),
      };
    }
    if (slo.policy === 'exhausted') {
      return {
        ...base,
        allowed: false,
        decision: 'blocked',
        ...because('slo.gate.exhausted', {
          bad: slo.bad,
          allowedBad: Math.floor(slo.budget.allowedBad),
          objective: slo.objective,
          window: slo.window,
          used: pct(1 - remaining),
        }),
      };
    }
    if (slo.policy === 'at-risk') {
      const lowBudget = remaining < 0.25;
      const paging = slo.alertState === 'page' || slo.endpoints.some(e => e.alertState === 'page');
      let code: GateReasonCode = 'slo.gate.atRisk';
      if (lowBudget && paging) code = 'slo.gate.atRiskBudgetAndPage';
      else if (lowBudget) code = 'slo.gate.atRiskBudget';
      else if (paging) code = 'slo.gate.atRiskPage';
      return {
        ...base,
        allowed: true,
        decision: 'allowed',
        ...because(code, lowBudget ? { remaining: pct(remaining) } : {}),
      };
    }
    return {
      ...base,
      allowed: true,
      decision: 'allowed',
      ...because('slo.gate.allowed', { remaining: pct(remaining) }),
    };
  }

  async fleet(filter: FleetFilter, credentials: BackstageCredentials): Promise<Fleet> {
    const entities = await this.visibleSloEntities(filter, credentials);
    const fleet = await this.fleetCountsFor(entities);
    const [counts, corrections] = await Promise.all([
      Promise.all(entities.map(e => fleet.counts.window(e.service))),
      this.deps.store.list({ entityRefs: entities.map(e => e.entityRef) }),
    ]);
    const rows: FleetRow[] = entities.map((e, i) => {
      const slo = this.evaluate(e, counts[i], corrections);
      return {
        entityRef: e.entityRef,
        name: e.name,
        ...(e.owner ? { owner: e.owner } : {}),
        ...(e.system ? { system: e.system } : {}),
        objective: slo.objective,
        sli: slo.sli,
        budgetRemainingRatio: slo.budget.remainingRatio,
        burnRate1h: slo.burnRates['1h'],
        alertState: slo.alertState,
        policy: slo.policy,
        ...(slo.noData ? { noData: slo.noData } : {}),
      };
    });
    // Least budget first; services without data (no budget to speak of) after those with data.
    rows.sort(
      (a, b) =>
        Number(a.policy === 'no-data') - Number(b.policy === 'no-data') ||
        a.budgetRemainingRatio - b.budgetRemainingRatio ||
        b.burnRate1h - a.burnRate1h ||
        a.name.localeCompare(b.name),
    );
    return {
      generatedAt: new Date().toISOString(),
      rows,
      freshness: worstFreshness(counts.map(c => c.freshness)),
    };
  }

  /**
   * Re-reads the counts of every SLO of the catalog that are 40 % of their ttl old or older (the
   * background task): one batched query per group of services and tier.
   */
  async refreshCounts(): Promise<{ services: number; groups: number; freshness: Freshness }> {
    const directory = await this.directoryList();
    const { counts } = await this.fleetCountsFor(directory);
    const states = await counts.refresh();
    return {
      services: directory.length,
      groups: states.length,
      freshness: states.length ? worstFreshness(states) : { state: 'fresh' },
    };
  }

  async weeklyReview(filter: FleetFilter, credentials: BackstageCredentials): Promise<WeeklyReview> {
    const entities = await this.visibleSloEntities(filter, credentials);
    const zone = this.deps.config.timeZone;
    const to = weekStart(Date.now() / 1000, zone);
    const from = addWeeks(to, -REVIEW_WEEKS, zone);
    const weekStarts = Array.from({ length: REVIEW_WEEKS }, (_, i) => addWeeks(from, i, zone));
    const fleet = await this.fleetCountsFor(entities);
    const [weekly, corrections] = await Promise.all([
      Promise.all(entities.map(e => fleet.counts.weekly(e.service, from, to))),
      this.deps.store.list({ entityRefs: entities.map(e => e.entityRef) }),
    ]);
    const rows = entities
      .map((e, i) => {
        const attainment = weeklyAttainment(
          e,
          weekly[i].tier,
          weekStarts,
          corrections.filter(c => c.entityRef === e.entityRef),
          zone,
        );
        const noData = attainment.every(a => a === null)
          ? weeklyNoData(e, weekly[i].tier, weekly[i].freshness)
          : undefined;
        return {
          entityRef: e.entityRef,
          name: e.name,
          ...(e.owner ? { owner: e.owner } : {}),
          objective: e.slo.objective,
          attainment,
          ...(noData ? { noData } : {}),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      weeks: weekStarts.map(w => localDate(w, zone)),
      rows,
      generatedAt: new Date().toISOString(),
      freshness: worstFreshness(weekly.map(w => w.freshness)),
    };
  }

  async impact(
    ref: CompoundEntityRef,
    window: { from: number; to: number },
    credentials: BackstageCredentials,
  ): Promise<SloImpactReport> {
    const entity = await this.sloEntity(ref, credentials);
    const from = Math.floor(window.from / 60) * 60;
    const to = Math.min(Math.ceil(window.to / 60) * 60, Math.floor(Date.now() / 60000) * 60);
    if (to <= from) throw new InputError('to: must be after from (and from must be in the past)');
    // Stored with the postmortem: waits for counts not read yet instead of answering `loading`.
    const [counts, range, corrections] = await Promise.all([
      this.windowCounts(entity, 'complete'),
      this.deps.reader.range(targetOf(entity), from, to, rangeInterval(from, to)),
      this.deps.store.list({ entityRefs: [entity.entityRef] }),
    ]);
    return {
      entityRef: entity.entityRef,
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      slos: [
        incidentImpact({
          entity,
          window: counts,
          range: range.tier,
          corrections,
          from,
          to,
          timeZone: this.deps.config.timeZone,
        }),
      ],
      freshness: worstFreshness([counts.freshness, range.freshness]),
    };
  }

  // Corrections -----------------------------------------------------------------------------

  async listCorrections(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<SloCorrection[]> {
    const entity = await this.sloEntity(ref, credentials);
    return this.deps.store.list({ entityRefs: [entity.entityRef] });
  }

  async addCorrection(
    ref: CompoundEntityRef,
    input: SloCorrectionInput,
    credentials: BackstageCredentials,
  ): Promise<SloCorrection> {
    const start = Date.parse(input.start);
    const end = Date.parse(input.end);
    const rrule = input.rrule?.trim() || undefined;
    const issues = correctionIssues({
      start: start / 1000,
      end: end / 1000,
      rrule,
    });
    if (issues.length) throw new InputError(issues.join('; '));
    const entity = await this.sloEntity(ref, credentials);
    await this.authorizeManage(entity.entityRef, credentials);
    return this.deps.store.add({
      entityRef: entity.entityRef,
      start: new Date(start),
      end: new Date(end),
      rrule,
      reason: input.reason.trim(),
      author: await this.authorOf(credentials),
    });
  }

  async deleteCorrection(id: string, credentials: BackstageCredentials): Promise<void> {
    const correction = await this.deps.store.get(id);
    if (!correction) throw new NotFoundError(`No SLO correction ${id}`);
    await this.authorizeManage(correction.entityRef, credentials);
    if (!(await this.deps.store.delete(id))) throw new NotFoundError(`No SLO correction ${id}`);
  }

  // Helpers ---------------------------------------------------------------------------------

  private async authorizeManage(entityRef: string, credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: sloCorrectionManagePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not manage SLO corrections of ${entityRef}`);
    }
  }

  private async authorOf(credentials: BackstageCredentials): Promise<string> {
    if (this.deps.auth.isPrincipal(credentials, 'user')) {
      return (await this.deps.userInfo.getUserInfo(credentials)).userEntityRef;
    }
    if (this.deps.auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
    throw new NotAllowedError('Corrections need an identified author');
  }

  /** The entity as the caller may see it; 404 when it is missing or declares no SLO. */
  private async sloEntity(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<SloEntity> {
    const refText = `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
    const entity = await this.visible.get(credentials, `entity:${refText}`, () =>
      this.deps.catalog.getEntityByRef(ref, { credentials }),
    );
    if (!entity) throw new NotFoundError(`No entity ${refText}`);
    const slo = this.parseSloEntity(entity);
    if (slo instanceof Error) throw slo;
    if (!slo) throw new NotFoundError(`${stringifyEntityRef(entity)} declares no SLO (spec.slo)`);
    return slo;
  }

  async sloEntities(credentials: BackstageCredentials): Promise<SloEntity[]> {
    return this.visibleSloEntities({}, credentials);
  }

  /** The caller's SLO entities, filtered by owner and system. */
  private async visibleSloEntities(filter: FleetFilter, credentials: BackstageCredentials): Promise<SloEntity[]> {
    const owner = filter.owner ? normalizeRef(filter.owner, 'group') : undefined;
    const system = filter.system ? normalizeRef(filter.system, 'system') : undefined;
    if (filter.owner && !owner) throw new InputError(`owner: "${filter.owner}" is not an entity reference`);
    if (filter.system && !system) throw new InputError(`system: "${filter.system}" is not an entity reference`);
    const all = await this.visible.get(credentials, 'slo-components', async () => {
      const { items } = await this.deps.catalog.getEntities(
        { filter: { kind: 'component' }, fields: FIELDS },
        { credentials },
      );
      return this.toSloEntities(items);
    });
    return all.filter(e => (!owner || e.owner === owner) && (!system || e.system === system));
  }

  /**
   * `toSloEntity`, the same object (or error) while the fields it is parsed from are the same:
   * the evaluations are reused by the identity of their entity.
   */
  private parseSloEntity(item: Entity): SloEntity | undefined | Error {
    const key = JSON.stringify([
      item.kind,
      item.metadata.namespace,
      item.metadata.name,
      item.metadata.annotations,
      item.spec?.owner,
      item.spec?.system,
      item.spec?.slo,
    ]);
    let e = this.parsed.get(key);
    if (!this.parsed.has(key)) {
      try {
        e = toSloEntity(item);
      } catch (error) {
        e = error as Error;
      }
      if (this.parsed.size >= MEMO_ENTRIES) this.parsed.clear();
      this.parsed.set(key, e);
    }
    return e;
  }

  private toSloEntities(items: Entity[]): SloEntity[] {
    const out: SloEntity[] = [];
    for (const item of items) {
      const e = this.parseSloEntity(item);
      if (e instanceof Error) {
        // The catalog processor rejects these; without it, skip them rather than fail the fleet.
        this.deps.logger.debug(`slo: ${e.message}`);
      } else if (e) {
        out.push(e);
      }
    }
    return out;
  }

  /**
   * `evaluateEntity`, reused while the entity, the count tiers (the same cached objects), their
   * state and the entity's corrections are the same; the answer's freshness is always today's.
   */
  private evaluate(entity: SloEntity, counts: WindowCounts, corrections: SloCorrection[]): EntitySlo {
    const mine = corrections.filter(c => c.entityRef === entity.entityRef);
    const key = JSON.stringify([
      this.entityId(entity),
      counts.asOf,
      counts.tiers.map(t => this.tierId(t)),
      counts.freshness.state,
      counts.freshness.error ?? null,
      mine,
    ]);
    const hit = this.evaluations.get(entity.entityRef);
    if (hit && hit.key === key) return { ...hit.slo, freshness: counts.freshness };
    const slo = evaluateEntity(entity, counts, mine, this.deps.config.timeZone);
    if (this.evaluations.size >= MEMO_ENTRIES) this.evaluations.clear();
    this.evaluations.set(entity.entityRef, { key, slo });
    return slo;
  }

  /**
   * Identity of a parsed SLO entity: `toSloEntities` hands out the same object while the catalog
   * fields it was parsed from are the same (serialising the whole definition for every row of
   * every fleet read was most of the cost of a warm fleet read).
   */
  private entityId(entity: SloEntity): number {
    let id = this.entityIds.get(entity);
    if (id === undefined) {
      id = this.nextEntityId++;
      this.entityIds.set(entity, id);
    }
    return id;
  }

  private tierId(tier: CountsTier): number {
    let id = this.tierIds.get(tier);
    if (id === undefined) {
      id = this.nextTierId++;
      this.tierIds.set(tier, id);
    }
    return id;
  }

  /**
   * Every SLO entity of the catalog (read as this plugin, reused for a minute): it decides how
   * services are grouped into batched Datadog queries, the same for every caller.
   */
  private async directoryList(): Promise<SloEntity[]> {
    const now = Date.now();
    if (this.directory && now - this.directory.at < DIRECTORY_TTL_MS) return this.directory.list;
    const previous = this.directory;
    const list = (async () => {
      const { items } = await this.deps.catalog.getEntities(
        { filter: { kind: 'component' }, fields: FIELDS },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      return this.toSloEntities(items);
    })();
    this.directory = { at: now, list };
    try {
      return await list;
    } catch (e) {
      this.deps.logger.warn(`slo: could not list SLO entities: ${(e as Error).message}`);
      this.directory = previous;
      return previous ? previous.list : [];
    }
  }

  /** The batched-query groups of the whole fleet, plus a group of its own for entities not in it. */
  private async fleetCountsFor(entities: SloEntity[]): Promise<{ counts: FleetCounts }> {
    const directory = await this.directoryList();
    let fleet = this.fleetCounts.get(directory);
    if (!fleet) {
      const covered = new Map<string, Set<string>>();
      for (const d of directory) {
        const set = covered.get(d.service) ?? new Set<string>();
        d.slo.endpoints.forEach(e => set.add(e.resource));
        covered.set(d.service, set);
      }
      fleet = {
        counts: this.deps.reader.forFleet(directory.map(targetOf)),
        covered,
      };
      this.fleetCounts.set(directory, fleet);
    }
    const { counts, covered } = fleet;
    const missing = entities.filter(e => !e.slo.endpoints.every(x => covered.get(e.service)?.has(x.resource)));
    if (!missing.length) return { counts };
    // Entities the directory does not know yet (just registered, or changed): one extra batch.
    const extra = this.deps.reader.forFleet(missing.map(targetOf));
    const missingServices = new Set(missing.map(m => m.service));
    return {
      counts: {
        window: service => (missingServices.has(service) ? extra.window(service) : counts.window(service)),
        weekly: (service, from, to) =>
          missingServices.has(service) ? extra.weekly(service, from, to) : counts.weekly(service, from, to),
        refresh: async () => [...(await counts.refresh()), ...(await extra.refresh())],
      },
    };
  }

  private async windowCounts(entity: SloEntity, wait: CountsWait = 'page'): Promise<WindowCounts> {
    const { counts } = await this.fleetCountsFor([entity]);
    return counts.window(entity.service, wait);
  }
}
