/*
 * The Platform Portal backend (new backend system). Each feature is one line;
 * plugin packages own their wiring.
 */
import { createBackend } from '@backstage/backend-defaults';
import { portalAuditorServiceFactory } from '@internal/plugin-audit-backend';
import { portalPermissionPolicyModule } from './permissions/module';
import { githubOrgNamesModule } from './catalog/githubOrgNames';
import {
  instrumentedSchedulerServiceFactory,
  portalRootHttpRouterServiceFactory,
  upstreamMetricsModule,
} from './observability';
import { productionRootConfigServiceFactory } from './production/productionRootConfig';

const backend = createBackend();

// Config, checked: in production a missing upstream setting or anything of the sandbox stops the
// process before any plugin starts, naming the key (packages/backend/src/production).
backend.add(productionRootConfigServiceFactory);

// Self-observability: request ids and one structured log line per request, Prometheus metrics on
// `portal.metrics.port` (requests, latencies, upstream calls, cache hits, breakers, task runs).
backend.add(portalRootHttpRouterServiceFactory);
backend.add(instrumentedSchedulerServiceFactory);

// Serves the built frontend when it exists (production and browser tests).
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest locally; GitHub and OIDC are configured in app-config.production.yaml.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

// Event bus shared by plugins (the catalog subscribes to it).
backend.add(import('@backstage/plugin-events-backend'));

// Software catalog, from GitHub: catalog-info.yaml files across the organisation
// (catalog.providers.github) and its teams and members as Groups and Users
// (catalog.providers.githubOrg, Users named by their verified company e-mail: ./catalog).
// Locally the sandbox's GitHub serves the example company (packages/sandbox/src/github).
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-github'));
backend.add(import('@backstage/plugin-catalog-backend-module-github-org'));
backend.add(githubOrgNamesModule);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Entities that failed processing (/api/catalog/entities/unprocessed/*), read by catalog-quality.
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

// Permissions framework with the portal's policy: the platform team may do everything; others
// change only what their teams own (packages/backend/src/permissions).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(portalPermissionPolicyModule);

// Search over the catalog (Lunr on SQLite, PostgreSQL full-text search in production).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Signals: push updates to the browser (user settings and later live pages use it).
backend.add(import('@backstage/plugin-signals-backend'));

// The shared integration backend: Kubernetes, Datadog and PagerDuty (/api/infra).
backend.add(import('@internal/plugin-infra-backend'));
backend.add(upstreamMetricsModule);

// Catalog data quality: owners, annotations, processing errors, Kubernetes drift (/api/catalog-quality).
backend.add(import('@internal/plugin-catalog-quality-backend'));

// SLOs as code (spec.slo): SLIs from Datadog, error budgets, burn-rate alerts, deploy gate (/api/slo),
// and the catalog module that rejects an invalid spec.slo.
backend.add(import('@internal/plugin-slo-backend'));
backend.add(import('@internal/plugin-slo-backend/catalog'));

// Production Readiness Review: checklists verified against live data, sign-off, drift (/api/prr).
backend.add(import('@internal/plugin-prr-backend'));

// Postmortems from PagerDuty incidents, with SLO impact and action items (/api/postmortem).
backend.add(import('@internal/plugin-postmortem-backend'));

// Support requests from product teams to the platform team: triage queue, SLA clocks (/api/support).
backend.add(import('@internal/plugin-support-backend'));

// Notifications to users (support request changes, PRR drift), delivered in the portal.
backend.add(import('@backstage/plugin-notifications-backend'));

// Audit log of every change to the portal's own data (/api/audit); the auditor stores each change.
backend.add(import('@internal/plugin-audit-backend'));
backend.add(portalAuditorServiceFactory);

// The portal's plugins' actions (Backstage's actions registry) as MCP tools over Streamable HTTP at
// /api/mcp-actions/v1, run with the caller's credentials; which plugins: backend.actions.pluginSources.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Per-user settings (theme, language) stored server-side.
backend.add(import('@backstage/plugin-user-settings-backend'));

backend.start();
