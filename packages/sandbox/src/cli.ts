/*
 * Runs the sandbox simulators for `npm start`: the Kubernetes API of two clusters, Datadog,
 * PagerDuty (REST and Events API), GitHub (the example organisation the catalog reads) and the
 * admin API for fault injection, on loopback.
 * Usage: node -r @backstage/cli/config/nodeTransform.cjs packages/sandbox/src/cli.ts
 *          [--tls-dir DIR] [--port-base N] [--world example|company]
 * --port-base N puts the admin API on N, the clusters on N+1 and N+2, Datadog on N+3, PagerDuty
 * on N+4, its HTTPS Events API on N+5 and GitHub on N+6 (default 7100, as app-config.sandbox.yaml
 * expects; the company world's third cluster listens on N+7).
 * --world company serves the company-scale world (world/company.ts: ~150 services in 12 teams,
 * 3 clusters, ~6,000 pods, a year of incidents) with production-like vendor latency and rate
 * limits; the sandbox GitHub then serves the company's catalog. Default: the example world.
 */
import { startSandbox } from './server';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const tlsDir = flag('tls-dir');
  const base = flag('port-base') ? Number(flag('port-base')) : undefined;
  const ports =
    base === undefined
      ? undefined
      : {
          admin: base,
          kubernetes: [base + 1, base + 2, base + 7],
          datadog: base + 3,
          pagerduty: base + 4,
          pagerdutyEvents: base + 5,
          github: base + 6,
        };
  const world = flag('world') ?? 'example';
  if (world !== 'example' && world !== 'company') throw new Error(`--world: unknown world ${world}`);
  const started = performance.now();
  const sandbox = await startSandbox({ tlsDir, ports, world });
  const k8s = Object.entries(sandbox.urls.kubernetes)
    .map(([name, url]) => `${name} ${url}`)
    .join(', ');
  process.stdout.write(
    `[sandbox] Kubernetes ${k8s}; Datadog ${sandbox.urls.datadog}; PagerDuty ${sandbox.urls.pagerduty} ` +
      `(events https://${sandbox.urls.pagerdutyEventsServer}); ` +
      `GitHub ${sandbox.urls.github} (org example-co, API /api/v3, GraphQL /api/graphql); faults and request counts: ${sandbox.urls.admin}; ` +
      `world ${world} (${sandbox.world.services.length} services), started in ${Math.round(
        performance.now() - started,
      )} ms\n`,
  );
  const stop = () => {
    sandbox.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(e => {
  process.stderr.write(`[sandbox] failed to start: ${e?.stack ?? e}\n`);
  process.exit(1);
});
