import type { EntityOverview, ServiceHealth, WorkloadProblemCode } from './types';

const CRITICAL: WorkloadProblemCode[] = ['CrashLoopBackOff', 'ImagePullBackOff', 'RolloutStuck'];
const WARNING: WorkloadProblemCode[] = ['OOMKilled', 'ReadinessFailing', 'HpaAtMax'];

/**
 * One word for a service's state, from its overview: `critical` when it is paging or failing to
 * run, `warning` when something needs attention, `ok` when the data says all is well, `unknown`
 * when there is no live data. Hygiene findings (no probes, no PDB) do not change it.
 */
export function serviceHealth(o: EntityOverview): ServiceHealth {
  const workloads = o.kubernetes.data?.clusters.flatMap(c => c.workloads) ?? [];
  const problems = workloads.flatMap(w => w.problems.map(p => p.code));
  const open = o.incidents.data?.open ?? [];
  const monitors = o.monitors.data ?? [];
  const ready = workloads.reduce((n, w) => n + w.readyReplicas, 0);
  const desired = workloads.reduce((n, w) => n + w.desiredReplicas, 0);

  if (
    problems.some(p => CRITICAL.includes(p)) ||
    open.some(i => i.urgency === 'high') ||
    monitors.some(m => m.state === 'Alert') ||
    (desired > 0 && ready < desired / 2)
  ) {
    return 'critical';
  }
  if (
    problems.some(p => WARNING.includes(p)) ||
    open.length > 0 ||
    monitors.some(m => m.state === 'Warn') ||
    ready < desired
  ) {
    return 'warning';
  }
  const anyData = [o.kubernetes, o.incidents, o.monitors].some(
    s => s.freshness.state === 'fresh' || s.freshness.state === 'stale',
  );
  return anyData ? 'ok' : 'unknown';
}
