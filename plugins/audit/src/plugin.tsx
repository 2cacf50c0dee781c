import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import HistoryIcon from '@material-ui/icons/History';
import { auditApiRef } from './api/AuditApi';
import { AuditClient } from './api/AuditClient';
import { auditTranslationRef } from './translation';

export const auditRouteRef = createRouteRef();

const auditApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: auditApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AuditClient(deps),
    }),
});

/** `page:audit`: the audit log at /audit (the backend lets platform members read it). */
const auditPage = PageBlueprint.make({
  params: {
    path: '/audit',
    routeRef: auditRouteRef,
    title: auditTranslationRef('nav.title'),
    icon: <HistoryIcon />,
    loader: () => import('./components/AuditLogPage').then(m => <m.AuditLogPage />),
  },
});

/** The audit log page and the client of the `audit` backend. */
export const auditPlugin = createFrontendPlugin({
  pluginId: 'audit',
  title: 'Audit log',
  icon: <HistoryIcon />,
  routes: { root: auditRouteRef },
  extensions: [auditApi, auditPage],
});
