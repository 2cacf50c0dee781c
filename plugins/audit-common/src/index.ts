/** Shared by audit-backend and the audit frontend: the summaries of audit records. */
export * from './summary';
