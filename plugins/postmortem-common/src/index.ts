/** Shared by postmortem-backend and the postmortem frontend: wire types, permissions and pure logic. */
export * from './permissions';
export type * from './types';
export * from './template';
export * from './markdown';
export * from './diff';
export * from './messages';
