/**
 * The shared integration layer: other plugin backends depend on `infraServiceRef` to read
 * Kubernetes, Datadog and PagerDuty through one cache, one set of breakers and one coalescing layer.
 */
export { infraServiceRef } from './service/InfraService';
export type { InfraService } from './service/InfraService';
export { DefaultInfraService, worstFreshness } from './service/DefaultInfraService';
export { scheduleInfraRefresh, scheduleSnapshotRefresh, refreshTaskId } from './refresh/schedule';
export { readRefreshConfig } from './refresh/config';
export type { RefreshConfig } from './refresh/config';
export type { SnapshotDefinition, SnapshotRefreshReport } from './refresh/Snapshots';
export { readInfraConfig, readNamespaceOwners } from './config';
export type { InfraConfig, KubernetesClusterConfig, NamespaceOwnersConfig } from './config';
export { entityTargets } from './entities/targets';
export type { EntityTargets } from './entities/targets';
export { summarizeWorkloads } from './overview/workloads';
export { Upstream, DEFAULT_UPSTREAM_OPTIONS } from './resilience/Upstream';
export type { CallLimits, GetOptions, UpstreamOptions } from './resilience/Upstream';
export { CircuitBreaker } from './resilience/CircuitBreaker';
export { within } from './resilience/within';
export { TimeoutError, UpstreamError, retryAfterFromHeaders } from './resilience/errors';
export {
  NAMESPACE_OWNER_LABEL,
  SYSTEM_NAMESPACES,
  namespaceOwners,
  selectorPinsWorkload,
} from './upstreams/kubernetes/namespaceOwners';
export type { NamespaceOwners } from './upstreams/kubernetes/namespaceOwners';
export type * from './upstreams/kubernetes/types';
export type {
  DatadogEvent,
  DatadogMonitor,
  DatadogMonitorDetail,
  DatadogSlo,
  DatadogSloDefinition,
  MetricTimeseries,
  MetricTimeseriesRequest,
} from './upstreams/datadog/DatadogClient';
export type {
  PdChangeEvent,
  PdEvent,
  PdEventResult,
  PdIncident,
  PdLogEntry,
  PdOnCall,
  PdService,
} from './upstreams/pagerduty/PagerDutyClient';
