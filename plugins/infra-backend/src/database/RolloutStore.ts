import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { RolloutChangeEvent, RolloutDeploy } from '@internal/plugin-infra-common';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@internal/plugin-infra-backend', 'migrations');

const REVISIONS = 'infra_deployment_revisions';
const ROLLOUTS = 'infra_rollouts';
const ENTITIES = 'infra_rollout_entities';
const EVENTS = 'infra_change_events';

/** Rows per INSERT (6 columns each: well under SQLite's and PostgreSQL's parameter limits). */
const BATCH = 100;

/** A Deployment revision as a cluster snapshot shows it. */
export interface SeenDeployment {
  namespace: string;
  name: string;
  revision: number;
}

/** A rollout as detected, before it is stored. */
export interface NewRollout {
  cluster: string;
  namespace: string;
  name: string;
  revision: number;
  previousRevision: number;
  images: string[];
  version?: string;
  labels: Record<string, string>;
  at: string;
}

export interface StoredRollout extends NewRollout {
  id: number;
  detectedAt: string;
}

/** A change event a replica claimed and now sends. */
export interface ClaimedChangeEvent {
  rollout: StoredRollout;
  serviceId: string;
  attempts: number;
  entityRefs: string[];
}

const toRollout = (r: any): StoredRollout => ({
  id: Number(r.id),
  cluster: r.cluster,
  namespace: r.namespace,
  name: r.name,
  revision: Number(r.revision),
  previousRevision: Number(r.previous_revision),
  images: JSON.parse(r.images),
  ...(r.version ? { version: r.version } : {}),
  labels: JSON.parse(r.labels),
  at: r.at,
  detectedAt: r.detected_at,
});

/**
 * Rollouts of Deployments and their PagerDuty change events (tables `infra_deployment_revisions`,
 * `infra_rollouts`, `infra_rollout_entities`, `infra_change_events`). Every write that must happen
 * once across replicas is an insert on a unique key that ignores conflicts, or an update guarded
 * by the row's state: replicas that race do the same thing at most once.
 */
export class RolloutStore {
  static async create(options: { database: DatabaseService }): Promise<RolloutStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new RolloutStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** The last revision seen of each Deployment of a cluster, keyed `namespace/name`. */
  async revisions(cluster: string): Promise<Map<string, number>> {
    const rows = await this.db(REVISIONS).where({ cluster }).select('namespace', 'name', 'revision');
    return new Map(rows.map(r => [`${r.namespace}/${r.name}`, Number(r.revision)]));
  }

  /** Records Deployments seen for the first time (a replica that recorded them first wins). */
  async recordFirstSight(cluster: string, seen: SeenDeployment[], at: string): Promise<void> {
    const rows = seen.map(d => ({ cluster, namespace: d.namespace, name: d.name, revision: d.revision, seen_at: at }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.db(REVISIONS)
        .insert(rows.slice(i, i + BATCH))
        .onConflict(['cluster', 'namespace', 'name'])
        .ignore();
    }
  }

  /**
   * Records a rollout once (its unique key is the Deployment and the new revision) and moves the
   * Deployment's last seen revision forward (never back: a stale snapshot changes nothing).
   */
  async recordRollout(rollout: NewRollout, detectedAt: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(ROLLOUTS)
        .insert({
          cluster: rollout.cluster,
          namespace: rollout.namespace,
          name: rollout.name,
          revision: rollout.revision,
          previous_revision: rollout.previousRevision,
          images: JSON.stringify(rollout.images),
          version: rollout.version ?? null,
          labels: JSON.stringify(rollout.labels),
          at: rollout.at,
          detected_at: detectedAt,
          planned: false,
        })
        .onConflict(['cluster', 'namespace', 'name', 'revision'])
        .ignore();
      await tx(REVISIONS)
        .where({ cluster: rollout.cluster, namespace: rollout.namespace, name: rollout.name })
        .where('revision', '<', rollout.revision)
        .update({ revision: rollout.revision, seen_at: detectedAt });
    });
  }

  /** Rollouts whose entities and change events are not resolved yet, oldest first. */
  async unplanned(limit = 100): Promise<StoredRollout[]> {
    const rows = await this.db(ROLLOUTS).where({ planned: false }).orderBy('id').limit(limit);
    return rows.map(toRollout);
  }

  /**
   * Records the entities a rollout changed and one pending change event per PagerDuty service.
   * Idempotent: a second replica planning the same rollout adds nothing.
   */
  async plan(rolloutId: number, entityRefs: string[], serviceIds: string[]): Promise<void> {
    await this.db.transaction(async tx => {
      if (entityRefs.length) {
        await tx(ENTITIES)
          .insert(entityRefs.map(entity_ref => ({ rollout_id: rolloutId, entity_ref })))
          .onConflict(['rollout_id', 'entity_ref'])
          .ignore();
      }
      if (serviceIds.length) {
        await tx(EVENTS)
          .insert(serviceIds.map(service_id => ({ rollout_id: rolloutId, service_id, status: 'pending', attempts: 0 })))
          .onConflict(['rollout_id', 'service_id'])
          .ignore();
      }
      await tx(ROLLOUTS).where({ id: rolloutId }).update({ planned: true });
    });
  }

  /**
   * Claims change events due for sending: pending, due, and not claimed by another replica within
   * `leaseMs`. A claim is an update guarded by those conditions; only the replica whose update
   * changed the row sends it.
   */
  async claimDue(now: Date, leaseMs: number, limit = 50): Promise<ClaimedChangeEvent[]> {
    const at = now.toISOString();
    const free = (q: Knex.QueryBuilder) =>
      q
        .where('status', 'pending')
        .where(w => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', at))
        .where(w => w.whereNull('claimed_until').orWhere('claimed_until', '<', at));
    const candidates = await free(this.db(EVENTS).select('rollout_id', 'service_id', 'attempts'))
      .orderBy('rollout_id')
      .limit(limit);
    const claimed: ClaimedChangeEvent[] = [];
    for (const c of candidates) {
      const changed = await free(this.db(EVENTS).where({ rollout_id: c.rollout_id, service_id: c.service_id })).update({
        claimed_until: new Date(now.getTime() + leaseMs).toISOString(),
      });
      if (changed !== 1) continue;
      const rollout = await this.db(ROLLOUTS).where({ id: c.rollout_id }).first();
      const entities = await this.db(ENTITIES)
        .where({ rollout_id: c.rollout_id })
        .orderBy('entity_ref')
        .pluck('entity_ref');
      claimed.push({
        rollout: toRollout(rollout),
        serviceId: c.service_id,
        attempts: Number(c.attempts),
        entityRefs: entities,
      });
    }
    return claimed;
  }

  async markSent(rolloutId: number, serviceId: string, attempts: number, at: string): Promise<void> {
    await this.db(EVENTS)
      .where({ rollout_id: rolloutId, service_id: serviceId })
      .update({ status: 'sent', attempts, sent_at: at, claimed_until: null, last_error: null, next_attempt_at: null });
  }

  /** A failed send: tried again from `nextAttemptAt`, or given up (`status: failed`) without one. */
  async markFailed(
    rolloutId: number,
    serviceId: string,
    attempts: number,
    error: string,
    nextAttemptAt?: string,
  ): Promise<void> {
    await this.db(EVENTS)
      .where({ rollout_id: rolloutId, service_id: serviceId })
      .update({
        status: nextAttemptAt ? 'pending' : 'failed',
        attempts,
        last_error: error.slice(0, 2000),
        claimed_until: null,
        next_attempt_at: nextAttemptAt ?? null,
      });
  }

  /**
   * The rollouts of an entity's Deployments that started in `[from, to)`, oldest first, at most
   * `limit` (the oldest `limit` of the window; `truncated` when there were more).
   */
  async forEntity(
    entityRef: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<{ items: Array<StoredRollout & { changeEvents: RolloutChangeEvent[] }>; truncated: boolean }> {
    const rows = await this.db(ROLLOUTS)
      .join(ENTITIES, `${ENTITIES}.rollout_id`, `${ROLLOUTS}.id`)
      .where(`${ENTITIES}.entity_ref`, entityRef)
      .where(`${ROLLOUTS}.at`, '>=', from)
      .where(`${ROLLOUTS}.at`, '<', to)
      .orderBy([{ column: `${ROLLOUTS}.at` }, { column: `${ROLLOUTS}.id` }])
      .limit(limit + 1)
      .select(`${ROLLOUTS}.*`);
    const truncated = rows.length > limit;
    const rollouts = rows.slice(0, limit).map(toRollout);
    const events = rollouts.length
      ? await this.db(EVENTS)
          .whereIn(
            'rollout_id',
            rollouts.map(r => r.id),
          )
          .orderBy(['rollout_id', 'service_id'])
      : [];
    return {
      truncated,
      items: rollouts.map(r => ({
        ...r,
        changeEvents: events
          .filter(e => Number(e.rollout_id) === r.id)
          .map(
            (e): RolloutChangeEvent => ({
              serviceId: e.service_id,
              status: e.status,
              attempts: Number(e.attempts),
              ...(e.sent_at ? { sentAt: e.sent_at } : {}),
              ...(e.last_error ? { error: e.last_error } : {}),
            }),
          ),
      })),
    };
  }
}

/** The wire form of a stored rollout. */
export function toDeploy(r: StoredRollout & { changeEvents: RolloutChangeEvent[] }): RolloutDeploy {
  return {
    id: `rollout:${r.id}`,
    title: rolloutSummary(r),
    at: r.at,
    detectedAt: r.detectedAt,
    cluster: r.cluster,
    namespace: r.namespace,
    deployment: r.name,
    revision: r.revision,
    previousRevision: r.previousRevision,
    ...(r.version ? { version: r.version } : {}),
    images: r.images,
    changeEvents: r.changeEvents,
  };
}

/** `Deployed cart-service v1.30.0 to aws-tokyo (checkout, revision 5)`. */
export function rolloutSummary(r: NewRollout): string {
  return `Deployed ${r.name}${r.version ? ` ${r.version}` : ''} to ${r.cluster} (${r.namespace}, revision ${
    r.revision
  })`;
}
