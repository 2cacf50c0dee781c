/*
 * Benchmark of the whole backend against the company-scale world.
 *   yarn bench:company [--window 60] [--duration 10] [--connections 10] [--viewers 50]
 *                      [--support 20000] [--postmortems 2000]
 *                      [--only overview,slo,lists,upstream] [--cpu-prof DIR] [--port-base N]
 *                      [--limit-minutes 15]
 * Starts the sandbox with the company world in a child process (150 services in 12 teams, 3 clusters,
 * ~6,200 pods, ~1,500 monitors, a year of incidents; vendor latency of 200–800 ms per request and
 * the vendors' rate limits) and one real backend process (every plugin; PostgreSQL when a
 * BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set, else SQLite in a temp directory)
 * whose catalog reads the company from the sandbox GitHub. Waits for the catalog, then prints in
 * one run:
 *   - entity overview p95 (warm) and catalog by-name p95, --connections at once, and their ratio
 *     (a small bounded loop of fetches; exact p95);
 *   - SLO fleet: one refresh (the first fleet read until it is fresh: duration, Datadog calls,
 *     429s), then the warm p95;
 *   - PRR scorecard, support queue and postmortem list p95 with --support requests and
 *     --postmortems postmortems in the database;
 *   - upstream calls per minute per vendor at steady state with 1 and with --viewers viewers;
 *   - backend RSS (the backend runs with the Deployment's NODE_OPTIONS, i.e. its heap cap),
 *     sandbox start time and this process's RSS.
 * Figures, not assertions; bounded in time (about 10 minutes with the defaults).
 *
 * Seeding: 100 support requests and 50 postmortems are filed through the REST routes (so every
 * column the backend writes is real), then the rows are copied inside the database
 * (INSERT … SELECT of the same table, new ids; idempotency keys and page dedup keys cleared)
 * until the tables hold the asked-for numbers. Copies keep the originals' other columns.
 */
import { startSandbox } from '@internal/sandbox';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import {
  REDIS_SERVER,
  startPortalProcess,
  startRedis,
  testPostgresUrl,
  type PortalProcess,
} from '../packages/backend/src/testing/portalProcess';
import { portalContainerEnv } from '../packages/backend/src/testing/deploymentEnv';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WINDOW = arg('window', 60);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const VIEWERS = arg('viewers', 50);
const SUPPORT = arg('support', 20000);
const POSTMORTEMS = arg('postmortems', 2000);
/** `--limit-minutes M` (default 15): the whole run gives up after M minutes (a loaded machine may need more). */
const HARD_LIMIT_MS = arg('limit-minutes', 15) * 60_000;
/** Sections to run (default all): `overview`, `slo`, `lists` (PRR, support, postmortems), `upstream`. */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
})();
const runs = (section: string) => !ONLY || ONLY.has(section);
/** What docker/kubernetes/30-deployment.yaml gives the portal container as NODE_OPTIONS (the heap cap). */
const DEPLOYMENT_NODE_OPTIONS = portalContainerEnv().NODE_OPTIONS ?? '';
/** With `--cpu-prof DIR`, the backend writes a V8 CPU profile there when it stops. */
const CPU_PROF_DIR = (() => {
  const i = process.argv.indexOf('--cpu-prof');
  return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
})();

/**
 * With `--port-base N`, every listener of the run is on N…N+12 (sandbox N…N+8, backend N+10, its
 * metrics N+11, Redis N+12) instead of free ports anywhere: for machines where each user has a range.
 */
const PORT_BASE = (() => {
  const i = process.argv.indexOf('--port-base');
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
})();

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (...a: unknown[]) => console.error(`[bench ${elapsed()}]`, ...a);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** What the sandbox child tells the bench. */
interface SandboxInfo {
  admin: string;
  infra: Record<string, any>;
  github: { integrations: any; catalog: any };
  services: string[];
  startMs: number;
  clusterBuildMs: number;
  datadogWarmMs: number;
  rssStartMiB: number;
}
type SandboxRef = { urls: { admin: string } };

async function upstreamCounts(sandbox: SandboxRef) {
  const { counts } = (await (await fetch(`${sandbox.urls.admin}/requests`)).json()) as {
    counts: Record<string, number>;
  };
  const by: Record<string, number> = {
    kubernetes: 0,
    datadog: 0,
    pagerduty: 0,
    github: 0,
    'datadog 429': 0,
    'pagerduty 429': 0,
  };
  for (const [key, n] of Object.entries(counts)) {
    // `<target>` counts requests; `<target> 429` the rate-limited answers among them.
    const [target, suffix] = key.split(' ');
    const vendor = (target.startsWith('kubernetes/') ? 'kubernetes' : target) + (suffix ? ` ${suffix}` : '');
    by[vendor] = (by[vendor] ?? 0) + n;
  }
  return by;
}

function diff(a: Record<string, number>, b: Record<string, number>) {
  return Object.fromEntries(Object.keys(b).map(k => [k, b[k] - (a[k] ?? 0)]));
}

async function resetCounts(sandbox: SandboxRef) {
  await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
}

/**
 * A small bounded loop: `concurrency` clients request `paths` in turn for `seconds` (or, with
 * `once`, each path exactly once); latency quantiles of every answer.
 */
async function loop(
  portal: PortalProcess,
  token: string,
  paths: string[],
  seconds = DURATION,
  concurrency = CONNECTIONS,
  once = false,
) {
  const lat: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (once ? i < paths.length : Date.now() < end) {
        const p = paths[i++ % paths.length];
        const t = performance.now();
        try {
          const res = await fetch(`${portal.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          if (res.status >= 300) non2xx++;
        } catch {
          errors++;
        }
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const q = (x: number) => lat[Math.min(lat.length - 1, Math.floor(x * lat.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), total: lat.length, non2xx, errors };
}

function line(name: string, r: Awaited<ReturnType<typeof loop>>) {
  console.log(
    `${name.padEnd(44)} n=${String(r.total).padStart(5)}  p50=${ms(r.p50).padStart(8)}  p95=${ms(r.p95).padStart(
      8,
    )}  ` + `p99=${ms(r.p99).padStart(8)}  non-2xx=${r.non2xx}  errors=${r.errors}`,
  );
}

async function pluginDb(pluginId: string, db: { pg?: string; prefix?: string; dir?: string }): Promise<Knex> {
  if (db.pg) {
    const url = new URL(db.pg);
    url.pathname = `/${db.prefix}${pluginId}`;
    return knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 2 } });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(db.dir!, `${pluginId}.sqlite`) },
    useNullAsDefault: true,
  });
}

/** Copies rows of `table` inside the database until it holds `target` rows. */
async function grow(knex: Knex, table: string, target: number, newId: 'increments' | 'uuid', cleared: string[]) {
  const info = await knex(table).columnInfo();
  const columns = Object.keys(info).filter(c => c !== 'id');
  const pg = knex.client.config.client === 'pg';
  const uuid = pg
    ? 'gen_random_uuid()::text'
    : "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)),2) || '-a' || substr(hex(randomblob(2)),2) || '-' || hex(randomblob(6)))";
  for (;;) {
    const [{ n }] = await knex(table).count({ n: '*' });
    const have = Number(n);
    if (have >= target || have === 0) return have;
    const take = Math.min(have, target - have);
    const select = columns.map(c => (cleared.includes(c) ? 'NULL' : `"${c}"`)).join(', ');
    const idCol = newId === 'uuid' ? `${uuid}, ` : '';
    await knex.raw(
      `INSERT INTO "${table}" (${newId === 'uuid' ? '"id", ' : ''}${columns.map(c => `"${c}"`).join(', ')}) ` +
        `SELECT ${idCol}${select} FROM "${table}" ORDER BY "id" LIMIT ${take}`,
    );
  }
}

async function main() {
  const hard = setTimeout(() => {
    console.error(`bench:company: still running after ${HARD_LIMIT_MS / 60000} minutes, giving up`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  hard.unref();

  // 1. The sandbox with the company world, in its own process: the simulators' work (32 days of
  //    counts for 750 endpoints, 6,000 pods) must not share an event loop with the clients timed.
  const child = fork(__filename, ['--sandbox-child', ...(PORT_BASE ? ['--port-base', String(PORT_BASE)] : [])], {
    execArgv: ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
  });
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    // The TypeScript loader also talks on this channel; wait for the sandbox's message.
    child.on('message', m => {
      if (m && typeof m === 'object' && 'admin' in m) resolve(m as SandboxInfo);
    });
    child.once('exit', code => reject(new Error(`sandbox exited with ${code}`)));
  });
  const sandbox = {
    urls: { admin: info.admin },
    infraConfig: () => info.infra,
    githubConfig: (schedule: { discoverySeconds: number; orgSeconds: number }) => {
      const github = JSON.parse(JSON.stringify(info.github));
      const every = (seconds: number) => ({
        ...github.catalog.providers.github.exampleCo.schedule,
        frequency: { seconds },
      });
      github.catalog.providers.github.exampleCo.schedule = every(schedule.discoverySeconds);
      github.catalog.providers.githubOrg.schedule = every(schedule.orgSeconds);
      return github;
    },
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
  const world = { services: info.services.map(name => ({ name })) };
  const { startMs: sandboxStartMs, clusterBuildMs } = info;
  let t = performance.now();
  log(
    `sandbox up in ${ms(sandboxStartMs)} (${info.rssStartMiB.toFixed(0)} MiB RSS); clusters built in ${ms(
      clusterBuildMs,
    )}, ` + `Datadog hour counts in ${ms(info.datadogWarmMs)}`,
  );

  // 2. One backend process, with Redis as its cache like the Deployment (memory when there is no
  //    redis-server on this machine; the backend then holds every snapshot twice).
  const redis = fs.existsSync(REDIS_SERVER) ? await startRedis({ port: PORT_BASE && PORT_BASE + 12 }) : undefined;
  const pg = testPostgresUrl();
  const prefix = `company_${Date.now() % 100000}_`;
  const sqliteDir = pg ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-company-db-'));
  t = performance.now();
  const portal = await startPortalProcess({
    name: 'company',
    config: {
      backend: {
        database: pg
          ? { client: 'pg', connection: pg, prefix }
          : { client: 'better-sqlite3', connection: { directory: sqliteDir } },
        cache: redis ? { store: 'redis', connection: redis.url } : { store: 'memory' },
      },
      infra: sandbox.infraConfig(),
      ...sandbox.githubConfig({ discoverySeconds: 20, orgSeconds: 30 }),
    },
    env: {
      LOG_LEVEL: process.env.BENCH_BACKEND_LOG_LEVEL ?? 'warn',
      // The Deployment's NODE_OPTIONS (its heap cap), as in production; plus the profiler if asked.
      NODE_OPTIONS: [DEPLOYMENT_NODE_OPTIONS, CPU_PROF_DIR ? `--cpu-prof --cpu-prof-dir=${CPU_PROF_DIR}` : '']
        .filter(Boolean)
        .join(' '),
    },
    readyTimeoutMs: 300_000,
    ...(PORT_BASE ? { port: PORT_BASE + 10, metricsPort: PORT_BASE + 11 } : {}),
  });
  log(
    `backend ready in ${ms(performance.now() - t)} (${pg ? 'PostgreSQL' : 'SQLite'}, cache ${
      redis ? 'Redis' : 'memory'
    }; NODE_OPTIONS of the Deployment: ${DEPLOYMENT_NODE_OPTIONS || 'none'})`,
  );
  const auth = async () => ({ authorization: `Bearer ${await portal.guestToken()}` });
  // The whole company in the catalog.
  const want = world.services.length;
  let components = 0;
  while (Date.now() - started < 6 * 60_000) {
    const res = await fetch(`${portal.url}/api/catalog/entities/by-query?filter=kind=component&limit=1`, {
      headers: await auth(),
    });
    components = res.ok ? Number((await res.json()).totalItems ?? 0) : 0;
    if (components >= want) break;
    await sleep(2000);
  }
  log(`catalog holds ${components} components (${want} services in the world) at ${elapsed()}`);
  const token = await portal.guestToken();

  const results: string[] = [];
  let before: Record<string, number> = {};
  const rssOf = async () => (await portal.metric('process_resident_memory_bytes')) / 2 ** 20;
  // Before any page: the backend with its plugins loaded (TypeScript compiled at start-up here,
  // unlike the built bundle of the image) and the catalog ingested.
  const rssAtReady = await rssOf();
  // The highest RSS seen, sampled every 2 s for the rest of the run (the goal is a ceiling).
  let rssPeak = rssAtReady;
  const rssSampler = setInterval(() => {
    rssOf().then(
      r => (rssPeak = Math.max(rssPeak, r)),
      () => {},
    );
  }, 2000);

  try {
    if (runs('overview')) {
      // 3. Entity overview (warm) vs catalog by-name, same services, same concurrency.
      const sample = world.services.filter((_, i) => i % 5 === 0).slice(0, 30);
      const overview = sample.map(s => `/api/infra/entities/component/default/${s.name}/overview`);
      const byName = sample.map(s => `/api/catalog/entities/by-name/component/default/${s.name}`);
      await resetCounts(sandbox);
      // A cold cluster: how long one whole pod listing takes at the sandbox's latency (the bench
      // asks the simulator directly, 500 a page), and when the first overview shows the cluster.
      const clusterUrl = `${portal.url}/api/infra/entities/component/default/${sample[0].name}/overview`;
      const askedAt = performance.now();
      const firstState = (await (await fetch(clusterUrl, { headers: { authorization: `Bearer ${token}` } })).json())
        ?.kubernetes?.freshness?.state;
      const firstMs = performance.now() - askedAt;
      const listing = (async () => {
        const c = sandbox.infraConfig().kubernetes.clusters[0] as {
          name: string;
          url: string;
          serviceAccountToken: string;
        };
        const t0 = performance.now();
        let pods = 0;
        let pages = 0;
        let next = '';
        do {
          const res = await fetch(
            `${c.url}/api/v1/pods?limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`,
            {
              headers: { authorization: `Bearer ${c.serviceAccountToken}` },
            },
          );
          const body = (await res.json()) as { items: unknown[]; metadata?: { continue?: string } };
          pods += body.items.length;
          pages++;
          next = body.metadata?.continue ?? '';
        } while (next && pages < 100);
        return { cluster: c.name, pods, pages, ms: performance.now() - t0 };
      })();
      let freshAfter = NaN;
      while (performance.now() - askedAt < 120_000) {
        const o = await (await fetch(clusterUrl, { headers: { authorization: `Bearer ${token}` } })).json();
        if (o?.kubernetes?.freshness?.state === 'fresh') {
          freshAfter = performance.now() - askedAt;
          break;
        }
        await sleep(250);
      }
      const l = await listing;
      // The bench sets no infra.refresh: Kubernetes refreshes at half its 30 s cache ttl.
      const interval = (sandbox.infraConfig().kubernetes.cacheTtlSeconds ?? 30) / 2;
      console.log(
        `cold cluster: one pod listing of ${l.cluster} (${l.pods} pods, ${l.pages} pages) takes ${ms(
          l.ms,
        )} at the sandbox's latency; ` +
          `the first overview answered in ${ms(firstMs)} with Kubernetes '${firstState}', fresh after ${ms(
            freshAfter,
          )} ` +
          `(refresh interval ${interval} s: goal, within one interval)`,
      );
      results.push(`cold cluster fresh after ${ms(freshAfter)} (listing ${ms(l.ms)})`);
      await resetCounts(sandbox);
      t = performance.now();
      const cold = await loop(portal, token, overview, 0, CONNECTIONS, true);
      line(`entity overview, first views (${sample.length} services, c=${CONNECTIONS})`, cold);
      log(`overviews warmed in ${ms(performance.now() - t)}`);
      const ov = await loop(portal, token, overview);
      const bn = await loop(portal, token, byName);
      line(`entity overview, warm (${sample.length} services, c=${CONNECTIONS})`, ov);
      line(`catalog by-name (same services, c=${CONNECTIONS})`, bn);
      console.log(`  ratio overview p95 / by-name p95 = ${(ov.p95 / bn.p95).toFixed(2)} (goal <= 1)`);
      results.push(`overview p95 ${ms(ov.p95)}, by-name p95 ${ms(bn.p95)}, ratio ${(ov.p95 / bn.p95).toFixed(2)}`);
    }

    if (runs('slo')) {
      // 4. SLO fleet: one refresh, then warm.
      before = await upstreamCounts(sandbox);
      t = performance.now();
      let fleet = await (
        await fetch(`${portal.url}/api/slo/fleet`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const firstMs = performance.now() - t;
      while (fleet?.freshness?.state !== 'fresh' && performance.now() - t < 90_000) {
        await sleep(1000);
        fleet = await (
          await fetch(`${portal.url}/api/slo/fleet`, { headers: { authorization: `Bearer ${token}` } })
        ).json();
      }
      const refreshMs = performance.now() - t;
      const refreshCalls = diff(before, await upstreamCounts(sandbox));
      const rows = fleet?.rows ?? [];
      const states = rows.reduce(
        (m: Record<string, number>, r: any) => ({ ...m, [r.policy ?? r.state]: (m[r.policy ?? r.state] ?? 0) + 1 }),
        {},
      );
      console.log(
        `SLO fleet, one refresh: first answer ${ms(firstMs)}, fresh after ${ms(refreshMs)} (state ${
          fleet?.freshness?.state
        }` +
          `${fleet?.freshness?.error ? `: ${fleet.freshness.error}` : ''}); Datadog calls ${refreshCalls.datadog} ` +
          `(${refreshCalls['datadog 429']} answered 429); ` +
          `rows ${rows.length} ${JSON.stringify(states)}`,
      );
      // At least two Kubernetes refresh intervals, so that the loop shares the event loop with
      // whole-cluster listings being decoded (and the SLO counts' own refresh).
      const fleetSeconds = Math.max(DURATION, 30);
      const fl = await loop(portal, token, ['/api/slo/fleet'], fleetSeconds);
      line(`SLO fleet, warm (c=${CONNECTIONS}, ${fleetSeconds} s)`, fl);
      // Scheduled refreshes at steady state (the first read above may already have found the
      // counts fresh, refreshed by the background task): nobody reads for 95 s (three runs of the
      // 30 s task); the Datadog timeseries queries arrive in bursts, one per run — their sizes.
      await resetCounts(sandbox);
      const timeseriesQueries = async () => {
        const body = (await (await fetch(`${sandbox.urls.admin}/requests`)).json()) as {
          log: Record<string, string[]>;
          counts: Record<string, number>;
        };
        return {
          queries: (body.log.datadog ?? []).filter(r => r.startsWith('POST /api/v2/query/timeseries')).length,
          limited: body.counts['datadog 429'] ?? 0,
        };
      };
      const bursts: number[] = [];
      let seen = 0;
      let current = 0;
      let lastNew = performance.now();
      const watchEnd = performance.now() + 95_000;
      while (performance.now() < watchEnd) {
        await sleep(1000);
        const { queries } = await timeseriesQueries();
        if (queries > seen) {
          current += queries - seen;
          seen = queries;
          lastNew = performance.now();
        } else if (current > 0 && performance.now() - lastNew > 5000) {
          bursts.push(current);
          current = 0;
        }
      }
      if (current > 0) bursts.push(current);
      const { limited } = await timeseriesQueries();
      console.log(
        `SLO fleet, scheduled refreshes in 95 s without viewers: ${bursts.length} runs of ${
          bursts.join(', ') || 0
        } Datadog timeseries queries (${limited} answered 429; goal <= 10 a refresh, no 429)`,
      );
      results.push(
        `fleet warm p95 ${ms(fl.p95)}; first read fresh after ${ms(refreshMs)} (${
          refreshCalls.datadog
        } Datadog calls); ` +
          `scheduled refreshes: ${bursts.join(', ') || 0} timeseries queries each, ${limited} × 429`,
      );
    }

    if (runs('lists')) {
      // 5. Seed support requests and postmortems; PRR scorecard, support queue, postmortem list.
      t = performance.now();
      const post = async (p: string, body: unknown) => {
        const res = await fetch(`${portal.url}${p}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status >= 300) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
      };
      const services = world.services;
      for (let i = 0; i < 100; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, k) =>
            post('/api/support/requests', {
              type: 'question',
              title: `Company bench request ${i + k}`,
              entityRef: `component:default/${services[(i + k) % services.length].name}`,
              fields: { question: 'How do I add a readiness probe?' },
            }),
          ),
        );
      }
      for (let i = 0; i < 50; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, k) =>
            post('/api/postmortem/postmortems', {
              entityRef: `component:default/${services[(i + k * 7) % services.length].name}`,
              title: `Company bench postmortem ${i + k}`,
            }),
          ),
        );
      }
      const routeSeedMs = performance.now() - t;
      t = performance.now();
      const dbAt = { pg, prefix, dir: sqliteDir };
      const supportDb = await pluginDb('support', dbAt);
      const pmDb = await pluginDb('postmortem', dbAt);
      const supportRows = await grow(supportDb, 'support_requests', SUPPORT, 'increments', [
        'idempotency_key',
        'page_dedup_key',
        'page',
      ]);
      const pmRows = await grow(pmDb, 'postmortems', POSTMORTEMS, 'uuid', []);
      await supportDb.destroy();
      await pmDb.destroy();
      log(
        `seeded: 100 requests and 50 postmortems through the routes in ${ms(
          routeSeedMs,
        )}, copied to ${supportRows} requests and ${pmRows} postmortems in SQL in ${ms(performance.now() - t)}`,
      );
      for (const [name, p] of [
        ['PRR scorecard', '/api/prr/scorecard'],
        [`support queue (${supportRows} requests, limit 50)`, '/api/support/requests?limit=50'],
        [`postmortem list (${pmRows} postmortems)`, '/api/postmortem/postmortems'],
      ] as const) {
        // The warm-up read is not timed: a dropped connection (a loaded machine's keep-alive race)
        // must not end the run; the timed loop counts its errors.
        await fetch(`${portal.url}${p}`, { headers: { authorization: `Bearer ${token}` } })
          .then(r => r.arrayBuffer())
          .catch(e => log(`warm-up of ${p} failed: ${(e as Error).message}`));
        const r = await loop(portal, token, [p]);
        line(`${name} (c=${CONNECTIONS})`, r);
        results.push(`${name} p95 ${ms(r.p95)}`);
      }
    }

    if (runs('upstream')) {
      // 6. Upstream calls per minute at steady state with 1 and with VIEWERS viewers. A viewer opens
      //    an entity overview of a random service, the SLO fleet and the PRR scorecard, and thinks
      //    for a second between pages.
      for (const viewers of [1, VIEWERS]) {
        let stop = false;
        let pages = 0;
        const paths = [...world.services.map(s => `/api/infra/entities/component/default/${s.name}/overview`)];
        const viewer = async (v: number) => {
          let i = v * 7;
          while (!stop) {
            for (const p of [paths[(i * 31) % paths.length], '/api/slo/fleet', '/api/prr/scorecard']) {
              if (stop) break;
              await fetch(`${portal.url}${p}`, { headers: { authorization: `Bearer ${token}` } })
                .then(r => r.arrayBuffer())
                .catch(() => undefined);
              pages++;
              await sleep(1000);
            }
            i++;
          }
        };
        const running = Array.from({ length: viewers }, (_, v) => viewer(v));
        await sleep((WINDOW / 2) * 1000); // warm-up
        await resetCounts(sandbox);
        before = await upstreamCounts(sandbox);
        const pagesBefore = pages;
        await sleep(WINDOW * 1000);
        const calls = diff(before, await upstreamCounts(sandbox));
        // Which operations the vendors saw (ids and query strings folded), to tell refreshes from
        // page-driven reads.
        const { log: requestLog } = (await (await fetch(`${sandbox.urls.admin}/requests`)).json()) as {
          log: Record<string, string[]>;
        };
        for (const vendor of ['datadog', 'pagerduty']) {
          const ops = new Map<string, number>();
          for (const line of requestLog[vendor] ?? []) {
            const op = line.split('?')[0].replace(/\/[A-Z0-9]{6,}|\/\d+(?=\/|$)/g, '/{id}');
            ops.set(op, (ops.get(op) ?? 0) + 1);
          }
          const top = [...ops].sort((a, b) => b[1] - a[1]).slice(0, 6);
          console.log(`  ${vendor}: ${top.map(([op, n]) => `${op} ${n}`).join(', ')}`);
        }
        const viewed = pages - pagesBefore;
        stop = true;
        await Promise.all(running);
        const perMin = Object.entries(calls)
          .map(([k, n]) => `${k} ${((n * 60) / WINDOW).toFixed(0)}`)
          .join(', ');
        console.log(
          `upstream calls per minute, ${String(viewers).padStart(2)} viewer(s) (${((viewed * 60) / WINDOW).toFixed(
            0,
          )} pages/min): ${perMin}`,
        );
        results.push(`${viewers} viewer(s): ${perMin}`);
      }
    }
    // 7. Memory.
    clearInterval(rssSampler);
    const rss = await rssOf();
    rssPeak = Math.max(rssPeak, rss);
    const sandboxRss = (await (await fetch((info as SandboxInfo & { rssUrl: string }).rssUrl)).json()).rssMiB as number;
    console.log(
      `backend RSS ${rss.toFixed(0)} MiB at the end, peak ${rssPeak.toFixed(
        0,
      )} MiB (goal <= 1024 MiB; ${rssAtReady.toFixed(
        0,
      )} MiB when the catalog was in, before any page); sandbox started in ${ms(sandboxStartMs)} ` +
        `at ${info.rssStartMiB.toFixed(0)} MiB RSS, its clusters built in ${ms(
          clusterBuildMs,
        )} and Datadog hour counts in ` +
        `${ms(info.datadogWarmMs)}; ` +
        `sandbox RSS now ${sandboxRss.toFixed(0)} MiB`,
    );
    console.log(`done in ${elapsed()}`);
  } finally {
    clearInterval(rssSampler);
    await portal.stop();
    await sandbox.stop();
    await redis?.stop();
    if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
}

/** The child: the company sandbox on free ports; tells the parent where it is. */
async function sandboxChild() {
  const t0 = performance.now();
  const sandbox = await startSandbox({
    world: 'company',
    ports: PORT_BASE
      ? {
          admin: PORT_BASE,
          kubernetes: [PORT_BASE + 1, PORT_BASE + 2, PORT_BASE + 7],
          datadog: PORT_BASE + 3,
          pagerduty: PORT_BASE + 4,
          pagerdutyEvents: PORT_BASE + 5,
          github: PORT_BASE + 6,
        }
      : { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0, 0], github: 0 },
  });
  const startMs = performance.now() - t0;
  const rssStartMiB = process.memoryUsage().rss / 2 ** 20;
  // The simulated API servers build their objects on the first request (once per hour anchor);
  // a real API server has them already: build them before the portal asks.
  const t1 = performance.now();
  await Promise.all(
    sandbox
      .infraConfig()
      .kubernetes.clusters.map((c: { url: string; serviceAccountToken: string }) =>
        fetch(`${c.url}/api/v1/pods?limit=1`, { headers: { authorization: `Bearer ${c.serviceAccountToken}` } }).then(
          r => r.arrayBuffer(),
        ),
      ),
  );
  const clusterBuildMs = performance.now() - t1;
  // Likewise Datadog's per-hour counts (as bench/slo-fleet.ts does): one query over 34 days of
  // every endpoint fills the simulator's hour cache; real Datadog does not compute them per query.
  const dd = sandbox.infraConfig().datadog;
  const now = Math.floor(Date.now() / 1000);
  await fetch(`${dd.baseUrl}/api/v2/query/timeseries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'DD-API-KEY': dd.apiKey, 'DD-APPLICATION-KEY': dd.appKey },
    body: JSON.stringify({
      data: {
        type: 'timeseries_request',
        attributes: {
          from: (now - 34 * 86400) * 1000,
          to: now * 1000,
          interval: 3600_000,
          queries: [
            { data_source: 'metrics', name: 'q', query: 'sum:trace.http.request.hits.by_http_status{*}.as_count()' },
          ],
        },
      },
    }),
  }).then(r => r.arrayBuffer());
  const warmMs = performance.now() - t1;
  await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
  // This process's memory, for the parent (a bench-only route beside the admin API).
  const http = await import('node:http');
  const rssServer = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ rssMiB: process.memoryUsage().rss / 2 ** 20 }));
  });
  await new Promise<void>(r => rssServer.listen(PORT_BASE ? PORT_BASE + 8 : 0, '127.0.0.1', () => r()));
  const rssUrl = `http://127.0.0.1:${(rssServer.address() as { port: number }).port}`;
  const info: SandboxInfo & { rssUrl: string } = {
    admin: sandbox.urls.admin,
    infra: sandbox.infraConfig(),
    github: sandbox.githubConfig(),
    services: sandbox.world.services.map(s => s.name),
    startMs,
    clusterBuildMs,
    datadogWarmMs: warmMs - clusterBuildMs,
    rssStartMiB,
    rssUrl,
  };
  process.send!(info);
  const stop = () => {
    rssServer.close();
    sandbox.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (process.argv.includes('--sandbox-child')) {
  sandboxChild().catch(e => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    e => {
      console.error(e);
      process.exit(1);
    },
  );
}
