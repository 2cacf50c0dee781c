export { infraPlugin as default } from './plugin';
export { infraApiRef } from './api/InfraApi';
export type { InfraApi } from './api/InfraApi';
export { FreshnessChip } from './components/FreshnessChip';
export { useRetryWhileLoading } from './hooks/useRetryWhileLoading';
export { infraTranslationRef } from './translation';
export { HealthChip } from './components/HealthChip';
export { InfraCard } from './components/InfraCard';
