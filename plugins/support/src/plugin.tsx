import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** Support (scaffold: filled in by the support issue). */
export const supportPlugin = createFrontendPlugin({
  pluginId: 'support',
  extensions: [],
});
