/** The audit log (`/api/audit`): who changed what and when. The plugin is the default export. */
export { auditPlugin as default } from './plugin';
