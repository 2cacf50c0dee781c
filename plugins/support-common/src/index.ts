/** Shared by support-backend and the support frontend: wire types, permissions and pure logic. */
export * from './permissions';
