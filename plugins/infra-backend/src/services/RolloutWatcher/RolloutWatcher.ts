import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { matchesLabels, parseLabelSelector } from '@internal/plugin-portal-common';
import {
  entityTargets,
  TimeoutError,
  UpstreamError,
  type InfraService,
  type KubeReplicaSet,
  type KubeWorkload,
  type PdChangeEvent,
} from '@internal/plugin-infra-node';
import {
  rolloutSummary,
  type ClaimedChangeEvent,
  type NewRollout,
  type RolloutStore,
  type StoredRollout,
} from '../../database/RolloutStore';

export interface RolloutWatcherOptions {
  /** Send change events to PagerDuty (default true). Off: rollouts are still recorded. */
  changeEvents: boolean;
  /** Sends of one change event, in all, before it is given up (default 5). */
  maxAttempts: number;
  /** First wait before a failed send is tried again; doubles each time (default 60 s). */
  retryDelayMs: number;
  /** How long a replica's claim on a change event holds (default 5 minutes). */
  leaseMs: number;
  /** The portal's address (`app.baseUrl`), for a link to the entity in the change event. */
  appBaseUrl?: string;
}

export interface RolloutRunReport {
  firstSight: number;
  rollouts: number;
  sent: number;
  failed: number;
}

const tagOf = (image: string) => /:([^:/@]+)$/.exec(image)?.[1];

/**
 * Watches the Deployments of every cluster snapshot for rollouts and announces each one to the
 * on-call of the entities it changed, as a PagerDuty change event per PagerDuty service:
 * 1. detect — a Deployment seen for the first time is only recorded; a revision higher than the
 *    one recorded is a rollout, stored once (unique per Deployment and revision);
 * 2. plan — the catalog entities whose Kubernetes annotations select the Deployment, and one
 *    pending change event per PagerDuty service of theirs;
 * 3. send — each pending change event is claimed by one replica (a lease in the database) and
 *    sent; refusals that took nothing (429, 5xx) are tried again later, at most `maxAttempts`.
 * Every step is safe to run on several replicas at once: the database decides who does what.
 */
export class RolloutWatcher {
  constructor(
    private readonly deps: {
      store: RolloutStore;
      infra: InfraService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      options: RolloutWatcherOptions;
    },
  ) {}

  async run(now: () => Date = () => new Date()): Promise<RolloutRunReport> {
    const report: RolloutRunReport = { firstSight: 0, rollouts: 0, sent: 0, failed: 0 };
    for (const cluster of this.deps.infra.clusterNames()) {
      const found = await this.detect(cluster, now());
      report.firstSight += found.firstSight;
      report.rollouts += found.rollouts;
    }
    await this.plan();
    if (this.deps.options.changeEvents) {
      const sent = await this.send(now);
      report.sent = sent.sent;
      report.failed = sent.failed;
    }
    return report;
  }

  /** Compares a cluster's Deployments with the revisions recorded; records first sights and rollouts. */
  async detect(cluster: string, now: Date): Promise<{ firstSight: number; rollouts: number }> {
    const { infra, store } = this.deps;
    const [workloads, replicasets] = await Promise.all([
      infra.kubernetesResources(cluster, 'workloads'),
      infra.kubernetesResources(cluster, 'replicasets'),
    ]);
    // No snapshot (loading, unavailable): nothing is known, nothing is recorded.
    if (!workloads.data) return { firstSight: 0, rollouts: 0 };
    const deployments = workloads.data.filter(
      (w): w is KubeWorkload & { revision: string } => w.kind === 'Deployment' && /^\d+$/.test(w.revision ?? ''),
    );
    const known = await store.revisions(cluster);
    const firstSight = deployments
      .filter(d => !known.has(`${d.namespace}/${d.name}`))
      .map(d => ({ namespace: d.namespace, name: d.name, revision: Number(d.revision) }));
    await store.recordFirstSight(cluster, firstSight, now.toISOString());
    // The ReplicaSets are listed apart from the Deployments; a ReplicaSet listing older than the
    // Deployment listing may not hold the new revision's ReplicaSet yet. (Only while that listing
    // works: a failing one would hold the change events back for as long as it fails.)
    const replicaSetsBehind =
      replicasets.freshness.state === 'fresh' &&
      (replicasets.freshness.fetchedAt ?? '') < (workloads.freshness.fetchedAt ?? '');
    let rollouts = 0;
    for (const d of deployments) {
      const previous = known.get(`${d.namespace}/${d.name}`);
      const revision = Number(d.revision);
      // A lower revision is an older snapshot (another replica's, served stale): not a rollout.
      if (previous === undefined || revision <= previous) continue;
      const started = startedAt(d, replicasets.data);
      // When it started is the new ReplicaSet's creation: wait for a ReplicaSet listing as new as
      // the Deployments' rather than record this pass's time as the rollout's (a later pass
      // records it; the revision stays unrecorded until then).
      if (!started && replicasets.data && replicaSetsBehind) continue;
      const images = d.containers.map(c => c.image);
      const rollout: NewRollout = {
        cluster,
        namespace: d.namespace,
        name: d.name,
        revision,
        previousRevision: previous,
        images,
        version: images[0] ? tagOf(images[0]) : undefined,
        labels: d.labels,
        at: started ?? now.toISOString(),
      };
      await store.recordRollout(rollout, now.toISOString());
      rollouts += 1;
      this.deps.logger.info(`rollout seen: ${rolloutSummary(rollout)}`);
    }
    return { firstSight: firstSight.length, rollouts };
  }

  /** Resolves the entities and PagerDuty services of the rollouts not planned yet. */
  async plan(): Promise<void> {
    const { store } = this.deps;
    const pending = await store.unplanned();
    if (!pending.length) return;
    const entities = await this.kubernetesEntities();
    for (const rollout of pending) {
      const mine = entities.filter(e => selects(e, rollout));
      const serviceIds = [...new Set(mine.flatMap(e => entityTargets(e).pagerduty?.serviceIds ?? []))].sort();
      await store.plan(rollout.id, mine.map(e => stringifyEntityRef(e)).sort(), serviceIds);
    }
  }

  /** Sends the change events this replica can claim. */
  async send(now: () => Date): Promise<{ sent: number; failed: number }> {
    const { store, infra, logger, options } = this.deps;
    const claimed = await store.claimDue(now(), options.leaseMs);
    const routingKeys = new Map<string, string | undefined>();
    let sent = 0;
    let failed = 0;
    for (const c of claimed) {
      const attempts = c.attempts + 1;
      try {
        if (!routingKeys.has(c.serviceId)) routingKeys.set(c.serviceId, await infra.pagerDutyRoutingKey(c.serviceId));
        const routingKey = routingKeys.get(c.serviceId);
        if (!routingKey) {
          await store.markFailed(
            c.rollout.id,
            c.serviceId,
            c.attempts,
            `PagerDuty service ${c.serviceId} has no Events API v2 integration`,
          );
          failed += 1;
          continue;
        }
        await infra.sendPagerDutyChangeEvent(this.changeEvent(c, routingKey));
        await store.markSent(c.rollout.id, c.serviceId, attempts, now().toISOString());
        sent += 1;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // Only refusals that took nothing are tried again; a timeout may have delivered it.
        const again =
          e instanceof UpstreamError &&
          !(e instanceof TimeoutError) &&
          (e.status === undefined ? e.retryable : e.status === 429 || e.status >= 500) &&
          attempts < options.maxAttempts;
        const next = again
          ? new Date(now().getTime() + options.retryDelayMs * 2 ** (attempts - 1)).toISOString()
          : undefined;
        await store.markFailed(c.rollout.id, c.serviceId, attempts, message, next);
        logger.warn(
          `change event of ${rolloutSummary(c.rollout)} to PagerDuty service ${c.serviceId} failed ` +
            `(attempt ${attempts}${next ? `, again after ${next}` : ', given up'}): ${message}`,
        );
        if (!next) failed += 1;
      }
    }
    return { sent, failed };
  }

  private changeEvent(c: ClaimedChangeEvent, routingKey: string): PdChangeEvent {
    const r = c.rollout;
    const base = this.deps.options.appBaseUrl?.replace(/\/$/, '');
    return {
      routing_key: routingKey,
      payload: {
        summary: rolloutSummary(r),
        timestamp: r.at,
        source: `kubernetes/${r.cluster}/${r.namespace}/deployments/${r.name}`,
        custom_details: {
          cluster: r.cluster,
          namespace: r.namespace,
          deployment: r.name,
          revision: r.revision,
          previous_revision: r.previousRevision,
          images: r.images,
          entities: c.entityRefs,
        },
      },
      ...(base && c.entityRefs.length
        ? {
            links: c.entityRefs.map(ref => {
              const [kind, rest] = ref.split(':');
              const [namespace, name] = rest.split('/');
              return { href: `${base}/catalog/${namespace}/${kind}/${name}`, text: `${name} in the portal` };
            }),
          }
        : {}),
    };
  }

  /** The components with Kubernetes annotations (the workloads a rollout can belong to). */
  private async kubernetesEntities(): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'component' },
        fields: ['apiVersion', 'kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations'],
      },
      { credentials },
    );
    return items.filter(e => entityTargets(e).kubernetes);
  }
}

/** Whether an entity's Kubernetes annotations select the rollout's Deployment. */
function selects(entity: Entity, rollout: StoredRollout): boolean {
  const k = entityTargets(entity).kubernetes;
  if (!k) return false;
  if (k.clusters && !k.clusters.includes(rollout.cluster)) return false;
  if (k.namespace && k.namespace !== rollout.namespace) return false;
  try {
    return matchesLabels(parseLabelSelector(k.labelSelector), rollout.labels);
  } catch {
    return false;
  }
}

/** When the Deployment's ReplicaSet of its current revision was created. */
function startedAt(d: KubeWorkload, replicasets?: KubeReplicaSet[]): string | undefined {
  const rs = replicasets?.find(
    s =>
      s.namespace === d.namespace &&
      s.owner?.kind === 'Deployment' &&
      s.owner.name === d.name &&
      s.revision === d.revision,
  );
  return rs?.createdAt ? new Date(rs.createdAt).toISOString() : undefined;
}
