import { useEffect } from 'react';

/**
 * How often a view asks again while part of it is still `loading` (no snapshot yet): longer than
 * the client keeps an answer (InfraClient, 5 s), so the retry reaches the backend.
 */
export const LOADING_RETRY_MS = 6_000;

/** Whether any `freshness` inside `value` is `loading`: the backend's first listing still runs. */
export function hasLoadingPart(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasLoadingPart);
  const record = value as Record<string, unknown>;
  const freshness = record.freshness as { state?: unknown } | undefined;
  if (freshness && typeof freshness === 'object' && freshness.state === 'loading') return true;
  return Object.values(record).some(v => v !== null && typeof v === 'object' && hasLoadingPart(v));
}

/**
 * While an answer says `loading`, asks again every few seconds, so the card fills in by itself
 * once the background refresh has stored the first snapshot.
 */
export function useRetryWhileLoading(value: unknown, retry: () => void) {
  const loading = hasLoadingPart(value);
  useEffect(() => {
    if (!loading) return undefined;
    const timer = setTimeout(retry, LOADING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [loading, value, retry]);
}
