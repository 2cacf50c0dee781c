export { sloPlugin as default } from './plugin';
export { sloApiRef } from './api/SloApi';
export type { FleetFilter, NewSloCorrection, SloApi, WeeklyReviewFormat } from './api/SloApi';
export { sloTranslationRef } from './translation';
