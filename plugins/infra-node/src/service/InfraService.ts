import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
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
import type { EntityTargets } from '../entities/targets';
import type { DatadogClient, DatadogEvent, DatadogMonitor } from '../upstreams/datadog/DatadogClient';
import type { KubeObjectKind, KubeResourceKind, KubeResourceMap } from '../upstreams/kubernetes/types';
import type {
  PagerDutyClient,
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
  /** Any other Datadog read (metrics, SLOs), behind the same cache, breaker and retries. */
  datadogCall<T>(key: string, ttlMs: number, call: (client: DatadogClient) => Promise<T>): Promise<Sourced<T>>;
  pagerDutyServices(): Promise<Sourced<PdService[]>>;
  openIncidents(): Promise<Sourced<PdIncident[]>>;
  recentIncidents(): Promise<Sourced<PdIncident[]>>;
  onCalls(): Promise<Sourced<PdOnCall[]>>;
  incidentLogEntries(incidentId: string): Promise<Sourced<PdLogEntry[]>>;
  pagerDutyClient(): PagerDutyClient | undefined;
  entityOverview(entity: Entity): Promise<EntityOverview>;
  entityKubernetes(entity: Entity): Promise<EntityKubernetes>;
  teamSummary(group: Entity, components: Entity[]): Promise<TeamSummary>;
  health(): Promise<InfraHealth>;
  /** Every upstream's counters and breaker state as they are now, without calling anything. */
  upstreamStats(): UpstreamHealth[];
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
        return new DefaultInfraService(infraConfig, cache, log);
      },
    }),
});
