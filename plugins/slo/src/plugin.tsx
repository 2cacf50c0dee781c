import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import { sloApiRef } from './api/SloApi';
import { SloClient } from './api/SloClient';
import { sloEntityFilter } from './lib/filters';
import { sloTranslationRef } from './translation';

export const sloRootRouteRef = createRouteRef();
export const sloFleetRouteRef = createRouteRef();
export const sloWeeklyReviewRouteRef = createRouteRef();

/** `api:slo`: the client of the `slo` backend. */
const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
});

/** `page:slo`: the SLO dashboard at /slo, with the fleet and the weekly review as its tabs. */
const sloPage = PageBlueprint.make({
  params: {
    path: '/slo',
    routeRef: sloRootRouteRef,
    title: sloTranslationRef('nav.title'),
    icon: <TrackChangesIcon />,
  },
});

/** `sub-page:slo/fleet`: every service, least budget remaining first. */
const fleetSubPage = SubPageBlueprint.make({
  name: 'fleet',
  params: {
    path: 'fleet',
    title: sloTranslationRef('fleet.title'),
    routeRef: sloFleetRouteRef,
    loader: () => import('./components/FleetDashboard').then(m => <m.FleetDashboard />),
  },
});

/** `sub-page:slo/weekly-review`: twelve weeks of attainment, with Markdown and CSV exports. */
const weeklyReviewSubPage = SubPageBlueprint.make({
  name: 'weekly-review',
  params: {
    path: 'weekly-review',
    title: sloTranslationRef('review.title'),
    routeRef: sloWeeklyReviewRouteRef,
    loader: () => import('./components/WeeklyReview').then(m => <m.WeeklyReview />),
  },
});

/** `entity-content:slo/slo`: the SLO tab of Components that declare `spec.slo`. */
const sloContent = EntityContentBlueprint.make({
  name: 'slo',
  params: {
    path: 'slo',
    title: sloTranslationRef('tab.title'),
    group: 'observability',
    filter: sloEntityFilter,
    loader: () => import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

/** `entity-card:slo/overview`: SLI against target, budget, policy and alert state. */
const sloCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: sloEntityFilter,
    loader: () => import('./components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * SLOs and error budgets: the fleet dashboard and weekly review at /slo, the SLO tab and the
 * overview card of every Component with `spec.slo`, and the client of the `slo` backend.
 */
export const sloPlugin = createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  icon: <TrackChangesIcon />,
  routes: {
    root: sloRootRouteRef,
    fleet: sloFleetRouteRef,
    weeklyReview: sloWeeklyReviewRouteRef,
  },
  extensions: [sloApi, sloPage, fleetSubPage, weeklyReviewSubPage, sloContent, sloCard],
});
