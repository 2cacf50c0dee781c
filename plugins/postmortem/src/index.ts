export { postmortemPlugin as default } from './plugin';
export { postmortemApiRef, PostmortemConflictError } from './api/PostmortemApi';
export type { PostmortemApi } from './api/PostmortemApi';
export { postmortemTranslationRef } from './translation';
