import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  Observable,
  PolicyV1Api,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { UpstreamError, isRetryableStatus, retryAfterFromHeaders } from '../../resilience/errors';
import { DEFAULT_PAGE_LIMITS, PageGuard } from '../../resilience/paging';
import type { KubernetesClusterConfig } from '../../config';
import { toEvent, toHpa, toIngress, toNamespace, toPdb, toPod, toReplicaSet, toService, toWorkload } from './convert';
import type { KubeObjectKind, KubeResourceKind, KubeResourceMap } from './types';

const PAGE_SIZE = 500;

type PageCall<T> = (
  p: { limit: number; _continue?: string },
  options?: ConfigurationOptions,
) => Promise<{ items: T[]; metadata?: { _continue?: string } }>;

/** Per-call client options that hand the attempt's signal to fetch (a timeout cancels the page). */
function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** Turns the client's exceptions into UpstreamErrors with the upstream's retry advice. */
export function kubernetesError(e: unknown): UpstreamError {
  if (e instanceof UpstreamError) return e;
  if (e instanceof ApiException) {
    const headers = (e.headers ?? {}) as Record<string, string>;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof e.body === 'string' ? safeJson(e.body) : e.body;
    const message = (body as { message?: string })?.message ?? `HTTP ${e.code}`;
    return new UpstreamError(`Kubernetes API ${e.code}: ${message}`, {
      status: e.code,
      retryable: isRetryableStatus(e.code),
      retryAfterMs: e.code === 429 ? retryAfterFromHeaders(n => lower[n]) : undefined,
    });
  }
  return new UpstreamError(`Kubernetes API unreachable: ${(e as Error)?.message ?? e}`, {
    retryable: true,
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** One cluster, read through the official client with a service-account token or kubeconfig. */
export class KubernetesCluster {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly autoscaling: AutoscalingV2Api;
  private readonly policy: PolicyV1Api;
  private readonly networking: NetworkingV1Api;

  constructor(readonly config: KubernetesClusterConfig) {
    const kc = new KubeConfig();
    if (config.kubeconfigPath) {
      kc.loadFromFile(config.kubeconfigPath);
      if (config.kubeconfigContext) kc.setCurrentContext(config.kubeconfigContext);
    } else {
      kc.loadFromOptions({
        clusters: [
          {
            name: config.name,
            server: config.url,
            caData: config.caData,
            skipTLSVerify: config.skipTLSVerify ?? false,
          },
        ],
        users: [{ name: 'portal', token: config.serviceAccountToken }],
        contexts: [{ name: config.name, cluster: config.name, user: 'portal' }],
        currentContext: config.name,
      });
    }
    this.apps = kc.makeApiClient(AppsV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
    this.autoscaling = kc.makeApiClient(AutoscalingV2Api);
    this.policy = kc.makeApiClient(PolicyV1Api);
    this.networking = kc.makeApiClient(NetworkingV1Api);
  }

  get name() {
    return this.config.name;
  }

  /**
   * Lists one kind of object across all namespaces, following `continue` tokens (at most
   * `maxPages` pages; a repeated token fails the listing). `signal` cancels the page in flight.
   */
  async list<K extends KubeResourceKind>(kind: K, signal?: AbortSignal): Promise<KubeResourceMap[K]> {
    try {
      return (await this.listUnsafe(kind, signal)) as KubeResourceMap[K];
    } catch (e) {
      if (signal?.aborted) throw signal.reason ?? e;
      throw kubernetesError(e);
    }
  }

  private async listUnsafe(kind: KubeResourceKind, signal?: AbortSignal): Promise<unknown[]> {
    const paged = <T>(operation: string, page: PageCall<T>) => this.paged(operation, page, signal);
    switch (kind) {
      case 'namespaces':
        return (await paged('namespaces', (p, o) => this.core.listNamespace(p, o))).map(toNamespace);
      case 'workloads': {
        const [deployments, statefulsets] = await Promise.all([
          paged('deployments', (p, o) => this.apps.listDeploymentForAllNamespaces(p, o)),
          paged('statefulsets', (p, o) => this.apps.listStatefulSetForAllNamespaces(p, o)),
        ]);
        return [
          ...deployments.map(d => toWorkload(d, 'Deployment')),
          ...statefulsets.map(s => toWorkload(s, 'StatefulSet')),
        ];
      }
      case 'replicasets':
        return (await paged('replicasets', (p, o) => this.apps.listReplicaSetForAllNamespaces(p, o))).map(toReplicaSet);
      case 'pods':
        return (await paged('pods', (p, o) => this.core.listPodForAllNamespaces(p, o))).map(toPod);
      case 'hpas':
        return (
          await paged('horizontalpodautoscalers', (p, o) =>
            this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p, o),
          )
        ).map(toHpa);
      case 'pdbs':
        return (
          await paged('poddisruptionbudgets', (p, o) => this.policy.listPodDisruptionBudgetForAllNamespaces(p, o))
        ).map(toPdb);
      case 'services':
        return (await paged('services', (p, o) => this.core.listServiceForAllNamespaces(p, o))).map(toService);
      case 'ingresses':
        return (await paged('ingresses', (p, o) => this.networking.listIngressForAllNamespaces(p, o))).map(toIngress);
      case 'events':
        return (await paged('events', (p, o) => this.core.listEventForAllNamespaces(p, o))).map(toEvent);
      default:
        throw new Error(`unknown kind ${kind}`);
    }
  }

  /**
   * Lists one kind of object across all namespaces as the API server's plain JSON (every field,
   * no conversion): for readers that inspect pod specs in full (production-readiness checks).
   */
  async listObjects(kind: KubeObjectKind, signal?: AbortSignal): Promise<Array<Record<string, unknown>>> {
    const paged = <T>(operation: string, page: PageCall<T>) => this.paged(operation, page, signal);
    const plain = (items: unknown[], apiVersion: string, k: string) =>
      items.map(i => ({ apiVersion, kind: k, ...(JSON.parse(JSON.stringify(i)) as Record<string, unknown>) }));
    try {
      switch (kind) {
        case 'deployments':
          return plain(
            await paged('deployments', (p, o) => this.apps.listDeploymentForAllNamespaces(p, o)),
            'apps/v1',
            'Deployment',
          );
        case 'statefulsets':
          return plain(
            await paged('statefulsets', (p, o) => this.apps.listStatefulSetForAllNamespaces(p, o)),
            'apps/v1',
            'StatefulSet',
          );
        case 'horizontalpodautoscalers':
          return plain(
            await paged('horizontalpodautoscalers', (p, o) =>
              this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p, o),
            ),
            'autoscaling/v2',
            'HorizontalPodAutoscaler',
          );
        case 'poddisruptionbudgets':
          return plain(
            await paged('poddisruptionbudgets', (p, o) => this.policy.listPodDisruptionBudgetForAllNamespaces(p, o)),
            'policy/v1',
            'PodDisruptionBudget',
          );
        case 'services':
          return plain(await paged('services', (p, o) => this.core.listServiceForAllNamespaces(p, o)), 'v1', 'Service');
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    } catch (e) {
      if (signal?.aborted) throw signal.reason ?? e;
      throw kubernetesError(e);
    }
  }

  /**
   * Follows `continue` tokens: at most `maxPages` pages, and a token the server already gave
   * fails the listing (a server that repeats or cycles its tokens would be paged without end).
   */
  private async paged<T>(operation: string, page: PageCall<T>, signal?: AbortSignal): Promise<T[]> {
    const guard = new PageGuard(
      `Kubernetes cluster ${this.name}`,
      `list ${operation}`,
      this.config.maxPages ?? DEFAULT_PAGE_LIMITS.kubernetes,
      signal,
    );
    const options = signal ? withSignal(signal) : undefined;
    const out: T[] = [];
    let token: string | undefined;
    do {
      guard.next(token);
      const res = await page({ limit: PAGE_SIZE, ...(token ? { _continue: token } : {}) }, options);
      out.push(...res.items);
      token = res.metadata?._continue || undefined;
    } while (token);
    return out;
  }

  /** A container's log: the current one, or the previous (crashed) one. */
  async podLog(options: {
    namespace: string;
    pod: string;
    container?: string;
    previous?: boolean;
    tailLines?: number;
  }): Promise<string> {
    try {
      return await this.core.readNamespacedPodLog({
        namespace: options.namespace,
        name: options.pod,
        container: options.container,
        previous: options.previous,
        tailLines: options.tailLines,
        timestamps: true,
      });
    } catch (e) {
      throw kubernetesError(e);
    }
  }
}
