export { DefaultQualityReportService } from './DefaultQualityReportService';
export { PROBLEMS, SEVERITIES } from './types';
export type {
  Finding,
  KubernetesFreshness,
  Problem,
  QualityReport,
  QualityReportFilter,
  QualityReportService,
  Severity,
} from './types';
