/**
 * What every portal plugin shares, frontend and backend alike, with no vendor in it: input
 * parsing, keyset cursors, entity refs, Kubernetes selector syntax. Vendor integration lives in
 * `@internal/plugin-infra-common` and `@internal/plugin-infra-node`.
 */
export { parseInput, nulCharacterPath } from './input';
export { encodeCursor, decodeCursor, clampPageSize } from './paging';
export type { CursorKey } from './paging';
export { toEntityRef } from './entityRefs';
export {
  SelectorError,
  parseLabelSelector,
  matchesLabels,
  matchesMatchLabels,
  labelMatcher,
  parseFieldSelector,
  fieldMatcher,
} from './kubernetes/selectors';
export type { LabelRequirement, LabelMatcher, FieldRequirement } from './kubernetes/selectors';
