import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

/** `/api/prr` (scaffold: filled in by the prr issue). */
export const prrPlugin = createBackendPlugin({
  pluginId: 'prr',
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
