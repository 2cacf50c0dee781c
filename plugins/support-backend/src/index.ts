/** The support backend (`/api/support`); the plugin is the default export. */
export { supportPlugin as default } from './plugin';
