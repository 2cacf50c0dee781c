import { isTimeZone, parseTime } from './format';

/** A REST error in PagerDuty's wire format; the router turns it into the response. */
export class PagerDutyError extends Error {
  constructor(readonly status: number, message: string, readonly code: number, readonly errors?: string[]) {
    super(message);
  }

  get body() {
    return {
      error: {
        message: this.message,
        code: this.code,
        ...(this.errors ? { errors: this.errors } : {}),
      },
    };
  }
}

export const notFound = () => new PagerDutyError(404, 'Not Found', 2100);
export const unauthorized = () => new PagerDutyError(401, 'Unauthorized', 2006);
export const invalidInput = (...errors: string[]) => new PagerDutyError(400, 'Invalid Input Provided', 2001, errors);

/**
 * The query string as PagerDuty reads it: array parameters are sent as `name[]` (the documented
 * form), and a plain `name` is accepted as well.
 */
export class Query {
  private readonly params: URLSearchParams;

  constructor(url: string) {
    this.params = new URL(url, 'http://query.invalid').searchParams;
  }

  has(name: string): boolean {
    return this.params.has(name) || this.params.has(`${name}[]`);
  }

  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : v;
  }

  list(name: string): string[] {
    return [...this.params.getAll(`${name}[]`), ...this.params.getAll(name)].filter(v => v !== '');
  }

  /** A list whose values must come from `allowed`. */
  enumList(name: string, allowed: readonly string[]): string[] {
    const values = this.list(name);
    const bad = values.filter(v => !allowed.includes(v));
    if (bad.length) {
      throw invalidInput(`${name} has invalid values: ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
    }
    return [...new Set(values)];
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined || v === '') return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw invalidInput(`${name} must be true or false`);
  }

  /** An ISO 8601 timestamp parameter, as epoch seconds. */
  time(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined || v === '') return undefined;
    const t = parseTime(v);
    if (t === undefined) throw invalidInput(`${name[0].toUpperCase()}${name.slice(1)} is not a valid date`);
    return t;
  }

  timeZone(fallback: string): string {
    const v = this.string('time_zone');
    if (v === undefined || v === '') return fallback;
    if (!isTimeZone(v)) throw invalidInput(`Time zone ${v} is not a valid time zone`);
    return v;
  }
}

export interface Page {
  limit: number;
  offset: number;
  total: boolean;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

function nonNegativeInt(q: Query, name: string): number | undefined {
  const v = q.string(name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw invalidInput(`${name} must be a non-negative integer`);
  return Number(v);
}

/** `limit`, `offset` and `total` of classic offset pagination. */
export function readPage(q: Query): Page {
  const limit = nonNegativeInt(q, 'limit');
  const offset = nonNegativeInt(q, 'offset') ?? 0;
  if (limit === 0) throw invalidInput('limit must be greater than 0');
  return {
    limit: Math.min(limit ?? DEFAULT_LIMIT, MAX_LIMIT),
    offset,
    total: q.bool('total') ?? false,
  };
}

/** One page of a list in PagerDuty's envelope: `{ <key>: [...], limit, offset, total, more }`. */
export function paginate<T, R>(key: string, items: T[], page: Page, render: (item: T) => R) {
  const slice = items.slice(page.offset, page.offset + page.limit);
  return {
    [key]: slice.map(render),
    limit: page.limit,
    offset: page.offset,
    total: page.total ? items.length : null,
    more: page.offset + slice.length < items.length,
  };
}
