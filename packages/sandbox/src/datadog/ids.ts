import { hash32, HEX, idFrom } from '../world/hash';
import type { Service, World } from '../world/types';

/**
 * Stable identifiers shared by the SLO, monitor and event parts (pure functions of names, so a
 * restarted sandbox hands out the same ids).
 */

/** The availability SLO of a service: 32 lower-case hex characters from the service name. */
export function sloIdFor(serviceName: string): string {
  return idFrom(32, HEX, 'datadog-slo', serviceName);
}

export type MonitorKind = 'error-rate' | 'latency' | 'restarts' | 'burn-rate';
export const MONITOR_KINDS: readonly MonitorKind[] = ['error-rate', 'latency', 'restarts', 'burn-rate'];

/**
 * Monitor ids: 8-digit integers from the service name and monitor kind, with collisions resolved
 * in the (sorted) order of service names.
 */
export function monitorIds(world: World): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  const names = world.services.map(s => s.name).sort();
  for (const name of names) {
    for (const kind of MONITOR_KINDS) {
      let id = 10_000_000 + (hash32('datadog-monitor', name, kind) % 90_000_000);
      while (used.has(id)) id = id >= 99_999_999 ? 10_000_000 : id + 1;
      used.add(id);
      out.set(`${name}/${kind}`, id);
    }
  }
  return out;
}

/** The person a service's objects are created by: a member of the owning team. */
export function ownerOf(world: World, service: Service, salt: string) {
  const team = world.teams.find(t => t.name === service.team);
  const members = team?.members ?? [];
  if (!members.length)
    return {
      name: 'Datadog Sandbox',
      email: 'sandbox@example.com',
      handle: 'sandbox@example.com',
    };
  const m = members[hash32(service.name, salt) % members.length];
  return { name: m.displayName, email: m.email, handle: m.email };
}
