import express from 'express';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  KubernetesDeletions,
  KubernetesRollouts,
  PagerDutyChangeLog,
  SANDBOX_CREDENTIALS,
  type SimulatorContext,
} from './context';
import { buildClusterModel } from './kubernetes/cluster';
import { FaultRegistry, type FaultSpec } from './faults';
import { createDatadogRouter, datadogErrorFormat } from './datadog';
import {
  createGithubAdminRouter,
  createGithubRouter,
  createGithubSandbox,
  githubCatalogConfig,
  githubErrorFormat,
  loadGithubOrganization,
  type GithubSandbox,
  type GithubScheduleOptions,
} from './github';
import { createKubernetesRouter, kubernetesErrorFormat } from './kubernetes';
import { createPagerDutyRouter, pagerDutyErrorFormat } from './pagerduty';
import { ensureSandboxCertificate } from './tls';
import { loadWorld } from './world/loadWorld';
import { companyWorld } from './world/company';
import { companyGithubOrganization } from './world/companyGithub';
import { datadogBehaviour, kubernetesBehaviour, pagerDutyBehaviour } from './world/companyVendors';
import { systemClock, type TrafficClock } from './world/traffic';
import type { World } from './world/types';

export interface SandboxPorts {
  admin: number;
  datadog: number;
  pagerduty: number;
  /** HTTPS port of the PagerDuty Events API (pdjs only speaks https to it). */
  pagerdutyEvents: number;
  /** One port per cluster, in the order of `world.clusters`. */
  kubernetes: number[];
  /** GitHub (web, REST under /api/v3, GraphQL at /api/graphql) of the example organisation. */
  github: number;
}

/** The ports `npm start` uses; tests pass 0 everywhere to get free ones. */
export const DEFAULT_PORTS: SandboxPorts = {
  admin: 7100,
  kubernetes: [7101, 7102],
  datadog: 7103,
  pagerduty: 7104,
  pagerdutyEvents: 7105,
  github: 7106,
};

export interface Sandbox {
  world: World;
  clock: TrafficClock;
  faults: FaultRegistry;
  /** Kubernetes objects deleted from the simulated clusters (admin `DELETE /kubernetes/...`). */
  deletions: KubernetesDeletions;
  /** Deployments rolled out through the admin API (`POST /kubernetes/<cluster>/deployments/<ns>/<name>/rollout`). */
  rollouts: KubernetesRollouts;
  /** Change events the PagerDuty Events API accepted (admin `GET /pagerduty/change-events`). */
  pagerDutyChanges: PagerDutyChangeLog;
  /** The GitHub organisation (teams, members, repositories) and the requests it answered. */
  github: GithubSandbox;
  urls: {
    admin: string;
    datadog: string;
    pagerduty: string;
    /** `host:port` of the HTTPS Events API, the form pdjs' `server` option takes. */
    pagerdutyEventsServer: string;
    kubernetes: Record<string, string>;
    /** GitHub's web root; the REST API is under `/api/v3`, GraphQL at `/api/graphql`. */
    github: string;
  };
  /** PEM file of the self-signed certificate of the HTTPS Events API. */
  certFile: string;
  /** The portal's `infra` config block that points at this sandbox. */
  infraConfig(): { [key: string]: any };
  /**
   * The portal's `integrations.github` and `catalog.providers.github`/`githubOrg` that read the
   * example organisation from this sandbox's GitHub (top-level keys, to merge into app config).
   */
  githubConfig(schedule?: GithubScheduleOptions): { integrations: any; catalog: any };
  stop(): Promise<void>;
}

async function listen(app: express.Express, port: number, host: string, tls?: { key: Buffer; cert: Buffer }) {
  const server = tls ? https.createServer(tls, app) : http.createServer(app);
  // Keep-alive sockets would hold stop() open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `${tls ? 'https' : 'http'}://${host}:${actual}` };
}

function vendorApp(
  faults: FaultRegistry,
  target: string,
  format: Parameters<FaultRegistry['middleware']>[1],
  router: express.Router,
  behaviour?: express.RequestHandler,
) {
  const app = express();
  app.disable('x-powered-by');
  app.use(faults.middleware(target, format));
  if (behaviour) app.use(behaviour);
  app.use(router);
  return app;
}

/** The admin API: faults, request counters and a summary of the world. */
function adminApp(
  sandbox: Pick<Sandbox, 'world' | 'clock' | 'faults' | 'deletions' | 'rollouts' | 'pagerDutyChanges' | 'github'>,
) {
  const app = express();
  // GitHub: list the organisation's repositories, add one with a catalog-info.yaml
  // (POST /github/repositories { name, catalogInfo }).
  app.use('/github', createGithubAdminRouter(sandbox.github));
  app.use(express.json());
  // Deletes one object from a simulated cluster, e.g.
  // DELETE /kubernetes/aws-tokyo/poddisruptionbudgets/checkout/checkout-service
  app.get('/kubernetes/deleted', (_req, res) => {
    res.json({ deleted: sandbox.deletions.list() });
  });
  app.delete('/kubernetes/deleted', (_req, res) => {
    sandbox.deletions.restoreAll();
    res.status(204).end();
  });
  app.delete('/kubernetes/:cluster/:resource/:namespace/:name', (req, res) => {
    const { cluster, resource, namespace, name } = req.params;
    if (!sandbox.world.clusters.some(c => c.name === cluster)) {
      res.status(404).json({ error: `unknown cluster ${cluster}` });
      return;
    }
    sandbox.deletions.delete(cluster, resource, namespace, name);
    res.status(204).end();
  });
  // Rolls a Deployment out to a new version or image, as `kubectl set image` would:
  // POST /kubernetes/aws-tokyo/deployments/commerce/cart-service/rollout { "version": "v1.30.0" }
  // (or { "image": "registry.example.com/commerce/cart-service:v1.30.0" }).
  app.post('/kubernetes/:cluster/deployments/:namespace/:name/rollout', (req, res) => {
    const { cluster, namespace, name } = req.params;
    if (!sandbox.world.clusters.some(c => c.name === cluster)) {
      res.status(404).json({ error: `unknown cluster ${cluster}` });
      return;
    }
    const body = (req.body ?? {}) as { version?: unknown; image?: unknown };
    const version = typeof body.version === 'string' && body.version.trim() ? body.version.trim() : undefined;
    const image = typeof body.image === 'string' && body.image.trim() ? body.image.trim() : undefined;
    if (!version && !image) {
      res.status(400).json({ error: 'body must name a version or an image' });
      return;
    }
    const before = buildClusterModel(sandbox.world, cluster, sandbox.clock.anchor, sandbox.rollouts.of(cluster));
    const workload = before.workloads.find(
      w => w.kind === 'Deployment' && w.namespace === namespace && w.name === name,
    );
    if (!workload) {
      res.status(404).json({ error: `no Deployment ${namespace}/${name} in ${cluster}` });
      return;
    }
    const tag = image ? /:([^:/]+)$/.exec(image)?.[1] : undefined;
    const rollout = {
      cluster,
      namespace,
      name,
      version: version ?? tag ?? 'latest',
      ...(image ? { image } : {}),
      at: sandbox.clock.now(),
    };
    sandbox.rollouts.add(rollout);
    const revision = workload.revisions[workload.revisions.length - 1].number + 1;
    res.status(201).json({ ...rollout, revision });
  });
  app.get('/kubernetes/rollouts', (_req, res) => {
    res.json({ rollouts: sandbox.rollouts.list() });
  });
  app.delete('/kubernetes/rollouts', (_req, res) => {
    sandbox.rollouts.clear();
    res.status(204).end();
  });
  // The change events PagerDuty received (the REST API of the contract has no listing of them),
  // newest first; `?service_id=` narrows to one service.
  app.get('/pagerduty/change-events', (req, res) => {
    const serviceId = typeof req.query.service_id === 'string' ? req.query.service_id : undefined;
    const items = sandbox.pagerDutyChanges.items.filter(c => !serviceId || c.serviceId === serviceId);
    res.json({ change_events: [...items].reverse() });
  });
  app.delete('/pagerduty/change-events', (_req, res) => {
    sandbox.pagerDutyChanges.clear();
    res.status(204).end();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/world', (_req, res) => {
    res.json({
      clusters: sandbox.world.clusters,
      services: sandbox.world.services.map(s => ({
        name: s.name,
        namespace: s.namespace,
        clusters: s.clusters,
        scenarios: s.scenarios,
        pagerdutyServiceIds: s.pagerdutyServiceIds,
        endpoints: s.endpoints.map(e => e.resource),
      })),
      strays: sandbox.world.strays,
      anchor: new Date(sandbox.clock.anchor * 1000).toISOString(),
    });
  });
  app.get('/faults', (_req, res) => {
    res.json({ faults: sandbox.faults.list() });
  });
  app.put(/^\/faults\/(.+)$/, (req, res) => {
    const target = (req.params as unknown as string[])[0];
    const spec = req.body as FaultSpec;
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
      res.status(400).json({ error: 'body must be a fault object' });
      return;
    }
    sandbox.faults.set(target, spec);
    res.json({ target, fault: spec });
  });
  app.delete(/^\/faults\/(.+)$/, (req, res) => {
    sandbox.faults.clear((req.params as unknown as string[])[0]);
    res.status(204).end();
  });
  app.delete('/faults', (_req, res) => {
    sandbox.faults.clear();
    res.status(204).end();
  });
  app.get('/requests', (_req, res) => {
    res.json({
      counts: Object.fromEntries(sandbox.faults.requestCounts),
      log: Object.fromEntries(sandbox.faults.requestLog),
    });
  });
  app.delete('/requests', (_req, res) => {
    sandbox.faults.resetCounts();
    res.status(204).end();
  });
  return app;
}

/**
 * Starts the Kubernetes (one API server per cluster), Datadog and PagerDuty simulators and the
 * admin API on loopback.
 */
export async function startSandbox(options?: {
  ports?: Partial<SandboxPorts>;
  host?: string;
  /**
   * The world the simulators serve: `'example'` (default: examples/*.yaml), `'company'` (the
   * company-scale world of world/company.ts, whose GitHub organisation serves its catalog), or a
   * world of the caller's (the GitHub organisation is then the example one).
   */
  world?: World | 'example' | 'company';
  /**
   * `'production'`: vendor latency of 200–800 ms per request and the vendors' rate limits
   * (world/companyVendors.ts); default for the company world. `'sandbox'`: answer at once.
   */
  vendorBehaviour?: 'sandbox' | 'production';
  clock?: TrafficClock;
  /** Where the self-signed certificate is kept (default: a folder in the system temp dir). */
  tlsDir?: string;
}): Promise<Sandbox> {
  const host = options?.host ?? '127.0.0.1';
  // Callers that choose their ports (tests: 0 everywhere) and name no GitHub port get a free one.
  const ports = options?.ports ? { ...DEFAULT_PORTS, github: 0, ...options.ports } : DEFAULT_PORTS;
  const company = options?.world === 'company';
  let world: World;
  if (company) world = companyWorld();
  else world = typeof options?.world === 'object' ? options.world : loadWorld();
  const production = (options?.vendorBehaviour ?? (company ? 'production' : 'sandbox')) === 'production';
  const behaviour = { seed: world.seed };
  const clock = options?.clock ?? systemClock();
  const faults = new FaultRegistry();
  // 429s of the production-like vendors, in the admin API's request counts as `<target> 429`.
  const limited = (target: string) => () =>
    faults.requestCounts.set(`${target} 429`, (faults.requestCounts.get(`${target} 429`) ?? 0) + 1);
  const deletions = new KubernetesDeletions();
  const rollouts = new KubernetesRollouts();
  const pagerDutyChanges = new PagerDutyChangeLog();
  const ctx: SimulatorContext = { world, clock, deletions, rollouts, pagerDutyChanges };

  const started: Array<{ server: http.Server; url: string }> = [];
  const start = async (app: express.Express, port: number, tls?: { key: Buffer; cert: Buffer }) => {
    const s = await listen(app, port, host, tls);
    started.push(s);
    return s.url;
  };

  const kubernetes: Record<string, string> = {};
  for (const [i, cluster] of world.clusters.entries()) {
    kubernetes[cluster.name] = await start(
      vendorApp(
        faults,
        `kubernetes/${cluster.name}`,
        kubernetesErrorFormat,
        createKubernetesRouter(ctx, cluster.name),
        production ? kubernetesBehaviour(cluster.name, behaviour) : undefined,
      ),
      ports.kubernetes[i] ?? 0,
    );
  }
  const datadog = await start(
    vendorApp(
      faults,
      'datadog',
      datadogErrorFormat,
      createDatadogRouter(ctx),
      production ? datadogBehaviour({ ...behaviour, onLimited: limited('datadog') }) : undefined,
    ),
    ports.datadog,
  );
  // One PagerDuty router (one state) behind both the REST port and the HTTPS Events port.
  const pagerDutyRouter = createPagerDutyRouter(ctx);
  const pagerduty = await start(
    vendorApp(
      faults,
      'pagerduty',
      pagerDutyErrorFormat,
      pagerDutyRouter,
      production ? pagerDutyBehaviour({ ...behaviour, onLimited: limited('pagerduty') }) : undefined,
    ),
    ports.pagerduty,
  );
  const certificate = ensureSandboxCertificate(
    options?.tlsDir ?? path.join(os.tmpdir(), 'platform-portal-sandbox-tls'),
  );
  const pagerdutyEvents = await start(
    vendorApp(
      faults,
      'pagerduty',
      pagerDutyErrorFormat,
      pagerDutyRouter,
      production ? pagerDutyBehaviour({ ...behaviour, events: true }) : undefined,
    ),
    ports.pagerdutyEvents,
    certificate,
  );
  // GitHub: its answers carry its own address (repository URLs), known once it listens.
  const github = createGithubSandbox(company ? companyGithubOrganization() : loadGithubOrganization());
  let githubUrl = '';
  githubUrl = await start(
    vendorApp(
      faults,
      'github',
      githubErrorFormat,
      createGithubRouter(github, { token: SANDBOX_CREDENTIALS.githubToken, webBase: () => githubUrl }),
    ),
    ports.github,
  );
  const admin = await start(
    adminApp({ world, clock, faults, deletions, rollouts, pagerDutyChanges, github }),
    ports.admin,
  );

  return {
    world,
    clock,
    faults,
    deletions,
    rollouts,
    pagerDutyChanges,
    github,
    urls: {
      admin,
      datadog,
      pagerduty,
      pagerdutyEventsServer: new URL(pagerdutyEvents).host,
      kubernetes,
      github: githubUrl,
    },
    certFile: certificate.certFile,
    infraConfig: () => ({
      sandbox: true,
      kubernetes: {
        clusters: Object.entries(kubernetes).map(([name, url]) => ({
          name,
          url,
          serviceAccountToken: SANDBOX_CREDENTIALS.kubernetesToken,
          // Plain HTTP: the Kubernetes client allows it only with this set.
          skipTLSVerify: true,
        })),
      },
      datadog: {
        baseUrl: datadog,
        apiKey: SANDBOX_CREDENTIALS.datadogApiKey,
        appKey: SANDBOX_CREDENTIALS.datadogAppKey,
      },
      pagerduty: {
        apiBaseUrl: pagerduty,
        token: SANDBOX_CREDENTIALS.pagerdutyToken,
        eventsServer: new URL(pagerdutyEvents).host,
        eventsCaFile: certificate.certFile,
      },
    }),
    githubConfig: schedule => githubCatalogConfig(githubUrl, SANDBOX_CREDENTIALS.githubToken, schedule),
    async stop() {
      await Promise.all(
        started.map(
          ({ server }) =>
            new Promise<void>(resolve => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
