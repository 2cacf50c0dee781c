import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** Production readiness (scaffold: filled in by the prr issue). */
export const prrPlugin = createFrontendPlugin({
  pluginId: 'prr',
  extensions: [],
});
