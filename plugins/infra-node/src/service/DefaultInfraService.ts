import type { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { serviceHealth } from '@internal/plugin-infra-common';
import type {
  ClusterDetail,
  EntityKubernetes,
  TeamSummary,
  ClusterWorkloads,
  DeploySummary,
  EntityOverview,
  Freshness,
  InfraHealth,
  IncidentSummary,
  MonitorSummary,
  OnCallEntry,
  Sourced,
  UpstreamHealth,
} from '@internal/plugin-infra-common';
import type { InfraConfig } from '../config';
import { readRefreshConfig, type RefreshConfig } from '../refresh/config';
import { Snapshots, type SnapshotDefinition, type SnapshotRefreshReport } from '../refresh/Snapshots';
import { entityTargets, type EntityTargets } from '../entities/targets';
import { kubernetesDetail } from '../overview/kubernetesDetail';
import { SnapshotViews } from '../overview/SnapshotViews';
import { summarizeWorkloads } from '../overview/workloads';
import { DEFAULT_WRITE_LIMITS, Upstream, type CallLimits, type GetOptions } from '../resilience/Upstream';
import { TimeoutError, UpstreamError, describeError } from '../resilience/errors';
import {
  DatadogClient,
  type DatadogEvent,
  type DatadogMonitor,
  type DatadogMonitorDetail,
  type DatadogSlo,
  type DatadogSloDefinition,
  type MetricTimeseries,
  type MetricTimeseriesRequest,
} from '../upstreams/datadog/DatadogClient';
import { KubernetesCluster } from '../upstreams/kubernetes/KubernetesCluster';
import type { KubeObjectKind, KubeResourceKind, KubeResourceMap } from '../upstreams/kubernetes/types';
import {
  PagerDutyClient,
  type PdChangeEvent,
  type PdEvent,
  type PdEventResult,
  type PdIncident,
  type PdLogEntry,
  type PdOnCall,
  type PdService,
} from '../upstreams/pagerduty/PagerDutyClient';
import type { InfraService } from './InfraService';

const RANK: Record<Freshness['state'], number> = {
  'not-configured': 0,
  fresh: 1,
  stale: 2,
  loading: 3,
  unavailable: 4,
};

/** Every kind the service lists per cluster, each one fleet snapshot. */
const RESOURCE_KINDS: KubeResourceKind[] = [
  'namespaces',
  'workloads',
  'replicasets',
  'pods',
  'hpas',
  'pdbs',
  'services',
  'ingresses',
  'events',
];
const OBJECT_KINDS: KubeObjectKind[] = [
  'deployments',
  'statefulsets',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
  'services',
];

/** The least fresh of several answers (the oldest fetch time, the first error). */
export function worstFreshness(list: Freshness[]): Freshness {
  if (!list.length) return { state: 'not-configured' };
  const worst = list.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a));
  const ages = list.map(f => f.ageSeconds).filter((a): a is number => a !== undefined);
  const oldest = list.filter(f => f.fetchedAt).sort((a, b) => a.fetchedAt!.localeCompare(b.fetchedAt!))[0];
  return {
    state: worst.state,
    ...(oldest?.fetchedAt ? { fetchedAt: oldest.fetchedAt } : {}),
    ...(ages.length ? { ageSeconds: Math.max(...ages) } : {}),
    ...(list.find(f => f.error)?.error ? { error: list.find(f => f.error)!.error } : {}),
  };
}

const NOT_CONFIGURED = { freshness: { state: 'not-configured' as const } };
const RECENT_DAYS = 7;

/**
 * Whether a failed write may still have happened upstream: it timed out, the connection broke, or
 * the upstream failed (5xx, unusable answer). Not when it never left (breaker open, rate-limit
 * wait) or was refused (4xx, 429).
 */
function outcomeUnknown(e: unknown): boolean {
  if (!(e instanceof UpstreamError)) return true;
  if (e instanceof TimeoutError) return true;
  if (e.status === undefined) return e.retryable;
  return e.status >= 500;
}

/** An upstream answer read just now, as a `Sourced` (reads that must not come from cache). */
async function readNow<T>(read: () => Promise<T>): Promise<Sourced<T>> {
  try {
    const data = await read();
    return { data, freshness: { state: 'fresh', fetchedAt: new Date().toISOString(), ageSeconds: 0 } };
  } catch (e) {
    return { freshness: { state: 'unavailable', error: describeError(e) } };
  }
}

/**
 * Reads Kubernetes, Datadog and PagerDuty once for every plugin of the portal. Fleet-wide lists
 * (cluster snapshots, all monitors, all incidents, all on-calls) are fetched once per time-to-live
 * and shared: a page view costs no upstream call when the cache is warm, and at most one call per
 * upstream operation when it is cold, however many viewers and entities there are.
 */
export class DefaultInfraService implements InfraService {
  private readonly clusters = new Map<string, { client: KubernetesCluster; upstream: Upstream }>();
  private readonly datadog?: { client: DatadogClient; upstream: Upstream };
  private readonly pagerduty?: { client: PagerDutyClient; upstream: Upstream };
  private readonly snapshots: Snapshots;
  /** Per-entity views of the fleet snapshots, computed once per snapshot version. */
  private readonly views = new SnapshotViews();

  constructor(
    private readonly config: InfraConfig,
    cache: CacheService,
    logger: LoggerService,
    readonly refreshConfig: RefreshConfig = readRefreshConfig(undefined, config),
  ) {
    this.snapshots = new Snapshots(cache, logger, refreshConfig, {
      retries: config.upstream.retries,
      staleTtlMs: config.upstream.staleTtlMs,
    });
    for (const c of config.kubernetes.clusters) {
      this.clusters.set(c.name, {
        client: new KubernetesCluster(c),
        upstream: new Upstream(`kubernetes/${c.name}`, 'kubernetes', cache, logger, config.upstream, c.name),
      });
    }
    if (config.datadog) {
      this.datadog = {
        client: new DatadogClient(config.datadog),
        upstream: new Upstream('datadog', 'datadog', cache, logger, config.upstream),
      };
    }
    if (config.pagerduty) {
      this.pagerduty = {
        client: new PagerDutyClient(config.pagerduty),
        upstream: new Upstream('pagerduty', 'pagerduty', cache, logger, config.upstream),
      };
    }
    this.registerFleetSnapshots();
  }

  /**
   * The whole-cluster and whole-account listings: one family (one scheduled task) per cluster,
   * one for Datadog, one for PagerDuty.
   */
  private registerFleetSnapshots() {
    const intervals = this.refreshConfig.intervalMs;
    for (const [name, c] of this.clusters) {
      const family = `kubernetes-${name}`;
      const ttlMs = this.config.kubernetes.ttlMs;
      for (const kind of RESOURCE_KINDS) {
        this.snapshots.register(
          {
            family,
            key: `${c.upstream.name}:list:${kind}`,
            ttlMs,
            upstream: c.upstream,
            fetch: signal => c.client.list(kind, signal),
          },
          intervals.kubernetes,
        );
      }
      for (const kind of OBJECT_KINDS) {
        this.snapshots.register(
          {
            family,
            key: `${c.upstream.name}:objects:${kind}`,
            ttlMs,
            upstream: c.upstream,
            fetch: signal => c.client.listObjects(kind, signal),
          },
          intervals.kubernetes,
        );
      }
    }
    const d = this.datadog;
    if (d) {
      const ttlMs = this.config.datadog!.ttlMs;
      const add = (key: string, fetch: (signal: AbortSignal) => Promise<unknown>) =>
        this.snapshots.register(
          { family: 'datadog', key: `datadog:${key}`, ttlMs, upstream: d.upstream, fetch },
          intervals.datadog,
        );
      add('monitors', signal => d.client.listMonitors(signal));
      add(`events:${RECENT_DAYS}d`, signal => d.client.listEvents(RECENT_DAYS, signal));
      add('monitors:all', signal => d.client.listAllMonitors(signal));
    }
    const p = this.pagerduty;
    if (p) {
      const ttlMs = this.config.pagerduty!.ttlMs;
      const add = (key: string, fetch: (signal: AbortSignal) => Promise<unknown>, ttl = ttlMs) =>
        this.snapshots.register(
          { family: 'pagerduty', key: `pagerduty:${key}`, ttlMs: ttl, upstream: p.upstream, fetch },
          intervals.pagerduty,
        );
      // Services change rarely: fresh ten times longer.
      add('services', signal => p.client.listServices(signal), ttlMs * 10);
      add('oncalls', signal => p.client.listOnCalls(signal));
      add('incidents:open', signal => p.client.listIncidents({ open: true }, signal));
      add(`incidents:${RECENT_DAYS}d`, signal =>
        p.client.listIncidents({ since: new Date(Date.now() - RECENT_DAYS * 86400_000) }, signal),
      );
    }
  }

  // Fleet snapshots ----------------------------------------------------------------------------

  registerSnapshot<T>(definition: Omit<SnapshotDefinition<T>, 'upstream'> & { intervalMs: number }): void {
    const { intervalMs, ...rest } = definition;
    this.snapshots.register(rest, intervalMs);
  }

  snapshot<T>(key: string, options?: { maxAgeMs?: number }): Promise<Sourced<T>> {
    return this.snapshots.read<T>(key, options);
  }

  refreshSnapshots(family: string): Promise<SnapshotRefreshReport> {
    return this.snapshots.refreshFamily(family);
  }

  snapshotFamilies(): Array<{ family: string; intervalMs: number }> {
    return this.snapshots.families().map(({ family, intervalMs }) => ({ family, intervalMs }));
  }

  get sandbox() {
    return this.config.sandbox;
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  targets(entity: Entity): EntityTargets {
    return entityTargets(entity);
  }

  // Kubernetes ---------------------------------------------------------------------------------

  async kubernetesResources<K extends KubeResourceKind>(
    cluster: string,
    kind: K,
  ): Promise<Sourced<KubeResourceMap[K]>> {
    const c = this.clusters.get(cluster);
    if (!c) return { freshness: { state: 'unavailable', error: `unknown cluster ${cluster}` } };
    return this.snapshots.read(`${c.upstream.name}:list:${kind}`);
  }

  async kubernetesObjects(cluster: string, kind: KubeObjectKind): Promise<Sourced<Array<Record<string, unknown>>>> {
    const c = this.clusters.get(cluster);
    if (!c) return { freshness: { state: 'unavailable', error: `unknown cluster ${cluster}` } };
    return this.snapshots.read(`${c.upstream.name}:objects:${kind}`);
  }

  async podLog(
    cluster: string,
    options: { namespace: string; pod: string; container?: string; previous?: boolean; tailLines?: number },
  ): Promise<string> {
    const c = this.clusters.get(cluster);
    if (!c) throw new Error(`unknown cluster ${cluster}`);
    // Logs are not cached: each request reads the upstream (behind a permission).
    return c.client.podLog(options);
  }

  // Datadog ------------------------------------------------------------------------------------

  async monitors(): Promise<Sourced<DatadogMonitor[]>> {
    if (!this.datadog) return NOT_CONFIGURED;
    return this.snapshots.read('datadog:monitors');
  }

  async events(): Promise<Sourced<DatadogEvent[]>> {
    if (!this.datadog) return NOT_CONFIGURED;
    return this.snapshots.read(`datadog:events:${RECENT_DAYS}d`);
  }

  async allMonitors(): Promise<Sourced<DatadogMonitorDetail[]>> {
    if (!this.datadog) return NOT_CONFIGURED;
    return this.snapshots.read('datadog:monitors:all');
  }

  async metricTimeseries<T>(
    key: string,
    ttlMs: number,
    request: MetricTimeseriesRequest,
    reduce: (answer: MetricTimeseries) => T,
    options?: GetOptions,
  ): Promise<Sourced<T>> {
    const d = this.datadog;
    if (!d) return NOT_CONFIGURED;
    return d.upstream.get(key, ttlMs, async signal => reduce(await d.client.queryTimeseries(request, signal)), options);
  }

  async listSlos(tagsQuery: string): Promise<Sourced<DatadogSlo[]>> {
    const d = this.datadog;
    if (!d) return NOT_CONFIGURED;
    // Read through the breaker and retries, but never from cache: a sync plans from what is there now.
    return readNow(() =>
      d.upstream.send(signal => d.client.listSlos(tagsQuery, signal), { retries: this.config.upstream.retries }),
    );
  }

  async createSlo(definition: DatadogSloDefinition, options: { identifyingTags: string[] }): Promise<DatadogSlo> {
    const d = this.datadog;
    if (!d) throw new UpstreamError('Datadog is not configured', { retryable: false });
    try {
      // Not idempotent: one attempt only.
      return await d.upstream.send(signal => d.client.createSlo(definition, signal), {
        retries: 0,
        limits: this.writeLimits,
      });
    } catch (e) {
      if (!outcomeUnknown(e)) throw e;
      // It may have been created: look for it instead of creating it again.
      const found = await this.listSlos(options.identifyingTags.join(','));
      const created = found.data?.find(s => s.name === definition.name);
      if (created) return created;
      const checked = found.data ? 'not found afterwards' : `could not check: ${found.freshness.error}`;
      throw new UpstreamError(`${describeError(e)} (not retried; ${checked})`, {
        status: e instanceof UpstreamError ? e.status : undefined,
        retryable: false,
      });
    }
  }

  async updateSlo(id: string, definition: DatadogSloDefinition): Promise<DatadogSlo> {
    const d = this.datadog;
    if (!d) throw new UpstreamError('Datadog is not configured', { retryable: false });
    // A PUT of the whole definition: repeating it is harmless.
    return d.upstream.send(signal => d.client.updateSlo(id, definition, signal), {
      retries: this.config.upstream.retries,
      limits: this.writeLimits,
    });
  }

  // PagerDuty ----------------------------------------------------------------------------------

  async pagerDutyServices(): Promise<Sourced<PdService[]>> {
    if (!this.pagerduty) return NOT_CONFIGURED;
    return this.snapshots.read('pagerduty:services');
  }

  async openIncidents(options: { maxAgeMs?: number } = {}): Promise<Sourced<PdIncident[]>> {
    if (!this.pagerduty) return NOT_CONFIGURED;
    return this.snapshots.read('pagerduty:incidents:open', { maxAgeMs: options.maxAgeMs });
  }

  async recentIncidents(): Promise<Sourced<PdIncident[]>> {
    if (!this.pagerduty) return NOT_CONFIGURED;
    return this.snapshots.read(`pagerduty:incidents:${RECENT_DAYS}d`);
  }

  async incidentsSince(since: Date, options?: { limits?: CallLimits }): Promise<Sourced<PdIncident[]>> {
    const p = this.pagerduty;
    if (!p) return NOT_CONFIGURED;
    return p.upstream.get(
      `incidents:since:${since.toISOString()}`,
      this.config.pagerduty!.ttlMs,
      signal => p.client.listIncidents({ since }, signal),
      { limits: options?.limits },
    );
  }

  async incident(id: string): Promise<Sourced<PdIncident | null>> {
    const p = this.pagerduty;
    if (!p) return NOT_CONFIGURED;
    return p.upstream.get(`incident:${id}`, this.config.pagerduty!.ttlMs, async signal => {
      try {
        return await p.client.getIncident(id, signal);
      } catch (e) {
        // PagerDuty refused the id (404, or 400 for a malformed one): there is no such incident.
        const status = e instanceof UpstreamError ? e.status : undefined;
        if (status && status >= 400 && status < 500 && status !== 429) return null;
        throw e;
      }
    });
  }

  async onCalls(): Promise<Sourced<PdOnCall[]>> {
    if (!this.pagerduty) return NOT_CONFIGURED;
    return this.snapshots.read('pagerduty:oncalls');
  }

  async incidentLogEntries(incidentId: string, options?: { limits?: CallLimits }): Promise<Sourced<PdLogEntry[]>> {
    const p = this.pagerduty;
    if (!p) return NOT_CONFIGURED;
    return p.upstream.get(
      `log_entries:${incidentId}`,
      this.config.pagerduty!.ttlMs,
      signal => p.client.listLogEntries(incidentId, signal),
      { limits: options?.limits },
    );
  }

  /** Per-attempt and whole-call limits of writes (`infra.resilience.writeTimeoutMs` / `writeDeadlineMs`). */
  private get writeLimits() {
    return {
      timeoutMs: this.config.upstream.writeTimeoutMs ?? DEFAULT_WRITE_LIMITS.timeoutMs,
      deadlineMs: this.config.upstream.writeDeadlineMs ?? DEFAULT_WRITE_LIMITS.deadlineMs,
    };
  }

  async sendPagerDutyEvent(event: PdEvent): Promise<PdEventResult> {
    const p = this.pagerduty;
    if (!p) throw new UpstreamError('PagerDuty is not configured', { retryable: false });
    if (!event.dedup_key) throw new UpstreamError('a PagerDuty event needs a dedup key', { retryable: false });
    // The dedup key makes a repeated event the same alert: retrying is safe.
    return p.upstream.send(signal => p.client.sendEvent(event, signal), {
      retries: this.config.upstream.retries,
      limits: this.writeLimits,
    });
  }

  async pagerDutyRoutingKey(serviceId: string): Promise<string | undefined> {
    const p = this.pagerduty;
    if (!p) throw new UpstreamError('PagerDuty is not configured', { retryable: false });
    return p.upstream.send(signal => p.client.eventsRoutingKey(serviceId, signal), {
      retries: this.config.upstream.retries,
      limits: this.writeLimits,
    });
  }

  async sendPagerDutyChangeEvent(event: PdChangeEvent, options: { attempts?: number } = {}): Promise<PdEventResult> {
    const p = this.pagerduty;
    if (!p) throw new UpstreamError('PagerDuty is not configured', { retryable: false });
    const attempts = Math.max(1, options.attempts ?? 1 + this.config.upstream.retries);
    const limits = this.writeLimits;
    const deadline = Date.now() + limits.deadlineMs;
    // A change event has no dedup key: every attempt that reaches PagerDuty is kept. So each
    // attempt is one call (no retry inside), and only refusals that took nothing are retried
    // here: 429 (after its reset), 5xx, a refused connection. A timeout is not.
    for (let attempt = 1; ; attempt++) {
      try {
        return await p.upstream.send(signal => p.client.sendChangeEvent(event, signal), {
          retries: 0,
          limits: { timeoutMs: limits.timeoutMs, deadlineMs: Math.max(1, deadline - Date.now()) },
        });
      } catch (e) {
        const retryable =
          e instanceof UpstreamError &&
          !(e instanceof TimeoutError) &&
          (e.status !== undefined ? e.status === 429 || e.status >= 500 : e.retryable);
        const wait =
          e instanceof UpstreamError && e.retryAfterMs !== undefined
            ? e.retryAfterMs
            : this.config.upstream.backoffMs * 2 ** (attempt - 1);
        if (!retryable || attempt >= attempts || Date.now() + wait >= deadline) throw e;
        await new Promise(r => setTimeout(r, wait));
      }
    }
  }

  // Aggregates ---------------------------------------------------------------------------------

  async entityOverview(entity: Entity): Promise<EntityOverview> {
    const targets = entityTargets(entity);
    const [kubernetes, pd, datadog] = await Promise.all([
      this.kubernetesOverview(targets),
      this.pagerDutyOverview(targets),
      this.datadogOverview(targets),
    ]);
    return {
      entityRef: stringifyEntityRef(entity),
      sandbox: this.sandbox,
      generatedAt: new Date().toISOString(),
      kubernetes,
      ...pd,
      ...datadog,
    };
  }

  private async kubernetesOverview(targets: EntityTargets): Promise<EntityOverview['kubernetes']> {
    const k = targets.kubernetes;
    if (!k || this.clusters.size === 0) return NOT_CONFIGURED;
    const names = this.clusterNames().filter(n => !k.clusters || k.clusters.includes(n));
    const clusters: ClusterWorkloads[] = await Promise.all(
      names.map(async cluster => {
        const [workloads, pods, hpas, pdbs] = await Promise.all([
          this.kubernetesResources(cluster, 'workloads'),
          this.kubernetesResources(cluster, 'pods'),
          this.kubernetesResources(cluster, 'hpas'),
          this.kubernetesResources(cluster, 'pdbs'),
        ]);
        const freshness = worstFreshness([workloads.freshness, pods.freshness, hpas.freshness, pdbs.freshness]);
        // Without the pods (still loading, or unavailable) a workload would read as 0 ready: show none.
        if (!workloads.data || !pods.data) return { cluster, freshness, workloads: [] };
        const summaries = this.views.get(
          [workloads.data, pods.data, hpas.data, pdbs.data],
          `workloads\u0000${k.namespace ?? ''}\u0000${k.labelSelector}`,
          (): ClusterWorkloads['workloads'] | { error: string } => {
            try {
              return summarizeWorkloads(
                { workloads: workloads.data!, pods: pods.data!, hpas: hpas.data, pdbs: pdbs.data },
                k,
              );
            } catch (e) {
              return { error: (e as Error).message };
            }
          },
        );
        if ('error' in summaries) {
          return { cluster, freshness: { state: 'unavailable', error: summaries.error }, workloads: [] };
        }
        return { cluster, freshness, workloads: summaries };
      }),
    );
    return {
      freshness: worstFreshness(clusters.map(c => c.freshness)),
      data: { clusters },
    };
  }

  private async pagerDutyOverview(targets: EntityTargets): Promise<Pick<EntityOverview, 'oncall' | 'incidents'>> {
    const ids = targets.pagerduty?.serviceIds;
    if (!ids || !this.pagerduty) return { oncall: NOT_CONFIGURED, incidents: NOT_CONFIGURED };
    const [services, oncalls, open, recent] = await Promise.all([
      this.pagerDutyServices(),
      this.onCalls(),
      this.openIncidents(),
      this.recentIncidents(),
    ]);
    const policies = new Set((services.data ?? []).filter(s => ids.includes(s.id)).map(s => s.escalationPolicy?.id));
    const oncall: Sourced<OnCallEntry[]> = {
      freshness: worstFreshness([services.freshness, oncalls.freshness]),
      ...(services.data && oncalls.data
        ? {
            data: oncalls.data.filter(o => policies.has(o.escalationPolicy.id)).sort((a, b) => a.level - b.level),
          }
        : {}),
    };
    const mine = (list?: PdIncident[]): IncidentSummary[] | undefined => list?.filter(i => ids.includes(i.serviceId));
    const openMine = mine(open.data);
    const recentMine = mine(recent.data)
      ?.filter(i => i.status === 'resolved')
      .slice(0, 10);
    const incidents: EntityOverview['incidents'] = {
      freshness: worstFreshness([open.freshness, recent.freshness]),
      ...(openMine || recentMine ? { data: { open: openMine ?? [], recent: recentMine ?? [] } } : {}),
    };
    return { oncall, incidents };
  }

  private async datadogOverview(targets: EntityTargets): Promise<Pick<EntityOverview, 'monitors' | 'deploys'>> {
    const dd = targets.datadog;
    if (!dd || !this.datadog) return { monitors: NOT_CONFIGURED, deploys: NOT_CONFIGURED };
    const wanted = [`service:${dd.service}`, ...dd.tags];
    const tagged = (tags: string[]) => wanted.every(t => tags.includes(t));
    const [monitors, events] = await Promise.all([this.monitors(), this.events()]);
    const appUrl = this.datadog.client.appUrl;
    // Views of the snapshots, by the entity's tags (a list of 1,500 monitors is not filtered per view).
    const viewKey = JSON.stringify(wanted);
    return {
      monitors: {
        freshness: monitors.freshness,
        ...(monitors.data
          ? {
              data: this.views.get([monitors.data, appUrl], `monitors\u0000${viewKey}`, () =>
                monitors
                  .data!.filter(m => tagged(m.tags))
                  .map((m): MonitorSummary => ({ ...m, url: `${appUrl}/monitors/${m.id}` })),
              ),
            }
          : {}),
      },
      deploys: {
        freshness: events.freshness,
        ...(events.data
          ? {
              data: this.views.get([events.data], `deploys\u0000${viewKey}`, () =>
                events
                  .data!.filter(e => tagged(e.tags) && (e.tags.includes('deploy') || /^deployed\b/i.test(e.title)))
                  .sort((a, b) => b.at.localeCompare(a.at))
                  .slice(0, 10)
                  .map(
                    (e): DeploySummary => ({
                      id: e.id,
                      title: e.title,
                      at: e.at,
                      version: e.tags.find(t => t.startsWith('version:'))?.slice(8),
                      cluster: e.tags.find(t => t.startsWith('kube_cluster_name:'))?.slice(18),
                      url: e.url,
                    }),
                  ),
              ),
            }
          : {}),
      },
    };
  }

  /** The Kubernetes tab of an entity: every object of its workloads, per cluster. */
  async entityKubernetes(entity: Entity): Promise<EntityKubernetes> {
    const k = entityTargets(entity).kubernetes;
    const base = { entityRef: stringifyEntityRef(entity), sandbox: this.sandbox };
    if (!k || this.clusters.size === 0) {
      return { ...base, freshness: { state: 'not-configured' }, clusters: [] };
    }
    const names = this.clusterNames().filter(n => !k.clusters || k.clusters.includes(n));
    const kinds = ['workloads', 'pods', 'replicasets', 'hpas', 'pdbs', 'services', 'ingresses', 'events'] as const;
    const clusters: ClusterDetail[] = await Promise.all(
      names.map(async cluster => {
        const parts = await Promise.all(kinds.map(kind => this.kubernetesResources(cluster, kind)));
        const byKind = Object.fromEntries(kinds.map((kind, i) => [kind, parts[i].data])) as any;
        const freshness = worstFreshness(parts.map(p => p.freshness));
        const consoleUrl = this.clusters.get(cluster)!.client.config.consoleUrl;
        const empty = { workloads: [], pods: [], hpas: [], pdbs: [], services: [], ingresses: [], events: [] };
        if (!byKind.workloads || !byKind.pods) return { cluster, freshness, consoleUrl, ...empty };
        return { cluster, freshness, consoleUrl, ...kubernetesDetail(byKind, k) };
      }),
    );
    return { ...base, freshness: worstFreshness(clusters.map(c => c.freshness)), clusters };
  }

  /** A team's services with their health, the team's on-call and its open incidents. */
  async teamSummary(group: Entity, components: Entity[]): Promise<TeamSummary> {
    const overviews = await Promise.all(components.map(c => this.entityOverview(c)));
    const services = overviews.map((o, i) => {
      const c = components[i];
      const workloads = o.kubernetes.data?.clusters.flatMap(cl => cl.workloads) ?? [];
      return {
        entityRef: o.entityRef,
        name: c.metadata.name,
        title: c.metadata.title,
        type: typeof c.spec?.type === 'string' ? c.spec.type : undefined,
        health: serviceHealth(o),
        readyReplicas: workloads.reduce((n, w) => n + w.readyReplicas, 0),
        desiredReplicas: workloads.reduce((n, w) => n + w.desiredReplicas, 0),
        problems: [...new Set(workloads.flatMap(w => w.problems.map(p => p.code)))],
        openIncidents: o.incidents.data?.open.length ?? 0,
        alertingMonitors: (o.monitors.data ?? []).filter(m => m.state === 'Alert' || m.state === 'Warn').length,
      };
    });
    const seen = new Set<string>();
    const oncall = overviews
      .flatMap(o => o.oncall.data ?? [])
      .filter(e => {
        const key = `${e.escalationPolicy.id}:${e.level}:${e.user.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.level - b.level || a.escalationPolicy.name.localeCompare(b.escalationPolicy.name));
    const incidentIds = new Set<string>();
    const openIncidents = overviews
      .flatMap(o => o.incidents.data?.open ?? [])
      .filter(i => !incidentIds.has(i.id) && incidentIds.add(i.id))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const pick = (f: (o: EntityOverview) => Freshness[]) => worstFreshness(overviews.flatMap(f));
    return {
      entityRef: stringifyEntityRef(group),
      sandbox: this.sandbox,
      generatedAt: new Date().toISOString(),
      freshness: {
        kubernetes: pick(o => [o.kubernetes.freshness]),
        datadog: pick(o => [o.monitors.freshness, o.deploys.freshness]),
        pagerduty: pick(o => [o.oncall.freshness, o.incidents.freshness]),
      },
      services,
      oncall,
      openIncidents,
    };
  }

  // Health -------------------------------------------------------------------------------------

  /** Reads each upstream's main listing (through the cache) and reports every upstream's state. */
  async health(): Promise<InfraHealth> {
    const probes: Array<Promise<unknown>> = [];
    for (const name of this.clusters.keys()) probes.push(this.kubernetesResources(name, 'workloads'));
    if (this.datadog) probes.push(this.monitors());
    if (this.pagerduty) probes.push(this.pagerDutyServices());
    await Promise.all(probes);
    const upstreams = this.upstreamStats();
    const healthy = upstreams.filter(u => u.status === 'healthy').length;
    // An upstream whose first listing is still running (a cold start) is `unknown`, not down.
    const failing = upstreams.filter(u => u.status === 'down' || u.status === 'degraded').length;
    let status: InfraHealth['status'] = 'degraded';
    if (healthy === upstreams.length) status = 'healthy';
    else if (failing === upstreams.length && upstreams.length > 0) status = 'down';
    return { status, sandbox: this.sandbox, checkedAt: new Date().toISOString(), upstreams };
  }

  upstreamStats(): UpstreamHealth[] {
    return [
      ...[...this.clusters.values()].map(c => c.upstream.health()),
      ...(this.datadog ? [this.datadog.upstream.health()] : []),
      ...(this.pagerduty ? [this.pagerduty.upstream.health()] : []),
    ];
  }
}
