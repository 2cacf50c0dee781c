/** Deterministic pseudo-randomness: the same inputs give the same world on every machine. */
export function hash32(...parts: Array<string | number>): number {
  let h = 2166136261;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    h ^= 0x2f;
    h = Math.imul(h, 16777619) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 2246822507) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 1) from the inputs. */
export function unit(...parts: Array<string | number>): number {
  return hash32(...parts) / 4294967296;
}

/** An id from the inputs in the given alphabet. */
export function idFrom(length: number, alphabet: string, ...parts: Array<string | number>): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[hash32(i, ...parts) % alphabet.length];
  }
  return out;
}

export const HEX = '0123456789abcdef';
export const LOWER_ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
