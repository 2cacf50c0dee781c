import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  PolicyV1Api,
} from '@kubernetes/client-node';
import { UpstreamError, isRetryableStatus, retryAfterFromHeaders } from '../../resilience/errors';
import type { KubernetesClusterConfig } from '../../config';
import {
  toEvent,
  toHpa,
  toIngress,
  toNamespace,
  toPdb,
  toPod,
  toReplicaSet,
  toService,
  toWorkload,
} from './convert';
import type { KubeObjectKind, KubeResourceKind, KubeResourceMap } from './types';

const PAGE_SIZE = 500;

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

  /** Lists one kind of object across all namespaces, following `continue` tokens. */
  async list<K extends KubeResourceKind>(kind: K): Promise<KubeResourceMap[K]> {
    try {
      return (await this.listUnsafe(kind)) as KubeResourceMap[K];
    } catch (e) {
      throw kubernetesError(e);
    }
  }

  private async listUnsafe(kind: KubeResourceKind): Promise<unknown[]> {
    switch (kind) {
      case 'namespaces':
        return (await this.paged(p => this.core.listNamespace(p))).map(toNamespace);
      case 'workloads': {
        const [deployments, statefulsets] = await Promise.all([
          this.paged(p => this.apps.listDeploymentForAllNamespaces(p)),
          this.paged(p => this.apps.listStatefulSetForAllNamespaces(p)),
        ]);
        return [
          ...deployments.map(d => toWorkload(d, 'Deployment')),
          ...statefulsets.map(s => toWorkload(s, 'StatefulSet')),
        ];
      }
      case 'replicasets':
        return (await this.paged(p => this.apps.listReplicaSetForAllNamespaces(p))).map(toReplicaSet);
      case 'pods':
        return (await this.paged(p => this.core.listPodForAllNamespaces(p))).map(toPod);
      case 'hpas':
        return (
          await this.paged(p => this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p))
        ).map(toHpa);
      case 'pdbs':
        return (await this.paged(p => this.policy.listPodDisruptionBudgetForAllNamespaces(p))).map(toPdb);
      case 'services':
        return (await this.paged(p => this.core.listServiceForAllNamespaces(p))).map(toService);
      case 'ingresses':
        return (await this.paged(p => this.networking.listIngressForAllNamespaces(p))).map(toIngress);
      case 'events':
        return (await this.paged(p => this.core.listEventForAllNamespaces(p))).map(toEvent);
      default:
        throw new Error(`unknown kind ${kind}`);
    }
  }

  /**
   * Lists one kind of object across all namespaces as the API server's plain JSON (every field,
   * no conversion): for readers that inspect pod specs in full (production-readiness checks).
   */
  async listObjects(kind: KubeObjectKind): Promise<Array<Record<string, unknown>>> {
    const plain = (items: unknown[], apiVersion: string, k: string) =>
      items.map(i => ({ apiVersion, kind: k, ...(JSON.parse(JSON.stringify(i)) as Record<string, unknown>) }));
    try {
      switch (kind) {
        case 'deployments':
          return plain(await this.paged(p => this.apps.listDeploymentForAllNamespaces(p)), 'apps/v1', 'Deployment');
        case 'statefulsets':
          return plain(await this.paged(p => this.apps.listStatefulSetForAllNamespaces(p)), 'apps/v1', 'StatefulSet');
        case 'horizontalpodautoscalers':
          return plain(
            await this.paged(p => this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p)),
            'autoscaling/v2',
            'HorizontalPodAutoscaler',
          );
        case 'poddisruptionbudgets':
          return plain(
            await this.paged(p => this.policy.listPodDisruptionBudgetForAllNamespaces(p)),
            'policy/v1',
            'PodDisruptionBudget',
          );
        case 'services':
          return plain(await this.paged(p => this.core.listServiceForAllNamespaces(p)), 'v1', 'Service');
        default:
          throw new Error(`unknown kind ${kind}`);
      }
    } catch (e) {
      throw kubernetesError(e);
    }
  }

  private async paged<T>(
    page: (p: { limit: number; _continue?: string }) => Promise<{ items: T[]; metadata?: { _continue?: string } }>,
  ): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const res = await page({ limit: PAGE_SIZE, ...(token ? { _continue: token } : {}) });
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
