import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityKubernetes,
  EntityOverview,
  InfraHealth,
  Sourced,
  TeamSummary,
  UpstreamHealth,
} from '@internal/plugin-infra-common';
import { readInfraConfig } from '../config';
import { readRefreshConfig } from '../refresh/config';
import type { SnapshotDefinition, SnapshotRefreshReport } from '../refresh/Snapshots';
import type { EntityTargets } from '../entities/targets';
import type {
  DatadogEvent,
  DatadogMonitor,
  DatadogMonitorDetail,
  DatadogSlo,
  DatadogSloDefinition,
  MetricTimeseries,
  MetricTimeseriesRequest,
} from '../upstreams/datadog/DatadogClient';
import type { KubeObjectKind, KubeResourceKind, KubeResourceMap } from '../upstreams/kubernetes/types';
import type { CallLimits, GetOptions } from '../resilience/Upstream';
import type {
  PdChangeEvent,
  PdEvent,
  PdEventResult,
  PdIncident,
  PdLogEntry,
  PdOnCall,
  PdService,
} from '../upstreams/pagerduty/PagerDutyClient';
import { DefaultInfraService } from './DefaultInfraService';

/**
 * Live state from Kubernetes, Datadog and PagerDuty, shared by every plugin backend of the portal.
 * Reads never throw for upstream failures: each answer says whether it is fresh, stale or unavailable.
 */
export interface InfraService {
  readonly sandbox: boolean;
  clusterNames(): string[];
  targets(entity: Entity): EntityTargets;
  kubernetesResources<K extends KubeResourceKind>(cluster: string, kind: K): Promise<Sourced<KubeResourceMap[K]>>;
  /** One kind of object of a cluster as plain API JSON (all fields), cached like the slim reads. */
  kubernetesObjects(cluster: string, kind: KubeObjectKind): Promise<Sourced<Array<Record<string, unknown>>>>;
  podLog(
    cluster: string,
    options: { namespace: string; pod: string; container?: string; previous?: boolean; tailLines?: number },
  ): Promise<string>;
  monitors(): Promise<Sourced<DatadogMonitor[]>>;
  events(): Promise<Sourced<DatadogEvent[]>>;
  /** Every monitor of every environment, with query, message and priority (cached). */
  allMonitors(): Promise<Sourced<DatadogMonitorDetail[]>>;
  /**
   * A metric timeseries query, cached under `key` for `ttlMs`. `reduce` turns Datadog's answer
   * into what is cached and returned (run once per upstream read), so cached values stay small.
   */
  metricTimeseries<T>(
    key: string,
    ttlMs: number,
    request: MetricTimeseriesRequest,
    reduce: (answer: MetricTimeseries) => T,
    options?: GetOptions,
  ): Promise<Sourced<T>>;
  /** The SLOs carrying every tag of `tagsQuery` (comma-separated), read now (never from cache). */
  listSlos(tagsQuery: string): Promise<Sourced<DatadogSlo[]>>;
  /**
   * Creates an SLO. Never retried: when the outcome is unknown (timeout, connection lost, 5xx) the
   * SLOs with `identifyingTags` are listed and one with the same name counts as created. Throws
   * when Datadog is not configured or the SLO was not created.
   */
  createSlo(definition: DatadogSloDefinition, options: { identifyingTags: string[] }): Promise<DatadogSlo>;
  /** Replaces an SLO's definition (a PUT: retried like reads). Throws when it failed. */
  updateSlo(id: string, definition: DatadogSloDefinition): Promise<DatadogSlo>;
  pagerDutyServices(): Promise<Sourced<PdService[]>>;
  /** Open incidents; `maxAgeMs: 0` reads PagerDuty now instead of a cached list. */
  openIncidents(options?: { maxAgeMs?: number }): Promise<Sourced<PdIncident[]>>;
  recentIncidents(): Promise<Sourced<PdIncident[]>>;
  /** Incidents created since `since` (for windows older than the recent list), cached. */
  /**
   * Incidents created since `since` (cached per `since`). `limits` replaces the page limits for a
   * background reader listing a long window.
   */
  incidentsSince(since: Date, options?: { limits?: CallLimits }): Promise<Sourced<PdIncident[]>>;
  /** One incident; `data: null` when PagerDuty has no such incident. */
  incident(id: string): Promise<Sourced<PdIncident | null>>;
  onCalls(): Promise<Sourced<PdOnCall[]>>;
  /** An incident's log entries; `limits` as for `incidentsSince`. */
  incidentLogEntries(incidentId: string, options?: { limits?: CallLimits }): Promise<Sourced<PdLogEntry[]>>;
  /**
   * Sends an Events API v2 event (trigger, acknowledge, resolve). Its dedup key makes a retry
   * harmless, so a failed send is retried (bounded by the deadline). Throws when PagerDuty is not
   * configured or the event was not accepted.
   */
  sendPagerDutyEvent(event: PdEvent): Promise<PdEventResult>;
  /**
   * The integration key of a PagerDuty service's Events API v2 integration, read now (undefined:
   * the service has none). Throws when PagerDuty is not configured or could not be read.
   */
  pagerDutyRoutingKey(serviceId: string): Promise<string | undefined>;
  /**
   * Sends an Events API v2 change event (`/v2/change/enqueue`). Change events have no dedup key,
   * so only refusals that took nothing are retried (429 after its reset, 5xx, a refused
   * connection), at most `attempts` times in all (default 1 + `infra.resilience.retries`) within
   * the write deadline; a timeout is not retried. Throws when it was not accepted.
   */
  sendPagerDutyChangeEvent(event: PdChangeEvent, options?: { attempts?: number }): Promise<PdEventResult>;
  entityOverview(entity: Entity): Promise<EntityOverview>;
  entityKubernetes(entity: Entity): Promise<EntityKubernetes>;
  teamSummary(group: Entity, components: Entity[]): Promise<TeamSummary>;
  health(): Promise<InfraHealth>;
  /** Every upstream's counters and breaker state as they are now, without calling anything. */
  upstreamStats(): UpstreamHealth[];

  // Fleet snapshots: whole-cluster and whole-account listings refreshed in the background.
  /**
   * Registers a snapshot of the caller's own (e.g. SLO counts, incident history for MTTA/MTTR):
   * read with `snapshot(key)`, refreshed by `refreshSnapshots(family)` — schedule that with
   * `scheduleSnapshotRefresh` from the caller's plugin. `fetch` runs with the refresh deadline
   * (`infra.refresh.deadlineSeconds`) as its signal.
   */
  registerSnapshot<T>(definition: Omit<SnapshotDefinition<T>, 'upstream'> & { intervalMs: number }): void;
  /**
   * The last snapshot of `key`: fresh within its ttl; older, served stale while a refresh runs;
   * none yet, `loading`. Never waits on a listing longer than `infra.refresh.pageWaitMs`.
   */
  snapshot<T>(key: string, options?: { maxAgeMs?: number }): Promise<Sourced<T>>;
  /** Lists every recently read snapshot of a family now, with the refresh's own limits. */
  refreshSnapshots(family: string): Promise<SnapshotRefreshReport>;
  /** The snapshot families (one scheduled task each) and their intervals. */
  snapshotFamilies(): Array<{ family: string; intervalMs: number }>;
}

/**
 * Root-scoped: one instance per backend process, so every plugin shares one cache, one set of
 * breakers and one coalescing layer.
 */
export const infraServiceRef = createServiceRef<InfraService>({
  id: 'infra.upstreams',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
      factory({ config, logger }) {
        const infraConfig = readInfraConfig(config);
        const cache = CacheManager.fromConfig(config, { logger }).forPlugin('infra');
        const log = logger.child({ service: 'infra' });
        log.info(
          `infra upstreams: ${infraConfig.kubernetes.clusters.length} Kubernetes cluster(s), ` +
            `Datadog ${infraConfig.datadog ? 'on' : 'off'}, PagerDuty ${infraConfig.pagerduty ? 'on' : 'off'}` +
            `${infraConfig.sandbox ? ' (sandbox)' : ''}`,
        );
        return new DefaultInfraService(infraConfig, cache, log, readRefreshConfig(config, infraConfig));
      },
    }),
});
