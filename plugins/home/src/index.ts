export { homePlugin as default } from './plugin';
export { homeTranslationRef } from './translation';
