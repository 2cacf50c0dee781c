export { postmortemPlugin as default } from './plugin';
