/** The postmortem backend (`/api/postmortem`); the plugin is the default export. */
export { postmortemPlugin as default } from './plugin';
