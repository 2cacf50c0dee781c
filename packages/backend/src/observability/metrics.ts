import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamHealth } from '@internal/plugin-infra-common';

/**
 * The backend's Prometheus metrics, one registry per process. Names start with `portal_`;
 * Node's own process metrics (`nodejs_*`, `process_*`) come with them.
 */
/** The breaker gauge's values: 0 closed, 1 half-open, 2 open. */
const BREAKER_GAUGE: Record<UpstreamHealth['breaker'], number> = { closed: 0, 'half-open': 1, open: 2 };

export class PortalMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'portal_http_requests_total',
    help: 'HTTP requests answered, by plugin (first path segment after /api/), method and status class',
    labelNames: ['plugin', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by plugin and method',
    labelNames: ['plugin', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly taskRuns = new Counter({
    name: 'portal_scheduled_task_runs_total',
    help: 'Runs of scheduled background tasks in this process, by plugin, task id and outcome',
    labelNames: ['plugin', 'task', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly taskDuration = new Histogram({
    name: 'portal_scheduled_task_duration_seconds',
    help: 'Duration of scheduled background task runs, by plugin and task id',
    labelNames: ['plugin', 'task'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  private upstreamSource: () => UpstreamHealth[] = () => [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const upstreamGauge = (name: string, help: string, value: (u: UpstreamHealth) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['upstream', 'source'] as const,
        registers: [this.registry],
        collect: () => {
          const gauge = this.registry.getSingleMetric(name) as Gauge<'upstream' | 'source'>;
          gauge.reset();
          for (const u of this.upstreamSource()) gauge.set({ upstream: u.name, source: u.source }, value(u));
        },
      });
    upstreamGauge(
      'portal_upstream_calls',
      'Logical calls made to the upstream since start (cache misses that reached it)',
      u => u.calls,
    );
    upstreamGauge(
      'portal_upstream_failures',
      'Upstream calls that failed since start (after retries)',
      u => u.failures,
    );
    upstreamGauge('portal_upstream_cache_hits', 'Reads answered from the cache since start', u => u.cache.hits);
    upstreamGauge('portal_upstream_cache_misses', 'Reads that missed the cache since start', u => u.cache.misses);
    upstreamGauge(
      'portal_upstream_stale_served',
      'Reads answered with stale data because the upstream failed',
      u => u.cache.staleServed,
    );
    upstreamGauge(
      'portal_upstream_breaker_state',
      'Circuit breaker: 0 closed, 1 half-open, 2 open',
      u => BREAKER_GAUGE[u.breaker] ?? 0,
    );
    upstreamGauge(
      'portal_upstream_last_latency_seconds',
      'Latency of the last successful upstream call',
      u => (u.lastLatencyMs ?? 0) / 1000,
    );
  }

  /** Where the upstream gauges read from (the shared infra service). */
  observeUpstreams(source: () => UpstreamHealth[]) {
    this.upstreamSource = source;
  }
}

/** The process's metrics (the backend is one process; tests create their own instances). */
export const portalMetrics = new PortalMetrics();
