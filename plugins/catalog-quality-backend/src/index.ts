export { catalogQualityPlugin as default } from './plugin';
export type { Finding, KubernetesFreshness, Problem, QualityReport, Severity } from './services/QualityReport';
