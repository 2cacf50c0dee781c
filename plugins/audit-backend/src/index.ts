/**
 * The audit log. The plugin (`/api/audit`) is the default export; `portalAuditorServiceFactory`
 * replaces Backstage's auditor so that every plugin's changes are stored.
 */
export { auditPlugin as default } from './plugin';
export { portalAuditorServiceFactory } from './auditor/portalAuditorServiceFactory';
export { auditStoreServiceRef } from './auditor/auditStoreService';
export { auditEventsReadPermission } from './permissions';
export type { AuditRecord } from './database/AuditStore';
