export { supportPlugin as default } from './plugin';
export { supportApiRef } from './api/SupportApi';
export type { SupportApi, RequestQuery } from './api/SupportApi';
