import { InputError } from '@backstage/errors';

/** A keyset cursor's sort key: the last row's values of the list's order columns. */
export type CursorKey = ReadonlyArray<string | number | null>;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, ch => ch.charCodeAt(0)));
}

/** An opaque cursor for the page after the row with this sort key: base64url of its JSON. */
export function encodeCursor(key: CursorKey): string {
  return toBase64Url(JSON.stringify(key));
}

/**
 * The sort key of a cursor made by `encodeCursor`, as `read` accepts it (`read` returns undefined
 * for a key of the wrong shape). Anything else is a 400 naming the `cursor` query parameter.
 */
export function decodeCursor<T>(cursor: string, read: (key: unknown[]) => T | undefined): T {
  try {
    const key: unknown = JSON.parse(fromBase64Url(cursor));
    const value = Array.isArray(key) ? read(key) : undefined;
    if (value !== undefined) return value;
  } catch {
    // fall through
  }
  throw new InputError('Invalid query: cursor: not a cursor from this list (use nextCursor of the previous page)');
}

/** A requested page size as a whole number from 1 to `max`. */
export function clampPageSize(limit: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(limit)));
}
