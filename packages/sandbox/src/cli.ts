/*
 * Runs the sandbox simulators for `npm start`: the Kubernetes API of two clusters, Datadog,
 * PagerDuty (REST and Events API) and the admin API for fault injection, on loopback.
 * Usage: node -r @backstage/cli/config/nodeTransform.cjs packages/sandbox/src/cli.ts [--tls-dir DIR]
 */
import { startSandbox } from './server';

async function main() {
  const i = process.argv.indexOf('--tls-dir');
  const tlsDir = i > 0 ? process.argv[i + 1] : undefined;
  const sandbox = await startSandbox({ tlsDir });
  const k8s = Object.entries(sandbox.urls.kubernetes)
    .map(([name, url]) => `${name} ${url}`)
    .join(', ');
  process.stdout.write(
    `[sandbox] Kubernetes ${k8s}; Datadog ${sandbox.urls.datadog}; PagerDuty ${sandbox.urls.pagerduty} ` +
      `(events https://${sandbox.urls.pagerdutyEventsServer}); faults and request counts: ${sandbox.urls.admin}\n`,
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
