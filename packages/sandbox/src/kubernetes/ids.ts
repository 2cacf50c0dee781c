import { HEX, LOWER_ALNUM, hash32, idFrom } from '../world/hash';

/**
 * Deterministic identifiers and time formats in the shapes the API server uses. Everything is
 * a function of its inputs, so two sandboxes built from the same world and clock agree.
 */

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/** A UUID (v4 layout) for `metadata.uid`. */
export function uidFor(...parts: Array<string | number>): string {
  const h = idFrom(32, HEX, 'uid', ...parts);
  const variant = HEX[8 + (hash32('variant', ...parts) % 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The random suffixes controllers append: `pod-template-hash` (10 chars) for ReplicaSets, 5 chars
 * for pods. Kubernetes draws them from an alphabet without vowels, which `LOWER_ALNUM` mirrors.
 */
export function suffix(length: number, ...parts: Array<string | number>): string {
  return idFrom(length, LOWER_ALNUM, 'suffix', ...parts);
}

/** `sha256:<64 hex>` digests for image ids, `containerd://<64 hex>` container ids. */
export function sha256(...parts: Array<string | number>): string {
  return idFrom(64, HEX, 'sha256', ...parts);
}

/** A number in [min, max] from the inputs. */
export function pick(min: number, max: number, ...parts: Array<string | number>): number {
  return min + (hash32('pick', ...parts) % (max - min + 1));
}

/** `metadata.resourceVersion`: an etcd revision, numeric but opaque to clients. */
export function resourceVersionFor(...parts: Array<string | number>): string {
  return String(4_000_000 + (hash32('rv', ...parts) % 5_000_000));
}

/** Kubernetes `Time`: RFC 3339 with second precision, e.g. `2024-05-01T09:30:00Z`. */
export function rfc3339(epochSec: number): string {
  return new Date(Math.floor(epochSec) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Kubernetes `MicroTime`: RFC 3339 with microseconds, e.g. `2024-05-01T09:30:00.123456Z`. */
export function microTime(epochSec: number, micros = 0): string {
  const base = rfc3339(epochSec).replace(/Z$/, '');
  return `${base}.${String(Math.abs(micros) % 1_000_000).padStart(6, '0')}Z`;
}

/** Log timestamps (`timestamps=true`): RFC 3339 with nanoseconds, as the kubelet writes them. */
export function nanoTime(epochSec: number, nanos: number): string {
  return `${rfc3339(epochSec).replace(/Z$/, '')}.${String(nanos % 1_000_000_000).padStart(9, '0')}Z`;
}

/** An IPv4 address inside `prefix` (two octets, e.g. `10.0`) from the inputs. */
export function ipIn(prefix: string, thirdMin: number, thirdMax: number, ...parts: Array<string | number>): string {
  return `${prefix}.${pick(thirdMin, thirdMax, 'ip3', ...parts)}.${pick(2, 253, 'ip4', ...parts)}`;
}
