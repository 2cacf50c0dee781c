/** Wire types of the `infra` plugin's REST API, shared by its backend and frontend. */

export type SourceName = 'kubernetes' | 'datadog' | 'pagerduty';

/**
 * How current a piece of data is:
 * - `fresh`: fetched within its time-to-live;
 * - `stale`: the upstream failed (or its breaker is open) and a cached copy is served;
 * - `unavailable`: the upstream failed and nothing is cached;
 * - `loading`: nothing is cached yet and the first background listing is still running (a cold
 *   start against a large or slow upstream): not an error, the data appears after the refresh;
 * - `not-configured`: the entity has no annotation for this source.
 */
export type FreshnessState = 'fresh' | 'stale' | 'unavailable' | 'loading' | 'not-configured';

export interface Freshness {
  state: FreshnessState;
  /** When the data was fetched from the upstream (ISO 8601). */
  fetchedAt?: string;
  /** Age of the data in seconds when the response was built. */
  ageSeconds?: number;
  /** Why the upstream could not be read (for stale and unavailable). A stale answer without an
   * error is a snapshot past its time-to-live whose background refresh is still running. */
  error?: string;
}

export interface Sourced<T> {
  freshness: Freshness;
  data?: T;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface UpstreamHealth {
  /** `kubernetes/<cluster>`, `datadog` or `pagerduty`. */
  name: string;
  source: SourceName;
  cluster?: string;
  /** `healthy` when the last call succeeded, `degraded` when calls fail, `down` when the breaker is open. */
  status: 'healthy' | 'degraded' | 'down' | 'unknown';
  lastLatencyMs?: number;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  breaker: BreakerState;
  calls: number;
  failures: number;
  cache: { hits: number; misses: number; staleServed: number; hitRatio: number };
}

export interface InfraHealth {
  status: 'healthy' | 'degraded' | 'down';
  /** True when the portal reads the local simulators, not the real services. */
  sandbox: boolean;
  checkedAt: string;
  upstreams: UpstreamHealth[];
}

export type WorkloadProblemCode =
  | 'CrashLoopBackOff'
  | 'OOMKilled'
  | 'ImagePullBackOff'
  | 'ReadinessFailing'
  | 'HpaAtMax'
  | 'RolloutStuck'
  | 'NoProbes'
  | 'NoPodDisruptionBudget';

export interface WorkloadProblem {
  code: WorkloadProblemCode;
  pod?: string;
  container?: string;
  /** The upstream's own words (reason/message), for the hint's details. */
  detail?: string;
}

export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  node?: string;
  startedAt?: string;
  waitingReason?: string;
  lastTerminationReason?: string;
}

export interface WorkloadSummary {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  namespace: string;
  desiredReplicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  restarts: number;
  rolloutInProgress: boolean;
  images: string[];
  hpa?: { minReplicas: number; maxReplicas: number; currentReplicas: number; atMax: boolean };
  pods: PodSummary[];
  problems: WorkloadProblem[];
}

export interface ClusterWorkloads {
  cluster: string;
  freshness: Freshness;
  workloads: WorkloadSummary[];
}

export interface OnCallEntry {
  escalationPolicy: { id: string; name: string; url?: string };
  level: number;
  user: { id: string; name: string; email?: string; url?: string };
  schedule?: { id: string; name: string };
  start?: string;
  end?: string;
}

export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: string;
  serviceId: string;
  serviceName?: string;
  createdAt: string;
  resolvedAt?: string;
  url?: string;
  assignees: string[];
}

export interface MonitorSummary {
  id: number;
  name: string;
  type: string;
  state: string;
  url?: string;
  tags: string[];
}

export interface DeploySummary {
  id: string;
  title: string;
  at: string;
  version?: string;
  cluster?: string;
  url?: string;
}

export interface EntityOverview {
  entityRef: string;
  sandbox: boolean;
  generatedAt: string;
  kubernetes: Sourced<{ clusters: ClusterWorkloads[] }>;
  oncall: Sourced<OnCallEntry[]>;
  incidents: Sourced<{ open: IncidentSummary[]; recent: IncidentSummary[] }>;
  monitors: Sourced<MonitorSummary[]>;
  deploys: Sourced<DeploySummary[]>;
}

export interface ContainerDetail {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
  state: string;
  waitingReason?: string;
  lastTerminationReason?: string;
  lastTerminationExitCode?: number;
  lastTerminatedAt?: string;
}

export interface PodDetail extends PodSummary {
  namespace: string;
  owner?: string;
  podIP?: string;
  containers: ContainerDetail[];
}

export interface RolloutRevision {
  replicaSet: string;
  revision?: string;
  images: string[];
  replicas: number;
  createdAt?: string;
}

export interface ClusterDetail {
  cluster: string;
  freshness: Freshness;
  consoleUrl?: string;
  workloads: Array<WorkloadSummary & { rollouts: RolloutRevision[] }>;
  pods: PodDetail[];
  hpas: Array<{
    name: string;
    target: string;
    minReplicas: number;
    maxReplicas: number;
    currentReplicas: number;
    cpuUtilization?: number;
    cpuTarget?: number;
  }>;
  pdbs: Array<{
    name: string;
    minAvailable?: string | number;
    maxUnavailable?: string | number;
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
  }>;
  services: Array<{ name: string; type: string; clusterIP?: string; ports: string[] }>;
  ingresses: Array<{ name: string; hosts: string[]; paths: string[] }>;
  events: Array<{
    type: string;
    reason: string;
    message: string;
    object: string;
    count: number;
    lastSeen?: string;
  }>;
}

export interface EntityKubernetes {
  entityRef: string;
  sandbox: boolean;
  freshness: Freshness;
  clusters: ClusterDetail[];
}

export type ServiceHealth = 'ok' | 'warning' | 'critical' | 'unknown';

export interface TeamServiceSummary {
  entityRef: string;
  name: string;
  title?: string;
  type?: string;
  health: ServiceHealth;
  readyReplicas: number;
  desiredReplicas: number;
  problems: WorkloadProblemCode[];
  openIncidents: number;
  alertingMonitors: number;
}

export interface TeamSummary {
  entityRef: string;
  sandbox: boolean;
  generatedAt: string;
  freshness: Record<SourceName, Freshness>;
  services: TeamServiceSummary[];
  oncall: OnCallEntry[];
  openIncidents: IncidentSummary[];
}

/** How the PagerDuty change event of a rollout to one PagerDuty service went. */
export interface RolloutChangeEvent {
  serviceId: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt?: string;
  error?: string;
}

/**
 * A rollout the portal saw in a cluster: a Deployment's `deployment.kubernetes.io/revision`
 * changed (never the first sight of a Deployment). `title`, `at` and `version` are the fields the
 * charts' deploy markers read (the shape of `DeploySummary`).
 */
export interface RolloutDeploy {
  /** `rollout:<id>`. */
  id: string;
  title: string;
  /** When the rollout started (its ReplicaSet was created), else when the portal saw it. */
  at: string;
  detectedAt: string;
  cluster: string;
  namespace: string;
  deployment: string;
  revision: number;
  previousRevision: number;
  version?: string;
  images: string[];
  changeEvents: RolloutChangeEvent[];
}

/** `GET /api/infra/deploys`: the rollouts of an entity's Deployments in `[from, to)`, oldest first. */
export interface EntityDeploys {
  entityRef: string;
  from: string;
  to: string;
  deploys: RolloutDeploy[];
  /** More rollouts than `limit` fell in the window: the newest were left out. */
  truncated: boolean;
}
