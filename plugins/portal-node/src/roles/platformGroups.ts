import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The platform team's group(s), from `portal.platformGroups` (entity refs; `team-x` means
 * `group:default/team-x`). Members may do everything in the portal. No default: a deployment that
 * names no platform group has no platform members, so nobody gets the platform-only rights by
 * accident (production start-up refuses an empty list, see the backend's production checks).
 */
export function readPlatformGroups(config: Config): string[] {
  const refs = config.getOptionalStringArray('portal.platformGroups') ?? [];
  return refs.map(ref => {
    const parsed = parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new Error(`portal.platformGroups: "${ref}" is not a Group reference`);
    }
    return stringifyEntityRef(parsed);
  });
}

/** True when the user's ownership claims include one of the platform groups. */
export function isPlatformMember(ownershipEntityRefs: readonly string[], platformGroups: readonly string[]): boolean {
  return platformGroups.some(g => ownershipEntityRefs.includes(g));
}
