/*
 * Benchmark of the shared integration backend: entity overviews against the sandbox simulators.
 *   yarn bench:infra [--viewers 50] [--rounds 5]
 *   yarn bench:infra --url http://localhost:7007 [--admin http://127.0.0.1:7100]
 * The first form measures the infra service in-process against its own sandbox; the second sends
 * HTTP requests (guest token) to a running portal (`npm start`) and reads the sandbox's request
 * counters, so it includes auth, the catalog lookup and JSON encoding.
 * Prints, per scenario, upstream calls per source (total and per page view) and the p50/p95
 * latency of one overview, cold (empty cache) and warm. Figures, not assertions: run it on a quiet
 * machine and compare runs made the same way.
 */
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { DefaultInfraService, readInfraConfig } from '@internal/plugin-infra-node';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VIEWERS = arg('viewers', 50);
const ROUNDS = arg('rounds', 5);

const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
} as any;

function service(sandbox: Sandbox) {
  const config = new ConfigReader({
    backend: { cache: { store: 'memory' } },
    infra: sandbox.infraConfig(),
  });
  // A new cache manager each time: "cold" really starts empty.
  const cache = CacheManager.fromConfig(config as any).forPlugin(`infra-bench-${Math.random()}`);
  return new DefaultInfraService(readInfraConfig(config), cache, logger);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function timed(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function calls(sandbox: Sandbox) {
  const by: Record<string, number> = { kubernetes: 0, datadog: 0, pagerduty: 0 };
  const ops: Record<string, number> = {};
  for (const [target, log] of sandbox.faults.requestLog) {
    const source = target.split('/')[0];
    by[source] += log.length;
    for (const l of log) {
      const op = `${target} ${l}`;
      ops[op] = (ops[op] ?? 0) + 1;
    }
  }
  return { by, maxPerOperation: Math.max(0, ...Object.values(ops)) };
}

function report(name: string, views: number, latencies: number[], sandbox: Sandbox) {
  const { by, maxPerOperation } = calls(sandbox);
  const per = (n: number) => (n / views).toFixed(3);
  console.log(
    `${name.padEnd(34)} views=${String(views).padStart(4)}  p50=${quantile(latencies, 0.5).toFixed(
      1,
    )} ms  p95=${quantile(latencies, 0.95).toFixed(1)} ms  upstream calls k8s=${by.kubernetes} (${per(
      by.kubernetes,
    )}/view) datadog=${by.datadog} (${per(by.datadog)}/view) pagerduty=${by.pagerduty} (${per(
      by.pagerduty,
    )}/view)  max calls per operation=${maxPerOperation}`,
  );
}

async function overHttp(url: string, admin: string) {
  const { backstageIdentity } = await (await fetch(`${url}/api/auth/guest/refresh`)).json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  const get = (name: string) =>
    timed(async () => {
      const res = await fetch(`${url}/api/infra/entities/component/default/${name}/overview`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await res.json();
    });
  const counts = async () => {
    const { counts: c } = await (await fetch(`${admin}/requests`)).json();
    const by: Record<string, number> = { kubernetes: 0, datadog: 0, pagerduty: 0 };
    for (const [target, n] of Object.entries(c as Record<string, number>)) by[target.split('/')[0]] += n;
    return by;
  };
  console.log(`infra overview over HTTP at ${url}: ${VIEWERS} concurrent viewers, ${ROUNDS} rounds`);
  await fetch(`${admin}/requests`, { method: 'DELETE' });
  let lat = await Promise.all(Array.from({ length: VIEWERS }, () => get('inventory-service')));
  let by = await counts();
  console.log(
    `first ${VIEWERS} concurrent (cold unless viewed before)  p50=${quantile(lat, 0.5).toFixed(1)} ms  p95=${quantile(
      lat,
      0.95,
    ).toFixed(1)} ms  upstream calls k8s=${by.kubernetes} datadog=${by.datadog} pagerduty=${by.pagerduty}`,
  );
  await fetch(`${admin}/requests`, { method: 'DELETE' });
  lat = [];
  for (let r = 0; r < ROUNDS; r++) {
    lat.push(...(await Promise.all(Array.from({ length: VIEWERS }, () => get('inventory-service')))));
  }
  by = await counts();
  console.log(
    `warm, ${ROUNDS} x ${VIEWERS} concurrent  p50=${quantile(lat, 0.5).toFixed(1)} ms  p95=${quantile(
      lat,
      0.95,
    ).toFixed(1)} ms  upstream calls k8s=${by.kubernetes} datadog=${by.datadog} pagerduty=${by.pagerduty}`,
  );
}

async function main() {
  const urlIndex = process.argv.indexOf('--url');
  if (urlIndex > 0) {
    const adminIndex = process.argv.indexOf('--admin');
    await overHttp(process.argv[urlIndex + 1], adminIndex > 0 ? process.argv[adminIndex + 1] : 'http://127.0.0.1:7100');
    return;
  }
  const sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  const file = path.resolve(__dirname, '../examples/components.yaml');
  const fleet = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS() as Entity);
  const one = fleet.find(e => e.metadata.name === 'checkout-service')!;
  console.log(
    `infra overview benchmark: ${VIEWERS} concurrent viewers, ${ROUNDS} warm rounds, fleet of ${fleet.length}`,
  );

  // 1. N viewers of one entity, cold.
  let infra = service(sandbox);
  sandbox.faults.resetCounts();
  let lat = await Promise.all(Array.from({ length: VIEWERS }, () => timed(() => infra.entityOverview(one))));
  report('one entity, cold', VIEWERS, lat, sandbox);

  // 2. The same, warm.
  sandbox.faults.resetCounts();
  lat = [];
  for (let r = 0; r < ROUNDS; r++) {
    lat.push(...(await Promise.all(Array.from({ length: VIEWERS }, () => timed(() => infra.entityOverview(one))))));
  }
  report('one entity, warm', VIEWERS * ROUNDS, lat, sandbox);

  // 3. The whole fleet at once, cold, then warm.
  infra = service(sandbox);
  sandbox.faults.resetCounts();
  lat = await Promise.all(fleet.map(e => timed(() => infra.entityOverview(e))));
  report(`fleet of ${fleet.length}, cold`, fleet.length, lat, sandbox);
  sandbox.faults.resetCounts();
  lat = [];
  for (let r = 0; r < ROUNDS; r++) {
    lat.push(...(await Promise.all(fleet.map(e => timed(() => infra.entityOverview(e))))));
  }
  report(`fleet of ${fleet.length}, warm`, fleet.length * ROUNDS, lat, sandbox);

  await sandbox.stop();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
