import {
  ApiBlueprint,
  AppRootElementBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import SettingsInputComponentIcon from '@material-ui/icons/SettingsInputComponent';
import { infraApiRef } from './api/InfraApi';
import { InfraClient } from './api/InfraClient';
import { SandboxBadge } from './components/SandboxBadge';
import { infraTranslationRef } from './translation';

export const infraHealthRouteRef = createRouteRef();

const infraApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: infraApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraClient(deps),
    }),
});

const infraHealthPage = PageBlueprint.make({
  params: {
    path: '/infra',
    routeRef: infraHealthRouteRef,
    title: infraTranslationRef('nav.title'),
    icon: <SettingsInputComponentIcon />,
    loader: () =>
      import('./components/InfraHealthPage').then(m => <m.InfraHealthPage />),
  },
});

const sandboxBadge = AppRootElementBlueprint.make({
  name: 'sandbox-badge',
  params: {
    element: <SandboxBadge />,
  },
});

/** The integrations page, the sandbox marker and the API client of the `infra` backend. */
export const infraPlugin = createFrontendPlugin({
  pluginId: 'infra',
  title: 'Integrations',
  icon: <SettingsInputComponentIcon />,
  routes: { health: infraHealthRouteRef },
  extensions: [infraApi, infraHealthPage, sandboxBadge],
});
