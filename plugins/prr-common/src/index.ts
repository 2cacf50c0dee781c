/** Shared by prr-backend and the prr frontend: wire types, permissions and pure logic. */
export * from './permissions';
export * from './types';
export * from './evidence';
export * from './tier';
export * from './checks/kubernetes';
export * from './progress';
export * from './markdown';
