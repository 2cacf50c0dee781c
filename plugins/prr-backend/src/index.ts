/** The prr backend (`/api/prr`); the plugin is the default export. */
export { prrPlugin as default } from './plugin';
