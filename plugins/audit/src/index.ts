export { auditPlugin as default } from './plugin';
export { auditApiRef } from './api/AuditApi';
export type { AuditApi, AuditRecord, AuditQuery, AuditPage } from './api/AuditApi';
export { auditTranslationRef } from './translation';
