import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * What a caller may read of the catalog, kept for a few seconds per caller.
 *
 * Why: every overview, fleet and gate read starts with a catalog read under the caller's
 * credentials (so the permission policy decides what they see). On a busy portal that read —
 * the catalog router, its permission check, its audit event — costs more than the answer itself,
 * and a dashboard re-asks the same question every few seconds. The answer is kept per caller
 * (user entity ref or service subject) and per question, never shared between callers, so it
 * never shows anyone more than their own read did. Concurrent identical reads share one call.
 *
 * Bounds: `ttlMs` (default 15 s: a permission or membership change takes effect within it),
 * at most `maxEntries` answers (oldest dropped first); a failed read is not kept.
 */
export class CallerCatalogCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options?: { ttlMs?: number; maxEntries?: number; now?: () => number }) {
    this.ttlMs = options?.ttlMs ?? 15_000;
    this.maxEntries = options?.maxEntries ?? 2_000;
    this.now = options?.now ?? Date.now;
  }

  /** The caller's identity as the cache keys it; undefined for a caller it must not cache. */
  static callerKey(credentials: BackstageCredentials): string | undefined {
    const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
    if (principal?.type === 'user' && principal.userEntityRef) return `user:${principal.userEntityRef}`;
    if (principal?.type === 'service' && principal.subject) return `service:${principal.subject}`;
    return undefined;
  }

  /** `read()`'s answer for this caller and question, from the last `ttlMs` if there is one. */
  async get<T>(credentials: BackstageCredentials, question: string, read: () => Promise<T>): Promise<T> {
    const caller = CallerCatalogCache.callerKey(credentials);
    if (!caller || this.ttlMs <= 0) return read();
    const key = `${caller}\u0000${question}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = read();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    try {
      return await value;
    } catch (e) {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
      throw e;
    }
  }

  /** Forgets every kept answer (tests, or after a write that changes what callers see). */
  clear(): void {
    this.entries.clear();
  }
}
