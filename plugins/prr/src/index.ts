export { prrPlugin as default } from './plugin';
