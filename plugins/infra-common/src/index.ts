/**
 * Shared by the `infra` backend, its frontend and the plugins that read upstream state:
 * catalog annotations, wire types, permissions.
 */
export * from './annotations';
export * from './permissions';
export { serviceHealth } from './health';
export type * from './types';
