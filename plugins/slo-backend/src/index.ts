/**
 * The SLO backend (`/api/slo`). The plugin is the default export; the catalog module that
 * validates `spec.slo` is the default export of `@internal/plugin-slo-backend/catalog`.
 */
export { sloPlugin as default } from './plugin';
export { catalogModuleSloDefinitions } from './catalog/module';
