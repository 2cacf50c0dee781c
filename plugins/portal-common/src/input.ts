import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/** The path of the first string in `value` that holds a NUL character, if any. */
export function nulCharacterPath(value: unknown, path: Array<string | number> = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulCharacterPath(v, [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyPath = [...path, k];
      if (k.includes('\u0000')) return keyPath.join('.');
      const found = nulCharacterPath(v, keyPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Validates a request's body, query or path parameters with a zod schema, the same way in every
 * portal backend: an `InputError` (400) naming each offending field, e.g.
 * `Invalid review: reason: must not be empty`. Text may not contain NUL characters (PostgreSQL
 * cannot store them, so they are refused on every database alike).
 */
export function parseInput<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
        .join('; ')}`,
    );
  }
  const nul = nulCharacterPath(result.data);
  if (nul !== undefined) {
    throw new InputError(`Invalid ${what}: ${nul}: must not contain NUL (\\u0000) characters`);
  }
  return result.data;
}
