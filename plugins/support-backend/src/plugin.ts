import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

/** `/api/support` (scaffold: filled in by the support issue). */
export const supportPlugin = createBackendPlugin({
  pluginId: 'support',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        httpRouter.use(router);
      },
    });
  },
});
