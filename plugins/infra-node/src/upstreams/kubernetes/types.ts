/**
 * Slim copies of the Kubernetes objects the portal reads: only the fields it shows, with plain
 * strings for times, so that they cache (memory or Redis) without surprises.
 */

export interface KubeMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  createdAt?: string;
  owner?: { kind: string; name: string };
}

export interface KubeContainerSpec {
  name: string;
  image: string;
  hasReadinessProbe: boolean;
  hasLivenessProbe: boolean;
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface KubeWorkload extends KubeMeta {
  kind: 'Deployment' | 'StatefulSet';
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  /** Pod template labels (what the workload's pods carry). */
  podLabels: Record<string, string>;
  selector: Record<string, string>;
  containers: KubeContainerSpec[];
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  revision?: string;
  generation?: number;
  observedGeneration?: number;
}

export interface KubeReplicaSet extends KubeMeta {
  revision?: string;
  replicas: number;
  readyReplicas: number;
  images: string[];
}

export interface KubeContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  waitingReason?: string;
  waitingMessage?: string;
  lastTerminationReason?: string;
  lastTerminationExitCode?: number;
  lastTerminatedAt?: string;
}

export interface KubePod extends KubeMeta {
  phase: string;
  node?: string;
  podIP?: string;
  startedAt?: string;
  ready: boolean;
  containers: KubeContainerStatus[];
}

export interface KubeHpa extends KubeMeta {
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  cpuUtilization?: number;
  cpuTarget?: number;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
}

export interface KubePdb extends KubeMeta {
  selector: Record<string, string>;
  minAvailable?: string | number;
  maxUnavailable?: string | number;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
}

export interface KubeService extends KubeMeta {
  type: string;
  clusterIP?: string;
  ports: Array<{ name?: string; port: number; targetPort?: string | number; protocol?: string }>;
  selector: Record<string, string>;
}

export interface KubeIngress extends KubeMeta {
  hosts: string[];
  paths: Array<{ host?: string; path?: string; service?: string; port?: string | number }>;
}

export interface KubeEvent extends KubeMeta {
  type: string;
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string; namespace?: string };
  count: number;
  lastSeen?: string;
}

/** A Namespace: its labels carry the owning team (`platform-portal.io/owner`). */
export interface KubeNamespace extends KubeMeta {
  phase: string;
}

export interface KubeResourceMap {
  namespaces: KubeNamespace[];
  workloads: KubeWorkload[];
  replicasets: KubeReplicaSet[];
  pods: KubePod[];
  hpas: KubeHpa[];
  pdbs: KubePdb[];
  services: KubeService[];
  ingresses: KubeIngress[];
  events: KubeEvent[];
}

export type KubeResourceKind = keyof KubeResourceMap;

/** Kinds readable as plain API objects (`InfraService.kubernetesObjects`). */
export type KubeObjectKind =
  | 'deployments'
  | 'statefulsets'
  | 'horizontalpodautoscalers'
  | 'poddisruptionbudgets'
  | 'services';
