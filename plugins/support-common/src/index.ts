/** Shared by support-backend and the support frontend: wire types, permissions and pure logic. */
export * from './permissions';
export type * from './types';
export * from './statuses';
export * from './businessHours';
export * from './sla';
export * from './fields';
export * from './messages';
