/** The catalog module of the SLO plugin: `backend.add(import('@internal/plugin-slo-backend/catalog'))`. */
export { catalogModuleSloDefinitions as default } from './catalog/module';
