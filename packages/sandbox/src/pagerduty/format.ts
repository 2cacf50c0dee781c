import { HEX, idFrom } from '../world/hash';

/**
 * Identifiers, URLs and timestamps in PagerDuty's style. Everything here is a pure function of
 * its inputs, so the simulator gives the same ids on every machine.
 */

/** A JSON object of the wire format. */
export type JsonObject = Record<string, unknown>;

export const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The origin of `self` links, as the real API sends them. */
export const API_ORIGIN = 'https://api.pagerduty.com';
/** The web app of the simulated account (the world's seed is the subdomain). */
export const WEB_ORIGIN = 'https://example-co.pagerduty.com';

/** The account's time zone: what schedules and on-calls are rendered in by default. */
export const ACCOUNT_TIME_ZONE = 'Asia/Tokyo';

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const WEEK = 7 * DAY;

/** How far back the simulated account's incident history reaches. */
export const HISTORY_DAYS = 90;

/** A classic PagerDuty object id: `P` and six upper-case alphanumerics. */
export function pdId(...parts: Array<string | number>): string {
  return `P${idFrom(6, UPPER_ALNUM, 'pagerduty', ...parts)}`;
}

/** Incident ids of newer accounts: `Q` and thirteen upper-case alphanumerics. */
export function incidentId(...parts: Array<string | number>): string {
  return `Q${idFrom(13, UPPER_ALNUM, 'pagerduty-incident', ...parts)}`;
}

/** Log entry ids: `R` and twenty-five upper-case alphanumerics. */
export function logEntryId(...parts: Array<string | number>): string {
  return `R${idFrom(25, UPPER_ALNUM, 'pagerduty-log-entry', ...parts)}`;
}

/** A 32-character lower-case hex key (integration keys, generated dedup keys). */
export function hexKey(...parts: Array<string | number>): string {
  return idFrom(32, HEX, 'pagerduty-key', ...parts);
}

export function apiUrl(path: string): string {
  return `${API_ORIGIN}${path}`;
}

export function webUrl(path: string): string {
  return `${WEB_ORIGIN}${path}`;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    zoneFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The offset of a zone from UTC at an instant, in minutes. */
function offsetMinutes(sec: number, timeZone: string): number {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(new Date(sec * 1000))
      .filter(p => p.type !== 'literal')
      .map(p => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((local / 1000 - sec) / 60);
}

/** ISO 8601 without fractions: `2025-05-12T01:00:00Z`, or with the zone's offset. */
export function isoTime(sec: number, timeZone = 'UTC'): string {
  const off = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 0 : offsetMinutes(sec, timeZone);
  const d = new Date((sec + off * 60) * 1000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return `${base}Z`;
  return `${base}${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Parses an ISO 8601 timestamp to epoch seconds, or undefined when it is not one. */
export function parseTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
