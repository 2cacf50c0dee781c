import {
  ApiBlueprint,
  AppRootElementBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import SettingsInputComponentIcon from '@material-ui/icons/SettingsInputComponent';
import { infraApiRef } from './api/InfraApi';
import { InfraClient } from './api/InfraClient';
import { SandboxBadge } from './components/SandboxBadge';
import { datadogEntityFilter, kubernetesEntityFilter, pagerDutyEntityFilter } from './lib/annotations';
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
    loader: () => import('./components/InfraHealthPage').then(m => <m.InfraHealthPage />),
  },
});

const sandboxBadge = AppRootElementBlueprint.make({
  name: 'sandbox-badge',
  params: {
    element: <SandboxBadge />,
  },
});

/** `entity-card:infra/oncall`: PagerDuty on-call by escalation level. */
const onCallCard = EntityCardBlueprint.make({
  name: 'oncall',
  params: {
    type: 'content',
    filter: pagerDutyEntityFilter,
    loader: () => import('./components/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

/** `entity-card:infra/incidents`: open and recently resolved PagerDuty incidents. */
const incidentsCard = EntityCardBlueprint.make({
  name: 'incidents',
  params: {
    type: 'content',
    filter: pagerDutyEntityFilter,
    loader: () => import('./components/EntityIncidentsCard').then(m => <m.EntityIncidentsCard />),
  },
});

/** `entity-card:infra/workloads`: workload health per cluster, with hints for every problem. */
const workloadsCard = EntityCardBlueprint.make({
  name: 'workloads',
  params: {
    type: 'content',
    filter: kubernetesEntityFilter,
    loader: () => import('./components/EntityWorkloadsCard').then(m => <m.EntityWorkloadsCard />),
  },
});

/** `entity-card:infra/monitors`: Datadog monitor states. */
const monitorsCard = EntityCardBlueprint.make({
  name: 'monitors',
  params: {
    type: 'content',
    filter: datadogEntityFilter,
    loader: () => import('./components/EntityMonitorsCard').then(m => <m.EntityMonitorsCard />),
  },
});

/** `entity-card:infra/deploys`: recent deploys from Datadog events. */
const deploysCard = EntityCardBlueprint.make({
  name: 'deploys',
  params: {
    type: 'content',
    filter: datadogEntityFilter,
    loader: () => import('./components/EntityDeploysCard').then(m => <m.EntityDeploysCard />),
  },
});

/** `entity-card:infra/team`: a Group's services with their health, its on-call and incidents. */
const teamCard = EntityCardBlueprint.make({
  name: 'team',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () => import('./components/EntityTeamCard').then(m => <m.EntityTeamCard />),
  },
});

/** `entity-content:infra/kubernetes`: the Kubernetes tab of a Component. */
const kubernetesContent = EntityContentBlueprint.make({
  name: 'kubernetes',
  params: {
    path: 'kubernetes',
    title: infraTranslationRef('kubernetes.title'),
    group: 'deployment',
    filter: kubernetesEntityFilter,
    loader: () => import('./components/EntityKubernetesContent').then(m => <m.EntityKubernetesContent />),
  },
});

/**
 * The integrations page, the sandbox marker, the API client of the `infra` backend, and the
 * entity cards and tab that show an entity's Kubernetes, Datadog and PagerDuty state.
 */
export const infraPlugin = createFrontendPlugin({
  pluginId: 'infra',
  title: 'Integrations',
  icon: <SettingsInputComponentIcon />,
  routes: { health: infraHealthRouteRef },
  extensions: [
    infraApi,
    infraHealthPage,
    sandboxBadge,
    onCallCard,
    incidentsCard,
    workloadsCard,
    monitorsCard,
    deploysCard,
    teamCard,
    kubernetesContent,
  ],
});
