export { catalogQualityPlugin as default } from './plugin';
export { catalogQualityApiRef } from './api/CatalogQualityApi';
export type { CatalogQualityApi, Finding, Problem, QualityReport, Severity } from './api/CatalogQualityApi';
export { catalogQualityTranslationRef } from './translation';
