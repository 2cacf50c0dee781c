/** Shared by postmortem-backend and the postmortem frontend: wire types, permissions and pure logic. */
export * from './permissions';
