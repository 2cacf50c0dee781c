import { unit } from '../world/hash';
import { incidentWindows, type IncidentWindow, type TrafficClock } from '../world/traffic';
import type { Service, World } from '../world/types';
import type { Directory, PdService } from './directory';
import { MINUTE, hexKey, incidentId, isoTime } from './format';
import type { Agent, Channel, NotifyMethod, Step } from './incidents';

/**
 * The account's incident history, scripted from the traffic model: every window of elevated 5xx
 * that `incidentWindows` reports becomes an incident (so PagerDuty agrees with the metrics), plus
 * the seeded Kubernetes scenario that pages (the crash-looping service).
 */

export interface SeedIncident {
  /** Identifies the window, so that a later sync does not add it twice. */
  key: string;
  id: string;
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  priority?: string;
  incidentKey: string;
  createdAt: number;
  steps: Step[];
}

/** How long before the anchor the crash-looping service's incident was triggered. */
export const CRASHLOOP_INCIDENT_OFFSET = 75 * MINUTE;

export function percent(rate: number): string {
  const p = rate * 100;
  return `${p >= 1 ? p.toFixed(1) : p.toFixed(2)}%`;
}

export function windowTitle(service: string, w: IncidentWindow): string {
  return `${w.errorRate >= 0.01 ? 'High' : 'Elevated'} 5xx error rate on ${service} (${percent(w.errorRate)})`;
}

/** Priorities by cause; bursts are P2 when they page with high urgency, else P3. */
const CAUSE_PRIORITY: Partial<Record<string, string>> = { burning: 'P1', exhausted: 'P4' };

/** Which PagerDuty service a window pages: services with two ids split their bursts. */

function pagedService(dir: Directory, ws: Service, w: IncidentWindow): PdService | undefined {
  const ids = ws.pagerdutyServiceIds;
  if (!ids.length) return undefined;
  const pick =
    w.cause === 'burst' && ids.length > 1 && unit(ws.name, 'second-service', w.start) < 0.3 ? ids[1] : ids[0];
  return dir.service(pick);
}

function datadogChannel(
  service: PdService,
  title: string,
  incidentKey: string,
  details: Record<string, unknown>,
  recovered = false,
): Channel {
  const summary = recovered ? `[Recovered] ${title}` : `[Triggered] ${title}`;
  return {
    type: 'api',
    summary,
    description: summary,
    incident_key: incidentKey,
    client: 'Datadog',
    client_url: `https://app.datadoghq.com/apm/services/${encodeURIComponent(service.world.name)}`,
    details,
  };
}

const BURST_NOTES = [
  (s: Service) =>
    `Looking into it. The 5xx are concentrated on ${mainEndpoint(s)}; no deploy of ${s.name} in the last hour.`,
  (s: Service) => `One pod of ${s.name} was serving most of the errors; it was recycled and the rate is dropping.`,
  (s: Service) =>
    `Connection pool of ${s.name} exhausted during the traffic peak. Raised the pool size, ticket filed for a proper fix.`,
  (s: Service) => `Rolled back the last deploy of ${s.name}; watching the dashboards.`,
  (s: Service) =>
    `Upstream latency spiked at the same time as the errors on ${mainEndpoint(s)}; following up with the owning team.`,
  (s: Service) =>
    `Error rate of ${s.name} back under the threshold. No postmortem needed; adding it to the weekly review.`,
];

const EXHAUSTED_NOTES = [
  (s: Service) =>
    `Same slow drift of 5xx on ${s.name} as last week: the monthly error budget is gone. Tracking in the reliability review.`,
  (s: Service) => `Token refresh calls of ${s.name} time out under load again. Known issue, fix scheduled this sprint.`,
];

function mainEndpoint(s: Service): string {
  return (s.endpoints.find(e => e.method !== 'GET') ?? s.endpoints[0])?.resource ?? s.name;
}

/** The steps of an incident for a finished or ongoing window. */
function scriptWindow(
  dir: Directory,
  service: PdService,
  w: IncidentWindow,
  title: string,
  incidentKey: string,
): Step[] {
  const policy = dir.policy(service.escalationPolicyId)!;
  const h = (what: string) => unit(service.id, w.start, what);
  const high = w.errorRate >= 0.01 || w.cause === 'burning';
  const monitor: Agent = { kind: 'service', id: service.id };
  const details = {
    monitor: `[${service.world.name}] 5xx error rate`,
    service: service.world.name,
    env: 'production',
    error_rate: percent(w.errorRate),
    threshold: '0.50%',
    triggered_at: isoTime(w.start),
  };
  const l1 = dir.onCallAt(policy, 1, w.start);
  const steps: Step[] = [
    {
      kind: 'trigger',
      at: w.start,
      agent: monitor,
      channel: datadogChannel(service, title, incidentKey, details),
      userIds: l1,
    },
  ];
  const method: NotifyMethod = high ? 'push' : 'email';
  for (const userId of l1) steps.push({ kind: 'notify', at: w.start, userId, method });

  let acker: string | undefined;
  let ackAt = 0;
  if (w.cause === 'burning') {
    acker = l1[0];
    ackAt = w.start + 4 * MINUTE;
  } else if (high && h('escalate') < 0.15) {
    // Nobody answered in time: the secondary was paged after the escalation delay.
    for (const userId of l1) steps.push({ kind: 'notify', at: w.start + 3 * MINUTE, userId, method: 'phone' });
    const at = w.start + policy.rules[0].delayMinutes * MINUTE;
    const l2 = dir.onCallAt(policy, 2, at);
    steps.push({ kind: 'escalate', at, level: 2, userIds: l2, channel: { type: 'timeout' } });
    for (const userId of l2) steps.push({ kind: 'notify', at, userId, method: 'push' });
    acker = l2[0];
    ackAt = at + MINUTE + Math.floor(h('ack') * 7 * MINUTE);
  } else {
    acker = l1[0];
    ackAt =
      w.start + (high ? MINUTE + Math.floor(h('ack') * 11 * MINUTE) : 5 * MINUTE + Math.floor(h('ack') * 20 * MINUTE));
    if (high && ackAt > w.start + 3 * MINUTE) {
      for (const userId of l1) steps.push({ kind: 'notify', at: w.start + 3 * MINUTE, userId, method: 'phone' });
    }
  }
  if (acker) {
    steps.push({
      kind: 'acknowledge',
      at: ackAt,
      agent: { kind: 'user', id: acker },
      channel: { type: h('ack-channel') < 0.6 ? 'mobile' : 'website' },
    });
  }

  const end = w.end;
  if (w.cause === 'burning') {
    const jst = isoTime(w.start, 'Asia/Tokyo').slice(11, 16);
    steps.push({
      kind: 'annotate',
      at: w.start + 15 * MINUTE,
      userId: acker!,
      content: `Investigating: 5xx on ${mainEndpoint(
        service.world,
      )} since ${jst} JST, mostly 503 from the payment provider gateway.`,
    });
    steps.push({
      kind: 'annotate',
      at: w.start + 40 * MINUTE,
      userId: acker!,
      content:
        'Provider status page reports a degraded API. Retries with backoff are on; still burning error budget fast.',
    });
    return steps;
  }
  if (acker && h('note') < 0.8) {
    const notes = w.cause === 'exhausted' ? EXHAUSTED_NOTES : BURST_NOTES;
    const at = ackAt + 5 * MINUTE + Math.floor(h('note-at') * 15 * MINUTE);
    if (end === undefined || at < end) {
      steps.push({
        kind: 'annotate',
        at,
        userId: acker,
        content: notes[Math.floor(h('note-text') * notes.length)](service.world),
      });
    }
  }
  if (end !== undefined) {
    if (!acker || h('resolver') < 0.65) {
      steps.push({
        kind: 'resolve',
        at: end + MINUTE + Math.floor(h('resolve') * 9 * MINUTE),
        agent: monitor,
        channel: datadogChannel(service, title, incidentKey, { ...details, error_rate: '0.02%' }, true),
      });
    } else {
      steps.push({
        kind: 'resolve',
        at: end + 5 * MINUTE + Math.floor(h('resolve') * 20 * MINUTE),
        agent: { kind: 'user', id: acker },
        channel: { type: h('resolve-channel') < 0.5 ? 'mobile' : 'website' },
      });
    }
  }
  return steps;
}

function crashloopIncident(dir: Directory, ws: Service, clock: TrafficClock): SeedIncident | undefined {
  const service = dir.service(ws.pagerdutyServiceIds[0] ?? '');
  if (!service) return undefined;
  const policy = dir.policy(service.escalationPolicyId)!;
  const start = clock.anchor - CRASHLOOP_INCIDENT_OFFSET;
  const title = `Pods in CrashLoopBackOff: ${ws.name}`;
  const incidentKey = hexKey('crashloop', service.id, start);
  const l1 = dir.onCallAt(policy, 1, start);
  const steps: Step[] = [
    {
      kind: 'trigger',
      at: start,
      agent: { kind: 'service', id: service.id },
      channel: {
        type: 'api',
        summary: `[Triggered] ${title}`,
        description: `[Triggered] ${title}`,
        incident_key: incidentKey,
        client: 'Datadog',
        client_url: `https://app.datadoghq.com/containers?query=kube_deployment%3A${encodeURIComponent(ws.name)}`,
        details: {
          monitor: `[${ws.name}] Pods in CrashLoopBackOff`,
          kube_namespace: ws.namespace,
          kube_deployment: ws.name,
          kube_cluster_name: ws.clusters[0],
          reason: 'CrashLoopBackOff',
        },
      },
      userIds: l1,
    },
  ];
  for (const userId of l1) {
    steps.push({ kind: 'notify', at: start, userId, method: 'push' });
    steps.push({ kind: 'notify', at: start + 3 * MINUTE, userId, method: 'phone' });
  }
  let at = start;
  for (let level = 2; level <= policy.rules.length; level++) {
    at += policy.rules[level - 2].delayMinutes * MINUTE;
    const userIds = dir.onCallAt(policy, level, at);
    steps.push({ kind: 'escalate', at, level, userIds, channel: { type: 'timeout' } });
    for (const userId of userIds) steps.push({ kind: 'notify', at, userId, method: 'push' });
  }
  return {
    key: `crashloop:${ws.name}:${start}`,
    id: incidentId(service.id, 'crashloop', start),
    title,
    serviceId: service.id,
    urgency: 'high',
    priority: 'P3',
    incidentKey,
    createdAt: start,
    steps,
  };
}

/** The incidents of the windows overlapping [from, to), and the scenario incidents before `to`. */
export function seedIncidents(
  world: World,
  dir: Directory,
  clock: TrafficClock,
  from: number,
  to: number,
): SeedIncident[] {
  const out: SeedIncident[] = [];
  for (const ws of world.services) {
    if (!ws.pagerdutyServiceIds.length) continue;
    for (const w of incidentWindows(ws, from, to, clock)) {
      const service = pagedService(dir, ws, w);
      if (!service) continue;
      const title = windowTitle(ws.name, w);
      const incidentKey = hexKey('datadog', service.id, w.start, w.cause);
      const high = w.errorRate >= 0.01 || w.cause === 'burning';
      out.push({
        key: `${w.cause}:${ws.name}:${w.start}`,
        id: incidentId(service.id, w.start, w.cause),
        title,
        serviceId: service.id,
        urgency: high ? 'high' : 'low',
        priority: CAUSE_PRIORITY[w.cause] ?? (high ? 'P2' : 'P3'),
        incidentKey,
        createdAt: w.start,
        steps: scriptWindow(dir, service, w, title, incidentKey),
      });
    }
    if (ws.scenarios.includes('crashloop')) {
      const seed = crashloopIncident(dir, ws, clock);
      // Added once: the store skips keys it has seen.
      if (seed && seed.createdAt < to) out.push(seed);
    }
  }
  return out;
}
