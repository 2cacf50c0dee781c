import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as the catalog writes it (`kind:namespace/name`, kind and namespace lower-case),
 * from a full ref or a shorthand: `team-x` with `defaultKind: 'group'` is `group:default/team-x`,
 * `other/team-x` keeps its namespace. Undefined when the text is no entity ref at all.
 */
export function toEntityRef(
  ref: string,
  defaults: { defaultKind: string; defaultNamespace?: string },
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: defaults.defaultKind,
        defaultNamespace: defaults.defaultNamespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}
