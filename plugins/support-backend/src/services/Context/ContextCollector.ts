import type { AuthService, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { Freshness } from '@internal/plugin-infra-common';
import type { InfraService } from '@internal/plugin-infra-node';
import type { ContextPart, ContextSnapshot, FreshnessState, SupportMessage } from '@internal/plugin-support-common';

const PART_TIMEOUT_MS = 15_000;
const MAX_ITEMS = 20;

function stateOf(f: Freshness | undefined): FreshnessState {
  if (!f) return 'unavailable';
  if (f.state === 'not-configured') return 'none';
  // Nothing cached yet, the first background listing still running: nothing to attach.
  if (f.state === 'loading') return 'unavailable';
  return f.state;
}

function fromFreshness<T>(f: Freshness | undefined, data: T | undefined): ContextPart<T> {
  return {
    state: stateOf(f),
    ...(f?.fetchedAt ? { fetchedAt: f.fetchedAt } : {}),
    ...(f?.error ? failure(f.error) : {}),
    ...(data !== undefined && f?.state !== 'unavailable' ? { data } : {}),
  };
}

class TimeoutError extends Error {}

/** Why a part is missing: the English text (`error`) and its code with parameters. */
function failure(error: unknown): Pick<ContextPart<never>, 'error' | 'errorCode' | 'errorParams'> {
  const message: SupportMessage =
    error instanceof TimeoutError
      ? { code: 'contextTimeout', params: { seconds: PART_TIMEOUT_MS / 1000 } }
      : { code: 'contextFailed', params: { message: String((error as Error)?.message ?? error).slice(0, 500) } };
  return {
    error: error instanceof TimeoutError ? error.message : String(message.params!.message),
    errorCode: message.code,
    errorParams: message.params,
  };
}

const unavailable = (error: unknown): ContextPart<never> => ({ state: 'unavailable', ...failure(error) });

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new TimeoutError(`${what} did not answer within ${PART_TIMEOUT_MS / 1000}s`)),
        PART_TIMEOUT_MS,
      ).unref?.(),
    ),
  ]);
}

/**
 * Takes the context snapshot of a request when it is filed: owning team, on-call, SLO state,
 * Kubernetes problems, deploys and open incidents. Never throws: a part that cannot be read is
 * recorded as unavailable, with why.
 */
export class ContextCollector {
  constructor(
    private readonly deps: {
      infra: InfraService;
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async collect(entity: Entity | undefined): Promise<ContextSnapshot> {
    const takenAt = new Date().toISOString();
    const none: ContextPart<never> = { state: 'none' };
    if (!entity) {
      return { takenAt, owner: none, oncall: none, slo: none, kubernetes: none, deploys: none, incidents: none };
    }
    const entityRef = stringifyEntityRef(entity);
    const owner = this.owner(entity);
    const [overview, slo] = await Promise.all([
      withTimeout(this.deps.infra.entityOverview(entity), 'infra').catch(e => {
        this.deps.logger.warn(`support: context of ${entityRef}: infra overview failed: ${e}`);
        return e as Error;
      }),
      this.slo(entity),
    ]);
    if (overview instanceof Error) {
      const u = unavailable(overview);
      return { takenAt, entityRef, owner, oncall: u, slo, kubernetes: u, deploys: u, incidents: u };
    }
    const problems = (overview.kubernetes.data?.clusters ?? []).flatMap(c =>
      c.workloads.flatMap(w =>
        w.problems
          .filter(p => p.code !== 'NoProbes' && p.code !== 'NoPodDisruptionBudget')
          .map(p => ({
            cluster: c.cluster,
            workload: w.name,
            namespace: w.namespace,
            code: p.code,
            ...(p.pod ? { pod: p.pod } : {}),
            ...(p.container ? { container: p.container } : {}),
            ...(p.detail ? { detail: p.detail.slice(0, 300) } : {}),
          })),
      ),
    );
    return {
      takenAt,
      entityRef,
      owner,
      oncall: fromFreshness(
        overview.oncall.freshness,
        overview.oncall.data?.slice(0, MAX_ITEMS).map(o => ({
          level: o.level,
          name: o.user.name,
          ...(o.user.email ? { email: o.user.email } : {}),
          policy: o.escalationPolicy.name,
          ...(o.user.url ? { url: o.user.url } : {}),
        })),
      ),
      slo,
      kubernetes: fromFreshness(overview.kubernetes.freshness, problems.slice(0, MAX_ITEMS)),
      deploys: fromFreshness(
        overview.deploys.freshness,
        overview.deploys.data?.slice(0, 5).map(d => ({
          title: d.title,
          at: d.at,
          ...(d.version ? { version: d.version } : {}),
          ...(d.cluster ? { cluster: d.cluster } : {}),
        })),
      ),
      incidents: fromFreshness(
        overview.incidents.freshness,
        overview.incidents.data?.open.slice(0, MAX_ITEMS).map(i => ({
          id: i.id,
          number: i.number,
          title: i.title,
          status: i.status,
          createdAt: i.createdAt,
          ...(i.url ? { url: i.url } : {}),
        })),
      ),
    };
  }

  private owner(entity: Entity): ContextSnapshot['owner'] {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string' || !owner) return { state: 'none' };
    try {
      const ref = stringifyEntityRef(
        parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }),
      );
      return { state: 'fresh', fetchedAt: new Date().toISOString(), data: { ownerRef: ref } };
    } catch (e) {
      return unavailable(e);
    }
  }

  /** The SLO state from the slo backend, with this plugin's own service token. */
  private async slo(entity: Entity): Promise<ContextSnapshot['slo']> {
    if (!(entity.spec as { slo?: unknown } | undefined)?.slo) return { state: 'none' };
    try {
      const { auth, discovery } = this.deps;
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'slo',
      });
      const base = await discovery.getBaseUrl('slo');
      const path = [entity.kind.toLowerCase(), entity.metadata.namespace ?? 'default', entity.metadata.name]
        .map(encodeURIComponent)
        .join('/');
      const res = await fetch(`${base}/entities/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(PART_TIMEOUT_MS),
      });
      if (!res.ok) {
        return {
          state: 'unavailable',
          error: `slo backend answered ${res.status}`,
          errorCode: 'contextSloStatus',
          errorParams: { status: res.status },
        };
      }
      const slo = (await res.json()) as {
        objective: number;
        sli: number;
        budget: { remainingRatio: number };
        policy: string;
        alertState: string;
        burnRates: Record<string, number>;
        freshness?: Freshness;
      };
      return {
        state: stateOf(slo.freshness) === 'none' ? 'fresh' : stateOf(slo.freshness),
        fetchedAt: slo.freshness?.fetchedAt ?? new Date().toISOString(),
        ...(slo.freshness?.error ? failure(slo.freshness.error) : {}),
        data: {
          objective: slo.objective,
          sli: slo.sli,
          budgetRemainingRatio: slo.budget?.remainingRatio,
          policy: typeof slo.policy === 'string' ? slo.policy : (slo.policy as any)?.state,
          alertState: slo.alertState,
          burnRates: slo.burnRates ?? {},
        },
      };
    } catch (e) {
      this.deps.logger.warn(`support: SLO of ${stringifyEntityRef(entity)} unavailable: ${e}`);
      return unavailable(e);
    }
  }
}

/** For unit tests and callers without an entity. */
export type { Entity };
