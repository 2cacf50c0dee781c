/**
 * Shared by slo-backend and the slo frontend: the wire types of `/api/slo`, the `spec.slo`
 * format and the pure SLO arithmetic (SLI, error budget, burn-rate alerts, policy, corrections).
 */
export type * from './types';
export * from './definition';
export * from './sli';
export * from './budget';
export * from './corrections';
export * from './time';
export * from './permissions';
export * from './rollup';
export * from './datadogTags';
export * from './gate';
