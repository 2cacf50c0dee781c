import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/**
 * An entity ref as people read it, with Backstage's `humanizeEntityRef`: the default namespace is
 * left out, and so is the kind when it is `defaultKind` (`group:default/team-a` is `team-a` for
 * the kind `group`). Without `defaultKind`, any kind is left out in the default namespace
 * (`user:default/alice` is `alice`) and kept elsewhere (`user:ops/alice`). What is not a ref comes
 * back as it was.
 */
export function shortRef(ref: string, defaultKind?: string): string {
  try {
    const entityRef = parseEntityRef(ref, defaultKind ? { defaultKind } : undefined);
    const dropKind = defaultKind ?? (entityRef.namespace === 'default' ? entityRef.kind : undefined);
    return humanizeEntityRef(entityRef, { defaultKind: dropKind });
  } catch {
    return ref;
  }
}
