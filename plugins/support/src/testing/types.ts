export type { RequestType, SlaClock, SupportRequestSummary } from '@internal/plugin-support-common';
export type { SupportApi } from '../api/SupportApi';
