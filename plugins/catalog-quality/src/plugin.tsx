import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { catalogQualityApiRef } from './api/CatalogQualityApi';
import { CatalogQualityClient } from './api/CatalogQualityClient';
import { catalogQualityTranslationRef } from './translation';

export const catalogQualityRouteRef = createRouteRef();

const catalogQualityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogQualityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CatalogQualityClient(deps),
    }),
});

const catalogQualityPage = PageBlueprint.make({
  params: {
    path: '/catalog-quality',
    routeRef: catalogQualityRouteRef,
    title: catalogQualityTranslationRef('nav.title'),
    icon: <PlaylistAddCheckIcon />,
    loader: () => import('./components/CatalogQualityPage').then(m => <m.CatalogQualityPage />),
  },
});

/** The catalog data-quality page and the API client of the `catalog-quality` backend. */
export const catalogQualityPlugin = createFrontendPlugin({
  pluginId: 'catalog-quality',
  title: 'Catalog quality',
  icon: <PlaylistAddCheckIcon />,
  routes: { root: catalogQualityRouteRef },
  extensions: [catalogQualityApi, catalogQualityPage],
});
