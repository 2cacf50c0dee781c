import type { AuthService, BackstageCredentials, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogUnprocessedEntitiesClient,
  type UnprocessedEntity,
} from '@backstage/plugin-catalog-unprocessed-entities-common';
import type { InfraService } from '@internal/plugin-infra-node';
import { buildReport, type ClusterWorkloads } from './checks';
import type { QualityReport, QualityReportFilter, QualityReportService } from './types';

/** The entity fields the checks read; everything else stays in the catalog. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.slo',
  'status',
];

/**
 * Reads the catalog (as the caller), the entities that failed processing (as this plugin, from the
 * catalog's unprocessed-entities module, /api/catalog/entities/unprocessed/{failed,pending}) and the cached workload snapshots of every cluster, then
 * runs the checks of ./checks.ts.
 */
export class DefaultQualityReportService implements QualityReportService {
  private readonly unprocessed: CatalogUnprocessedEntitiesClient;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      infra: InfraService;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {
    this.unprocessed = new CatalogUnprocessedEntitiesClient(deps.discovery);
  }

  async report(options: { credentials: BackstageCredentials; filter?: QualityReportFilter }): Promise<QualityReport> {
    const [entities, unprocessed, clusters] = await Promise.all([
      this.readCatalog(options.credentials),
      this.readUnprocessedEntities(),
      this.readWorkloads(),
    ]);
    const report = buildReport({
      entities,
      unprocessed,
      clusters,
      targets: e => this.deps.infra.targets(e),
      sandbox: this.deps.infra.sandbox,
      now: new Date(),
    });
    const { problem, severity } = options.filter ?? {};
    if (problem || severity) {
      report.findings = report.findings.filter(
        f => (!problem || f.problem === problem) && (!severity || f.severity === severity),
      );
    }
    return report;
  }

  private async readCatalog(credentials: BackstageCredentials): Promise<AlphaEntity[]> {
    const entities: AlphaEntity[] = [];
    for await (const page of this.deps.catalog.streamEntities({ fields: FIELDS }, { credentials })) {
      entities.push(...page);
    }
    return entities;
  }

  /** Both lists of the module: an entity that fails on its first run stays "pending". */
  private async readUnprocessedEntities(): Promise<UnprocessedEntity[] | { error: string }> {
    try {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'catalog',
      });
      const [failed, pending] = await Promise.all([
        this.unprocessed.failed({ token }),
        this.unprocessed.pending({ token }),
      ]);
      return [...failed.entities, ...pending.entities];
    } catch (e) {
      const error = `Could not read the entities that failed processing: ${(e as Error).message}`;
      this.deps.logger.warn(error);
      return { error };
    }
  }

  private async readWorkloads(): Promise<ClusterWorkloads[]> {
    const { infra } = this.deps;
    return Promise.all(
      infra.clusterNames().map(async cluster => {
        try {
          const { freshness, data } = await infra.kubernetesResources(cluster, 'workloads');
          return { cluster, freshness, workloads: data };
        } catch (e) {
          return {
            cluster,
            freshness: {
              state: 'unavailable' as const,
              error: (e as Error).message,
            },
          };
        }
      }),
    );
  }
}
