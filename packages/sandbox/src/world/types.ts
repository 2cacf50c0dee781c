/** The simulated company: the example organisation of the catalog, plus runtime facts. */

export type ClusterName = string;

export interface Endpoint {
  /** HTTP method, upper case (gRPC calls are POST). */
  method: string;
  /** Route template, e.g. `/v1/orders/{orderId}`. */
  route: string;
  /** Datadog APM resource name: `<METHOD> <route>`. */
  resource: string;
  /** Requests per second at the daily peak. */
  peakRps: number;
}

/** Seeded situations that make the sandbox worth looking at. */
export type Scenario =
  | 'crashloop' // one pod in CrashLoopBackOff
  | 'oomkilled' // containers restarted after OOMKilled
  | 'image-pull' // a rollout stuck on ImagePullBackOff
  | 'no-probes' // containers without readiness/liveness probes and no PDB
  | 'hpa-max' // HPA pinned at maxReplicas
  | 'burning' // 5xx burst in the last hours: fast error-budget burn, open incident
  | 'method-405' // a misrouted endpoint answers 405
  | 'exhausted' // elevated errors over the whole month: budget exhausted
  | 'readiness' // a pod failing its readiness probe
  | 'production-ready'; // CPU and memory limits, preStop hook, non-root, a Secret reference: a well-configured Deployment

export interface Service {
  name: string;
  title?: string;
  description?: string;
  /** Component type from the catalog: service, website, worker, batch-job. */
  type: string;
  language: string;
  team: string;
  system: string;
  namespace: string;
  /** PagerDuty service ids from the catalog annotation (may be empty). */
  pagerdutyServiceIds: string[];
  clusters: ClusterName[];
  /** How the workload runs in Kubernetes. */
  workload: 'Deployment' | 'StatefulSet' | 'none';
  replicas: number;
  endpoints: Endpoint[];
  scenarios: Scenario[];
  /** Share of days with a one-hour 5xx burst (default 0.08). */
  incidentDayRate?: number;
}

export interface Person {
  name: string;
  displayName: string;
  email: string;
  team: string;
}

export interface Team {
  name: string;
  title: string;
  members: Person[];
}

export interface Cluster {
  name: ClusterName;
  provider: 'aws' | 'gcp';
  region: string;
}

/** Workloads that run without a catalog entity (drift the portal should reveal). */
export interface StrayWorkload {
  name: string;
  namespace: string;
  cluster: ClusterName;
  replicas: number;
}

export interface World {
  clusters: Cluster[];
  teams: Team[];
  services: Service[];
  strays: StrayWorkload[];
  /** Fixed epoch for deterministic history (deploys, incidents are placed relative to now). */
  seed: string;
  /** Days of PagerDuty incident history (default 90; the company world has a year). */
  historyDays?: number;
  /** Datadog also has a p95 latency monitor per endpoint (the company world). */
  endpointMonitors?: boolean;
}
