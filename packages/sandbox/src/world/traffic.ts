import { unit } from './hash';
import type { Endpoint, Service } from './types';

/**
 * Request traffic per endpoint and HTTP status, a pure function of time.
 *
 * Counts are defined per hour (daily rhythm in Japan time, deterministic noise, seeded incidents)
 * and spread over the hour's minutes so that any range sums exactly: the counts of [a, b) plus
 * [b, c) always equal those of [a, c). Nothing is counted after `now`.
 */

export const HOUR = 3600;
const STATUSES_GOOD = [200, 201, 204, 400, 404] as const;
export type StatusCounts = Record<number, number>;

export interface TrafficClock {
  /** Current time, epoch seconds. */
  now(): number;
  /**
   * Hour-aligned epoch second that seeded, time-relative scenarios hang from (e.g. "a 5xx burst
   * started two hours before the anchor"). Fixed at start-up so that a running sandbox is stable.
   */
  anchor: number;
}

export function systemClock(nowSec = Math.floor(Date.now() / 1000)): TrafficClock {
  return { now: () => Math.floor(Date.now() / 1000), anchor: nowSec - (nowSec % HOUR) };
}

export function fixedClock(nowSec: number): TrafficClock {
  return { now: () => nowSec, anchor: nowSec - (nowSec % HOUR) };
}

/** Daily rhythm in JST: quiet around 04:00, busy from noon to late evening. */
function rhythm(hourStartSec: number): number {
  const jstHour = (((hourStartSec / HOUR + 9) % 24) + 24) % 24;
  const day = 0.5 - 0.5 * Math.cos((2 * Math.PI * (jstHour - 4)) / 24);
  const evening = Math.exp(-((jstHour - 21) ** 2) / 6) * 0.25;
  return 0.12 + 0.88 * Math.min(1, day + evening);
}

/** The fraction of requests failing with a 5xx in the hour, and with 405. */
export function failureRates(
  service: Service,
  endpoint: Endpoint,
  hourStartSec: number,
  clock: TrafficClock,
): { p5xx: number; p405: number } {
  let p5xx = 0.00015 + unit(service.name, 'base5xx') * 0.00025;
  let p405 = 0;
  const hoursBeforeAnchor = (clock.anchor - hourStartSec) / HOUR;
  // Occasional short incidents: on about one day in twelve, an hour with a 5xx burst.
  const day = Math.floor(hourStartSec / 86400);
  if (unit(service.name, 'incident-day', day) < (service.incidentDayRate ?? 0.08)) {
    const burstHour = Math.floor(unit(service.name, 'incident-hour', day) * 24);
    if (Math.floor((hourStartSec % 86400) / HOUR) === burstHour) {
      p5xx += 0.004 + unit(service.name, 'incident-size', day) * 0.01;
    }
  }
  for (const scenario of service.scenarios) {
    if (scenario === 'burning' && hoursBeforeAnchor <= 2) {
      // Started two hours before the anchor and still going: ~30x the 0.1 % budget rate.
      p5xx += 0.03;
    }
    if (scenario === 'exhausted' && hoursBeforeAnchor <= 30 * 24) {
      p5xx += 0.0016;
    }
    if (
      scenario === 'method-405' &&
      hoursBeforeAnchor <= 3 * 24 &&
      endpoint.method !== 'GET' &&
      endpoint === service.endpoints.filter(e => e.method !== 'GET').slice(-1)[0]
    ) {
      // A misrouted write endpoint since a deploy three days ago.
      p405 += 0.25;
    }
  }
  return { p5xx: Math.min(p5xx, 1), p405 };
}

/** Status counts of one whole hour (before `now` clipping). */
export function hourCounts(
  service: Service,
  endpoint: Endpoint,
  hourStartSec: number,
  clock: TrafficClock,
): StatusCounts {
  const noise = 0.85 + unit(service.name, endpoint.resource, hourStartSec) * 0.3;
  const total = Math.round(endpoint.peakRps * HOUR * rhythm(hourStartSec) * noise);
  const { p5xx, p405 } = failureRates(service, endpoint, hourStartSec, clock);
  const c5xx = Math.round(total * p5xx);
  const c405 = Math.round(total * p405);
  const c404 = Math.round(total * 0.012);
  const c400 = Math.round(total * 0.006);
  const c503 = Math.round(c5xx * 0.35);
  const c502 = Math.round(c5xx * 0.15);
  const c500 = c5xx - c503 - c502;
  const success = Math.max(0, total - c5xx - c405 - c404 - c400);
  let okStatus = endpoint.method === 'DELETE' ? 204 : 200;
  if (endpoint.method === 'POST' && endpoint.route.startsWith('/v1/')) okStatus = 201;
  const counts: StatusCounts = {
    [okStatus]: success,
    400: c400,
    404: c404,
    405: c405,
    500: c500,
    502: c502,
    503: c503,
  };
  for (const k of Object.keys(counts)) if (counts[+k] === 0) delete counts[+k];
  return counts;
}

/** The part of an hourly count that falls in minutes [m0, m1) of that hour (exact integers). */
function spread(count: number, m0: number, m1: number): number {
  return Math.floor((count * m1) / 60) - Math.floor((count * m0) / 60);
}

/**
 * Requests per status code for `[fromSec, toSec)`, minute resolution, nothing after now.
 */
export function countRequests(
  service: Service,
  endpoint: Endpoint,
  fromSec: number,
  toSec: number,
  clock: TrafficClock,
): StatusCounts {
  const end = Math.min(toSec, clock.now() - (clock.now() % 60));
  const out: StatusCounts = {};
  if (end <= fromSec) return out;
  const start = fromSec - (fromSec % 60);
  for (let h = start - (start % HOUR); h < end; h += HOUR) {
    const m0 = Math.max(0, Math.floor((start - h) / 60));
    const m1 = Math.min(60, Math.ceil((end - h) / 60));
    if (m1 <= m0) continue;
    const counts = hourCounts(service, endpoint, h, clock);
    for (const [status, count] of Object.entries(counts)) {
      const part = m0 === 0 && m1 === 60 ? count : spread(count, m0, m1);
      if (part) out[+status] = (out[+status] ?? 0) + part;
    }
  }
  return out;
}

export const GOOD_STATUSES = STATUSES_GOOD;

/** Median and p95 latency (ms) of an endpoint in an hour; slower when failing. */
export function latencyMs(
  service: Service,
  endpoint: Endpoint,
  hourStartSec: number,
  clock: TrafficClock,
): { p50: number; p95: number } {
  const base = 12 + unit(service.name, endpoint.resource, 'latency') * 60;
  const { p5xx } = failureRates(service, endpoint, hourStartSec, clock);
  const load = rhythm(hourStartSec);
  const p50 = base * (0.8 + load * 0.5) * (1 + p5xx * 20);
  return {
    p50: Math.round(p50 * 10) / 10,
    p95: Math.round(p50 * (2.8 + unit(hourStartSec, endpoint.resource) * 0.8) * 10) / 10,
  };
}

/** A period of elevated 5xx on a service: what PagerDuty pages about and Datadog alerts on. */
export interface IncidentWindow {
  service: string;
  /** Epoch seconds, hour-aligned. */
  start: number;
  /** Epoch seconds; undefined while still going on (relative to the clock's anchor). */
  end?: number;
  /** Share of requests failing with 5xx during the window. */
  errorRate: number;
  cause: 'burst' | 'burning' | 'exhausted';
}

/**
 * The incidents the traffic model contains between `fromSec` and `toSec`: the occasional
 * one-hour bursts of every service, and the seeded scenarios. The PagerDuty and Datadog
 * simulators derive incidents, alerts and monitor states from this, so all sources agree.
 */
export function incidentWindows(
  service: Service,
  fromSec: number,
  toSec: number,
  clock: TrafficClock,
): IncidentWindow[] {
  const out: IncidentWindow[] = [];
  const endSec = Math.min(toSec, clock.now());
  for (let day = Math.floor(fromSec / 86400); day * 86400 < endSec; day++) {
    if (unit(service.name, 'incident-day', day) < (service.incidentDayRate ?? 0.08)) {
      const burstHour = Math.floor(unit(service.name, 'incident-hour', day) * 24);
      const start = day * 86400 + burstHour * HOUR;
      if (start + HOUR > fromSec && start < endSec) {
        out.push({
          service: service.name,
          start,
          end: start + HOUR,
          errorRate: 0.004 + unit(service.name, 'incident-size', day) * 0.01,
          cause: 'burst',
        });
      }
    }
  }
  if (service.scenarios.includes('burning')) {
    const start = clock.anchor - 2 * HOUR;
    if (start < endSec) out.push({ service: service.name, start, errorRate: 0.03, cause: 'burning' });
  }
  if (service.scenarios.includes('exhausted')) {
    // Recurring pages over the month while the service keeps failing slightly too often.
    for (let d = 1; d <= 28; d += 6) {
      const start = clock.anchor - d * 86400 - 5 * HOUR;
      if (start >= fromSec && start < endSec) {
        out.push({ service: service.name, start, end: start + 2 * HOUR, errorRate: 0.0016, cause: 'exhausted' });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
