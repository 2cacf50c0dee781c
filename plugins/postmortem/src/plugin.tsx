import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** Postmortems (scaffold: filled in by the postmortem issue). */
export const postmortemPlugin = createFrontendPlugin({
  pluginId: 'postmortem',
  extensions: [],
});
