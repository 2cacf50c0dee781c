import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';

/** `/api/postmortem` (scaffold: filled in by the postmortem issue). */
export const postmortemPlugin = createBackendPlugin({
  pluginId: 'postmortem',
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
