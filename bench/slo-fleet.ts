/*
 * Benchmark of the SLO backend: a fleet of 200 services with 5 SLO endpoints each.
 *   yarn bench:slo [--services 200] [--endpoints 5] [--rounds 5] [--per-query 25] [--concurrency 2] [--timeout-ms 1200]
 * Without --per-query, --concurrency and --timeout-ms the portal's defaults apply.
 *
 * The sandbox Datadog runs in a child process with a synthetic world of exactly these services
 * (real traffic from the sandbox's traffic model, every request counted), so Datadog and the
 * portal do not share a CPU. Its own per-hour count cache is warmed first: "cold" below means the
 * portal's caches are empty, not that the simulator computes 32 days of traffic from scratch
 * (real Datadog does not do that per query).
 *
 * The portal side runs in this process: the SLO router and service, the real infra service
 * (cache, breaker, coalescing, official Datadog client) against the sandbox, an in-memory catalog
 * of the 200 entities and an in-memory SQLite store. HTTP requests go to the router on a local
 * port (no Backstage auth middleware). Prints upstream Datadog calls per fleet refresh and the
 * p50/p95 latency of the fleet and entity routes, cold and warm. Figures, not assertions.
 */
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { DefaultInfraService, readInfraConfig } from '@internal/plugin-infra-node';
import { loadWorld, startSandbox, type Service, type World } from '@internal/sandbox';
import { fork } from 'node:child_process';
import express from 'express';
import knexFactory from 'knex';
import type { AddressInfo } from 'node:net';
import { readSloConfig } from '../plugins/slo-backend/src/config';
import { CorrectionsStore } from '../plugins/slo-backend/src/database/CorrectionsStore';
import { createRouter } from '../plugins/slo-backend/src/service/router';
import { DatadogCountsReader } from '../plugins/slo-backend/src/services/SloCounts/DatadogCountsReader';
import { DefaultSloService } from '../plugins/slo-backend/src/services/Slo/DefaultSloService';
import { DatadogSloSync } from '../plugins/slo-backend/src/services/DatadogSync/DatadogSloSync';
import { GateOverride } from '../plugins/slo-backend/src/services/GateOverride/GateOverride';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SERVICES = arg('services', 200);
const ENDPOINTS = arg('endpoints', 5);
const ROUNDS = arg('rounds', 5);
const TIMEOUT_MS = arg('timeout-ms', 0);
const PER_QUERY = arg('per-query', 25); // the portal's default
const CONCURRENCY = arg('concurrency', 0);

const TEAMS = ['team-platform', 'team-storefront', 'team-checkout', 'team-catalog', 'team-identity', 'team-data'];
const ROUTES = ['GET /v1/items', 'GET /v1/items/{id}', 'POST /v1/items', 'PUT /v1/items/{id}', 'DELETE /v1/items/{id}'];

/** The synthetic fleet: `svc-000` … with ENDPOINTS endpoints each; a few carry seeded trouble. */
function fleetWorld(): World {
  const base = loadWorld();
  const template = base.services.find(s => s.name === 'checkout-service')!;
  const services: Service[] = Array.from({ length: SERVICES }, (_, i) => {
    const name = `svc-${String(i).padStart(3, '0')}`;
    return {
      ...template,
      name,
      team: TEAMS[i % TEAMS.length],
      system: `system-${i % 20}`,
      scenarios: i % 50 === 7 ? ['burning'] : i % 50 === 13 ? ['exhausted'] : [],
      endpoints: Array.from({ length: ENDPOINTS }, (__, j) => {
        const resource = `${ROUTES[j % ROUTES.length]}${j >= ROUTES.length ? `/v${j}` : ''}`;
        const [method, route] = resource.split(' ');
        return {
          method,
          route,
          resource,
          peakRps: 20 + ((i * 7 + j * 13) % 90),
        };
      }),
    };
  });
  return { ...base, services };
}

function entitiesOf(world: World): Entity[] {
  return world.services.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: s.name,
      namespace: 'default',
      annotations: { 'datadoghq.com/service-name': s.name },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: s.team,
      system: s.system,
      slo: {
        objective: 99.9,
        window: '30d',
        endpoints: s.endpoints.map(e => ({ resource: e.resource })),
      },
    },
  }));
}

// The sandbox child ------------------------------------------------------------------------------

async function sandboxChild() {
  const sandbox = await startSandbox({
    world: fleetWorld(),
    ports: {
      admin: 0,
      datadog: 0,
      pagerduty: 0,
      pagerdutyEvents: 0,
      kubernetes: [0, 0],
    },
  });
  // Warm the simulator's per-hour count cache (33 days, every endpoint) with one query of its own.
  const now = Math.floor(Date.now() / 1000);
  const dd = sandbox.infraConfig().datadog;
  const t = performance.now();
  await fetch(`${dd.baseUrl}/api/v2/query/timeseries`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'DD-API-KEY': dd.apiKey,
      'DD-APPLICATION-KEY': dd.appKey,
    },
    body: JSON.stringify({
      data: {
        type: 'timeseries_request',
        attributes: {
          from: (now - 34 * 86400) * 1000,
          to: now * 1000,
          interval: 3600_000,
          queries: [
            {
              data_source: 'metrics',
              name: 'q',
              query: 'sum:trace.http.request.hits.by_http_status{*}.as_count()',
            },
          ],
        },
      },
    }),
  }).then(r => r.text());
  await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
  process.send!({
    infra: sandbox.infraConfig(),
    admin: sandbox.urls.admin,
    warmMs: performance.now() - t,
  });
  // No more module loads talk on the channel after this.
  process.on('disconnect', () => sandbox.stop().finally(() => process.exit(0)));
}

// The portal side --------------------------------------------------------------------------------

const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => logger,
} as any;

const silentAuditor = {
  async createEvent() {
    return { async success() {}, async fail() {} };
  },
} as any;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

function memoryCatalog(entities: Entity[]) {
  const pick = (e: Entity, fields?: string[]) => {
    if (!fields) return e;
    const out: any = { metadata: {}, spec: {} };
    for (const f of fields) {
      const [a, b] = f.split('.');
      if (!b) out[a] = (e as any)[a];
      else if ((e as any)[a]?.[b] !== undefined) out[a][b] = (e as any)[a][b];
    }
    return out as Entity;
  };
  return {
    async getEntityByRef(ref: { kind: string; namespace: string; name: string }) {
      return entities.find(e => e.metadata.name === ref.name && ref.kind.toLowerCase() === 'component');
    },
    async getEntities(request: { fields?: string[] }) {
      return { items: entities.map(e => pick(e, request.fields)) };
    },
  } as any;
}

async function portal(infraBlock: Record<string, unknown>, entities: Entity[], ttlSeconds?: number) {
  const config = new ConfigReader({
    backend: { cache: { store: 'memory' } },
    infra: {
      ...infraBlock,
      ...(TIMEOUT_MS ? { resilience: { timeoutMs: TIMEOUT_MS, deadlineMs: TIMEOUT_MS * 2 } } : {}),
    },
    slo: {
      servicesPerQuery: PER_QUERY,
      ...(CONCURRENCY ? { maxConcurrentQueries: CONCURRENCY } : {}),
      ...(ttlSeconds ? { cacheTtlSeconds: ttlSeconds } : {}),
    },
  });
  // A new cache manager each time: "cold" really starts empty.
  const cache = CacheManager.fromConfig(config as any).forPlugin(`slo-bench-${Math.random()}`);
  const infra = new DefaultInfraService(readInfraConfig(config), cache, logger);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await CorrectionsStore.create({
    database: { getClient: async () => knex } as any,
  });
  const user = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/guest' },
  };
  const slo = new DefaultSloService({
    catalog: memoryCatalog(entities),
    auth: {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:slo' },
      }),
      isPrincipal: (c: any, type: string) => c.principal.type === type,
    } as any,
    permissions: {
      authorize: async (r: unknown[]) => r.map(() => ({ result: 'ALLOW' })),
    } as any,
    userInfo: {
      getUserInfo: async () => ({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs: [],
      }),
    } as any,
    store,
    reader: new DatadogCountsReader(infra, readSloConfig(config), logger),
    config: readSloConfig(config),
    logger,
  });
  const app = express().use(
    '/api/slo',
    await createRouter({
      httpAuth: { credentials: async () => user } as any,
      permissions: { authorize: async () => [{ result: 'ALLOW' }] } as any,
      slo,
      sync: new DatadogSloSync(infra, readSloConfig(config)),
      // A plain auditor: mockServices' mocks need Jest, and this runs outside it.
      auditor: silentAuditor,
      gateOverride: new GateOverride({
        slo,
        permissions: { authorize: async () => [{ result: 'ALLOW' }] } as any,
        auth: { isPrincipal: () => false } as any,
      }),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/slo`;
  return {
    async get(path: string) {
      const t = performance.now();
      const res = await fetch(`${base}${path}`);
      const body = await res.json();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t, body };
    },
    async close() {
      server.close();
      await knex.destroy();
    },
  };
}

async function main() {
  if (process.argv.includes('--sandbox-child')) {
    await sandboxChild();
    return;
  }
  const child = fork(__filename, ['--sandbox-child', ...process.argv.slice(2)], {
    execArgv: ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
  });
  const ready = await new Promise<{
    infra: Record<string, unknown>;
    admin: string;
    warmMs: number;
  }>((resolve, reject) => {
    // The TypeScript loader also talks on this channel ({ type: 'watch' }); wait for the sandbox.
    child.on('message', m => {
      if (m && typeof m === 'object' && 'admin' in m) resolve(m as any);
    });
    child.once('exit', code => reject(new Error(`sandbox exited with ${code}`)));
  });
  const calls = async () => {
    const { counts } = await (await fetch(`${ready.admin}/requests`)).json();
    await fetch(`${ready.admin}/requests`, { method: 'DELETE' });
    return Number(counts.datadog ?? 0);
  };
  const entities = entitiesOf(fleetWorld());
  const groups = Math.ceil(SERVICES / PER_QUERY);
  console.log(
    `SLO fleet benchmark: ${SERVICES} services x ${ENDPOINTS} endpoints (${SERVICES * ENDPOINTS} SLO endpoints), ` +
      `${PER_QUERY} services per Datadog query (${groups} groups), ${CONCURRENCY || 'default (2)'} queries at once, ` +
      `infra timeout ${TIMEOUT_MS ? `${TIMEOUT_MS} ms` : 'default (1200 ms per call, 1500 ms per read)'}; ` +
      `sandbox in a child process, its hour cache warmed in ${(ready.warmMs / 1000).toFixed(1)} s`,
  );
  const line = (name: string, lat: number[], n: number) =>
    console.log(
      `${name.padEnd(46)} requests=${String(lat.length).padStart(4)}  p50=${quantile(lat, 0.5).toFixed(1)} ms  ` +
        `p95=${quantile(lat, 0.95).toFixed(1)} ms  Datadog calls=${n}`,
    );

  // 1. The fleet, cold: every tier of every group is read once.
  let p = await portal(ready.infra, entities);
  await calls();
  let r = await p.get('/fleet');
  const coldCalls = await calls();
  line('GET /fleet, cold (empty caches)', [r.ms], coldCalls);
  if (r.body.freshness.state !== 'fresh') console.log(`  freshness: ${JSON.stringify(r.body.freshness)}`);
  console.log(
    `  rows=${r.body.rows.length}; first: ${r.body.rows
      .slice(0, 3)
      .map((x: any) => `${x.name} ${(x.budgetRemainingRatio * 100).toFixed(1)} % ${x.policy}`)
      .join(', ')}`,
  );

  // 2. The fleet, warm.
  let lat: number[] = [];
  for (let i = 0; i < ROUNDS * 4; i++) lat.push((await p.get('/fleet')).ms);
  line(`GET /fleet, warm (${ROUNDS * 4} sequential)`, lat, await calls());

  // 3. Entity pages: one at a time, then every service at once, warm.
  lat = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const e of entities.slice(0, 40)) lat.push((await p.get(`/entities/component/default/${e.metadata.name}`)).ms);
  }
  line(`GET /entities/…, warm (${ROUNDS * 40} sequential)`, lat, await calls());
  lat = [];
  for (let round = 0; round < ROUNDS; round++) {
    lat.push(
      ...(await Promise.all(entities.map(e => p.get(`/entities/component/default/${e.metadata.name}`)))).map(x => x.ms),
    );
  }
  line(`GET /entities/…, warm (${ROUNDS} x ${SERVICES} concurrent)`, lat, await calls());
  const gates = await Promise.all(entities.map(e => p.get(`/entities/component/default/${e.metadata.name}/gate`)));
  line(
    `GET /entities/…/gate, warm (${SERVICES} concurrent)`,
    gates.map(g => g.ms),
    await calls(),
  );
  await p.close();

  p = await portal(ready.infra, entities);
  await calls();
  const cold = await Promise.all(entities.map(e => p.get(`/entities/component/default/${e.metadata.name}`)));
  line(
    `GET /entities/…, cold (${SERVICES} concurrent)`,
    cold.map(x => x.ms),
    await calls(),
  );
  await p.close();

  // 4. A refresh after the per-minute counts expire (TTL 1 s here; 60 s by default).
  p = await portal(ready.infra, entities, 1);
  await p.get('/fleet');
  await calls();
  await new Promise(res => setTimeout(res, 1100));
  r = await p.get('/fleet');
  line('GET /fleet, refresh after the TTL', [r.ms], await calls());
  await p.close();

  console.log(
    `Datadog calls per fleet refresh: ${coldCalls} cold (${groups} groups x past/today/recent tiers), ` +
      `${groups} when only the per-minute counts expired; never one per endpoint or entity.`,
  );
  child.disconnect();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
