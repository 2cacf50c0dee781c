export { supportPlugin as default } from './plugin';
