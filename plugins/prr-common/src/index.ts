/** Shared by prr-backend and the prr frontend: wire types, permissions and pure logic. */
export * from './permissions';
