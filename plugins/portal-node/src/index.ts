/**
 * What every portal backend shares, with no vendor in it: audited changes, database timestamps,
 * the platform-group roles and the per-caller catalog cache. Vendor integration lives in
 * `@internal/plugin-infra-node`.
 */
export { auditedChange } from './audit/auditedChange';
export type { CredentialedAuditEventOptions } from './audit/auditedChange';
export { timestampToIso } from './database/timestamps';
export type { DbTimestamp } from './database/timestamps';
export { readPlatformGroups, isPlatformMember } from './roles/platformGroups';
export { CallerCatalogCache } from './catalog/CallerCatalogCache';
