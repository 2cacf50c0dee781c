import { hash32 } from '../world/hash';
import { HOUR, nanoTime } from './ids';
import { crashLines, formatLine, startupLines, type FormatContext, type LogLine } from './logFormats';
import type { ContainerModel, PodModel, WorkloadModel } from './model';

/**
 * Container logs (`GET /api/v1/namespaces/{ns}/pods/{name}/log`). Lines are a pure function of
 * time: the line written in a 15-second slot is the same on every request, so tailing twice
 * shows the same history. Which container instance is read follows the kubelet's rules.
 */

export interface LogOptions {
  container?: string;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
  timestamps: boolean;
}

export type LogResult = { ok: true; text: string } | { ok: false; code: 400; message: string };

/** One instance of a container: from start to end (now, while it runs). */
interface ContainerRun {
  start: number;
  end: number;
  /** How it ended, if it did. */
  ending?: 'Error' | 'OOMKilled' | 'Completed';
  /** A number that tells instances apart (restart index). */
  instance: number;
}

const SLOT_SECONDS = 15;
/** How much history a read returns at most; older lines have been rotated away. */
const RETAINED_SECONDS = 2 * HOUR;

/** The kubelet's wording for a container waiting on its image. */
const WAITING_WHY: Record<string, string> = {
  ImagePullBackOff: 'trying and failing to pull image',
  ErrImagePull: "image can't be pulled",
};

function fail(message: string): LogResult {
  return { ok: false, code: 400, message };
}

/** Picks the container as the API server does before asking the kubelet. */
function resolveContainer(pod: PodModel, name: string | undefined): ContainerModel | string {
  if (name) {
    return pod.containers.find(c => c.name === name) ?? `container ${name} is not valid for pod ${pod.name}`;
  }
  if (pod.containers.length > 1) {
    return `a container name must be specified for pod ${pod.name}, choose one of: [${pod.containers
      .map(c => c.name)
      .join(' ')}]`;
  }
  return pod.containers[0];
}

/**
 * The kubelet's choice of instance: `previous` reads lastState.terminated; otherwise the running
 * instance, or, while a restart is backing off, the instance that just exited. A container that
 * never started has no log to read.
 */
function selectRun(pod: PodModel, container: ContainerModel, previous: boolean, now: number): ContainerRun | string {
  const last = container.lastTerminated;
  const lastRun = last && {
    start: last.startedAt,
    end: last.finishedAt,
    ending: last.reason,
    instance: container.restartCount - 1,
  };
  if (previous) {
    return lastRun ?? `previous terminated container "${container.name}" in pod "${pod.name}" not found`;
  }
  if ('running' in container.state) {
    return { start: container.state.running.startedAt, end: now, instance: container.restartCount };
  }
  if (lastRun) return lastRun;
  const reason = container.state.waiting.reason;
  const why = WAITING_WHY[reason] ?? reason;
  return `container "${container.name}" in pod "${pod.name}" is waiting to start: ${why}`;
}

function contextOf(workload: WorkloadModel, pod: PodModel): FormatContext {
  // Add-ons are Kubernetes components: they log through klog.
  const language = workload.addon ? 'klog' : workload.service?.language ?? 'python';
  return { service: workload.name, pod: pod.name, language };
}

/** kube-proxy starting on its node: the node IP, the proxy mode, its informers. */
function addonStartupLines(pod: PodModel, ms: number): LogLine[] {
  return [
    {
      ms,
      level: 'INFO',
      msg: 'Successfully retrieved node IP(s)',
      fields: { IPs: `["${pod.node.ip}"]` },
      logger: 'server_linux.go:66',
    },
    { ms: ms + 12, level: 'INFO', msg: 'Using iptables Proxier', logger: 'server_linux.go:170' },
    { ms: ms + 40, level: 'INFO', msg: 'Starting endpoint slice config controller', logger: 'config.go:105' },
    { ms: ms + 41, level: 'INFO', msg: 'Starting service config controller', logger: 'config.go:199' },
    {
      ms: ms + 160,
      level: 'INFO',
      msg: 'Caches are synced',
      fields: { controller: 'endpoint slice config' },
      logger: 'shared_informer.go:320',
    },
    {
      ms: ms + 161,
      level: 'INFO',
      msg: 'Caches are synced',
      fields: { controller: 'service config' },
      logger: 'shared_informer.go:320',
    },
  ];
}

/** An ordinary line for one slot: a served request, or a processed job for workers. */
function steadyLine(workload: WorkloadModel, pod: PodModel, ms: number): LogLine | undefined {
  const h = hash32(pod.name, 'log', ms);
  if (workload.addon) {
    // kube-proxy at --v=2: a rules sync now and then, as Services and endpoints change.
    if (h % 8 !== 0) return undefined;
    return {
      ms,
      level: 'INFO',
      msg: 'SyncProxyRules complete',
      fields: { elapsed: `${(20 + (h % 600) / 10).toFixed(1)}ms` },
      logger: 'proxier.go:1504',
    };
  }
  const service = workload.service;
  if (!service) {
    if (workload.container.command) return undefined; // `sleep infinity` prints nothing.
    if (h % 20 !== 0) return undefined;
    return {
      ms,
      level: 'INFO',
      msg: 'exported sales rows',
      fields: { rows: 1000 + (h % 9000), target: 'gs://example-co-exports/sales/' },
    };
  }
  if (h % 5 === 0) return undefined;
  if (!service.endpoints.length) {
    return {
      ms,
      level: 'INFO',
      msg: 'job done',
      fields: {
        class: 'DeliverEmailJob',
        jid: (h >>> 4).toString(16),
        duration_s: ((h % 900) / 1000 + 0.05).toFixed(3),
      },
    };
  }
  const endpoint = service.endpoints[h % service.endpoints.length];
  // Route templates become concrete paths: /v1/carts/{cartId} -> /v1/carts/482913.
  const path = endpoint.route.replace(/\{\w+\}/g, () => String(100000 + (h % 900000)));
  let status = endpoint.method === 'POST' && endpoint.route.startsWith('/v1/') ? 201 : 200;
  if (h % 97 === 0) status = 404;
  return {
    ms,
    level: 'INFO',
    msg: 'request completed',
    fields: { method: endpoint.method, path, status, duration_ms: Number((4 + (h % 2400) / 40).toFixed(1)) },
  };
}

/** Before an OOM kill: heap/RSS creeping up to the limit during the last ten minutes. */
function memoryPressureLine(workload: WorkloadModel, ms: number, run: ContainerRun): LogLine | undefined {
  const left = run.end * 1000 - ms;
  if (left > 10 * 60 * 1000) return undefined;
  const used = Math.round(1024 - (left / (10 * 60 * 1000)) * 180);
  const language = workload.service?.language;
  if (language === 'java' || language === 'kotlin') {
    const d = new Date(ms).toISOString().replace('Z', '+0000');
    return {
      ms,
      level: 'WARN',
      raw: true,
      msg: `[${d}][info][gc] GC(${Math.floor(ms / 15000) % 100000}) Pause Full (G1 Compaction Pause) ${used}M->${
        used - 4
      }M(1024M) ${((180_000 + (ms % 700_000)) / 1000).toFixed(3)}ms`,
    };
  }
  return { ms, level: 'WARN', msg: 'memory usage high', fields: { rss_mb: used, limit_mb: 1024 } };
}

/** While the readiness probe fails: the dependency error and the 503 the probe gets. */
function readinessLines(workload: WorkloadModel, ms: number): LogLine[] {
  const language = workload.service?.language;
  const jvm = language === 'java' || language === 'kotlin';
  return [
    jvm
      ? {
          ms,
          level: 'WARN',
          msg: 'HikariPool-1 - Connection is not available, request timed out after 30000ms.',
          logger: 'com.zaxxer.hikari.pool.HikariPool',
        }
      : { ms, level: 'WARN', msg: 'database connection pool exhausted', fields: { waited_ms: 30000 } },
    {
      ms: ms + 3,
      level: 'WARN',
      msg: 'readiness check failed',
      fields: { method: 'GET', path: '/ready', status: 503, dependency: 'postgres' },
    },
  ];
}

/** Every line of one container instance, oldest first. */
function linesOf(workload: WorkloadModel, pod: PodModel, run: ContainerRun): LogLine[] {
  const ctx = contextOf(workload, pod);
  const lines: LogLine[] = [];
  const from = Math.max(run.start, run.end - RETAINED_SECONDS);
  const port = workload.container.ports[0]?.containerPort ?? 8080;
  if (workload.service && from === run.start)
    lines.push(...startupLines(ctx, run.start * 1000 + 150, pod.revision.version, port));
  if (workload.addon && from === run.start) lines.push(...addonStartupLines(pod, run.start * 1000 + 150));
  if (run.ending === 'Error') {
    // Crashes at start-up: the banner, then the fatal error.
    lines.push(...crashLines(ctx, run.end * 1000 - 40));
    return lines;
  }
  const incident = pod.incident;
  const firstSlot = Math.ceil((from + 5) / SLOT_SECONDS) * SLOT_SECONDS;
  for (let t = firstSlot; t < run.end; t += SLOT_SECONDS) {
    const ms = t * 1000 + (hash32(pod.name, run.instance, t) % 14000);
    if (ms >= run.end * 1000) break;
    if (incident?.kind === 'readiness' && t >= incident.since && !run.ending) {
      lines.push(...readinessLines(workload, ms));
      continue;
    }
    const line = steadyLine(workload, pod, ms);
    if (line) lines.push(line);
    if (run.ending === 'OOMKilled') {
      const pressure = memoryPressureLine(workload, ms + 7, run);
      if (pressure) lines.push(pressure);
    }
  }
  return lines;
}

/** Applies sinceSeconds, tailLines, timestamps and limitBytes the way the kubelet does. */
function render(lines: LogLine[], ctx: FormatContext, options: LogOptions, now: number): string {
  let kept = lines;
  if (options.sinceSeconds !== undefined) kept = kept.filter(l => l.ms >= (now - options.sinceSeconds!) * 1000);
  // The kubelet stamps each line when the runtime reads it: strictly increasing nanoseconds.
  // (Epoch nanoseconds exceed Number precision, hence BigInt.)
  let lastNs = 0n;
  let text = kept.flatMap(l => {
    const formatted = formatLine(l, ctx).split('\n');
    if (!options.timestamps) return formatted;
    return formatted.map(f => {
      const read = BigInt(l.ms) * 1_000_000n + BigInt(hash32(l.msg, l.ms) % 400_000);
      const next = lastNs + BigInt(1_000 + (hash32(f, l.ms) % 9_000));
      lastNs = read > next ? read : next;
      return `${nanoTime(Number(lastNs / 1_000_000_000n), Number(lastNs % 1_000_000_000n))} ${f}`;
    });
  });
  if (options.tailLines !== undefined) text = options.tailLines > 0 ? text.slice(-options.tailLines) : [];
  let out = text.length ? `${text.join('\n')}\n` : '';
  if (options.limitBytes !== undefined) out = Buffer.from(out).subarray(0, options.limitBytes).toString();
  return out;
}

export function readPodLog(workload: WorkloadModel, pod: PodModel, options: LogOptions, now: number): LogResult {
  const container = resolveContainer(pod, options.container);
  if (typeof container === 'string') return fail(container);
  const run = selectRun(pod, container, options.previous, now);
  if (typeof run === 'string') return fail(run);
  const lines = linesOf(workload, pod, run);
  return { ok: true, text: render(lines, contextOf(workload, pod), options, now) };
}
