import type { NextFunction, Request, Response } from 'express';

/**
 * Faults injected per upstream through the admin endpoint, for tests and demos.
 * A target is `datadog`, `pagerduty` or `kubernetes/<cluster>`.
 */
export interface FaultSpec {
  /** Extra delay before answering, milliseconds. */
  latencyMs?: number;
  /** Answer with this HTTP status (5xx) instead of the real response. */
  status?: number;
  /** Answer 429 with the vendor's rate-limit headers; the limit resets after this many seconds. */
  rateLimitResetSeconds?: number;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Answer 200 with a truncated, unparsable JSON body. */
  malformed?: boolean;
  /**
   * Paged listings never end: Kubernetes lists hand back a `continue` token again and again (the
   * one the client sent, or one that restarts the list), PagerDuty lists answer `more: true`,
   * Datadog's paged monitor and event lists answer full pages of the first records. Answers
   * stay valid under the vendor's contract; only the paging is broken. Other requests pass.
   */
  endlessPages?: boolean;
  /** Fraction of requests affected, 0..1 (default 1). Deterministic: every n-th request. */
  ratio?: number;
  /** Only the next N requests are affected; then the fault clears itself. */
  count?: number;
  /** Only requests whose path (and query) match this regular expression are affected. */
  path?: string;
}

export interface VendorErrorFormat {
  /** Body of an error response in the vendor's format. */
  errorBody(status: number, message: string): unknown;
  /** Headers that announce a rate limit, in the vendor's style. */
  rateLimitHeaders(resetSeconds: number): Record<string, string>;
  /**
   * The `endlessPages` fault for one request: may adjust the request (e.g. always the first
   * page) and returns how to rewrite its answer so that it asks for another page, forever;
   * undefined for requests that are not paged lists (they pass unchanged).
   */
  endlessPage?(req: Request): ((body: unknown) => unknown) | undefined;
}

export class FaultRegistry {
  private readonly faults = new Map<string, FaultSpec & { seen: number }>();
  /** Requests each target has received (tests read this to count upstream calls). */
  readonly requestCounts = new Map<string, number>();
  /** The request log of each target: method and path, newest last (bounded). */
  readonly requestLog = new Map<string, string[]>();

  set(target: string, spec: FaultSpec) {
    this.faults.set(target, { ...spec, seen: 0 });
  }

  clear(target?: string) {
    if (target) this.faults.delete(target);
    else this.faults.clear();
  }

  list(): Record<string, FaultSpec> {
    return Object.fromEntries([...this.faults].map(([k, { seen: _seen, ...spec }]) => [k, spec]));
  }

  resetCounts() {
    this.requestCounts.clear();
    this.requestLog.clear();
  }

  /** Express middleware that records requests to `target` and applies its fault, if any. */
  middleware(target: string, format: VendorErrorFormat) {
    return (req: Request, res: Response, next: NextFunction) => {
      this.requestCounts.set(target, (this.requestCounts.get(target) ?? 0) + 1);
      const log = this.requestLog.get(target) ?? [];
      log.push(`${req.method} ${req.originalUrl}`);
      if (log.length > 2000) log.shift();
      this.requestLog.set(target, log);

      const fault = this.faults.get(target);
      if (!fault || (fault.path !== undefined && !new RegExp(fault.path).test(req.originalUrl))) {
        next();
        return;
      }
      fault.seen += 1;
      const ratio = fault.ratio ?? 1;
      const hit = ratio >= 1 || Math.floor(fault.seen * ratio) > Math.floor((fault.seen - 1) * ratio);
      if (fault.count !== undefined) {
        fault.count -= 1;
        if (fault.count <= 0) this.faults.delete(target);
      }
      if (!hit) {
        next();
        return;
      }
      const rewrite = fault.endlessPages && req.method === 'GET' ? format.endlessPage?.(req) : undefined;
      if (rewrite) {
        // Every JSON answer goes through send as text (res.json included): rewrite it there.
        const send = res.send.bind(res);
        res.send = (body?: unknown) => {
          if (res.statusCode !== 200 || typeof body !== 'string' || !/json/.test(String(res.get('Content-Type')))) {
            return send(body);
          }
          return send(JSON.stringify(rewrite(JSON.parse(body))));
        };
      }
      if (fault.hang) {
        // Hold the connection open; the client's timeout is what ends it.
        req.on('close', () => undefined);
        return;
      }
      const act = () => {
        if (fault.rateLimitResetSeconds !== undefined) {
          res
            .status(429)
            .set(format.rateLimitHeaders(fault.rateLimitResetSeconds))
            .json(format.errorBody(429, 'Too many requests'));
        } else if (fault.status) {
          res.status(fault.status).json(format.errorBody(fault.status, 'Injected fault'));
        } else if (fault.malformed) {
          res.status(200).type('application/json').send('{"data": [{"id": "trunc');
        } else {
          next();
        }
      };
      if (fault.latencyMs) setTimeout(act, fault.latencyMs);
      else act();
    };
  }
}
