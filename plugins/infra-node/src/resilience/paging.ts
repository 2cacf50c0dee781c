import { UpstreamError } from './errors';

/**
 * How many pages one paged listing may read before it fails, per upstream. Defaults fit a company
 * of ~150 services with headroom: ~6,000 pods per cluster are 12 pages of 500 (cap 100 = 50,000
 * objects); ~3,000 incidents a year are 30 pages of 100 (cap 100 = 10,000 records, PagerDuty's
 * own ceiling for offset paging); ~1,500 monitors are 2 pages of 1,000 (cap 20); a week of
 * Datadog events is read in pages of 1,000 (cap 10 = 10,000 events).
 */
export interface PageLimits {
  kubernetes: number;
  pagerduty: number;
  datadog: number;
  datadogEvents: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = {
  kubernetes: 100,
  pagerduty: 100,
  datadog: 20,
  datadogEvents: 10,
};

const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;

/**
 * A paged listing that cannot finish: more pages than its cap, or the upstream handed back a
 * cursor (or a page) it had already given. Not retryable: asking again would loop the same way.
 */
export class PagingError extends UpstreamError {
  constructor(upstream: string, operation: string, reason: string) {
    super(`${upstream} ${operation}: ${reason}`, { retryable: false });
  }
}

/**
 * Guards one paged listing: call `next(cursor)` before requesting each page after the first.
 * It fails when the cap is reached, when a cursor repeats (the same `continue` token, offset or
 * page key seen before), and when the attempt's signal has aborted (a timed-out listing stops
 * asking for pages).
 */
export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 0;

  constructor(
    private readonly upstream: string,
    private readonly operation: string,
    private readonly maxPages: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** Before each page; `cursor` identifies it (undefined for the first page). */
  next(cursor?: string) {
    if (this.signal?.aborted) {
      throw this.signal.reason ?? new UpstreamError(`${this.upstream} ${this.operation}: aborted`, { retryable: true });
    }
    if (cursor !== undefined) {
      if (this.seen.has(cursor)) {
        throw new PagingError(
          this.upstream,
          this.operation,
          `the upstream returned a cursor it had already returned, after ${pages(this.pages)} (${abbreviate(
            cursor,
          )}); paging stopped`,
        );
      }
      this.seen.add(cursor);
    }
    if (this.pages >= this.maxPages) {
      throw new PagingError(
        this.upstream,
        this.operation,
        `more than ${this.maxPages} pages (the cap of infra.resilience.maxPages); paging stopped`,
      );
    }
    this.pages += 1;
  }

  /** The upstream answered a page it had already answered: fail with what was seen. */
  repeated(what: string): never {
    throw new PagingError(this.upstream, this.operation, `${what}, after ${pages(this.pages)}; paging stopped`);
  }

  get count() {
    return this.pages;
  }
}

function abbreviate(cursor: string) {
  return cursor.length > 40 ? `${cursor.slice(0, 37)}...` : cursor;
}
