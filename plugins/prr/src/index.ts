export { prrPlugin as default } from './plugin';
export { prrApiRef } from './api/PrrApi';
export type { PrrApi } from './api/PrrApi';
export { prrTranslationRef } from './translation';
