import { PageBlueprint, createFrontendPlugin, createRouteRef } from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';
import { homeTranslationRef } from './translation';

export const homeRouteRef = createRouteRef();

const homePage = PageBlueprint.make({
  params: {
    path: '/',
    routeRef: homeRouteRef,
    title: homeTranslationRef('nav.title'),
    icon: <HomeIcon />,
    loader: () => import('./components/HomePage').then(m => <m.HomePage />),
  },
});

/** The portal's start page for engineers. */
export const homePlugin = createFrontendPlugin({
  pluginId: 'portal-home',
  title: 'Home',
  icon: <HomeIcon />,
  routes: { root: homeRouteRef },
  extensions: [homePage],
});
