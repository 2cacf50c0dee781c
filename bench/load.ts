/*
 * Load test of the whole backend (every plugin) on PostgreSQL, over loopback HTTP with autocannon.
 *   bash bench/load.sh [--duration 20] [--rate 40] [--connections 8]
 * (load.sh starts a private PostgreSQL cluster and runs this file.) One backend process is started
 * with the sandbox behind it, signed in as the guest; after a warm-up, each scenario runs for
 * --duration seconds at a fixed total rate of --rate requests per second over --connections
 * connections, and prints the achieved rate, p50/p90/p99 latency, errors and non-2xx answers.
 * Scenarios: the hottest read routes (entity overview, SLO fleet, support queue, PRR scorecard,
 * postmortem list) and a mixed workload of writes and reads. Figures, not assertions.
 */
import { startSandbox } from '@internal/sandbox';
import { startPortalProcess, testPostgresUrl, type PortalProcess } from '../packages/backend/src/testing/portalProcess';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const autocannon = require('autocannon');

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION = arg('duration', 20);
const RATE = arg('rate', 40);
const CONNECTIONS = arg('connections', 8);

interface Request {
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

interface Scenario {
  name: string;
  requests: Request[];
}

const ENTITIES = [
  'checkout-service',
  'payment-service',
  'cart-service',
  'search-service',
  'recommendation-service',
  'auth-service',
  'user-profile-service',
  'graphql-gateway',
];

async function run(portal: PortalProcess, token: string, scenario: Scenario) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const result = await autocannon({
    url: portal.url,
    connections: CONNECTIONS,
    duration: DURATION,
    overallRate: RATE,
    requests: scenario.requests.map(r => ({ ...r, headers: { ...headers, ...r.headers } })),
  });
  const { latency, requests } = result;
  const line = [
    scenario.name.padEnd(34),
    `${requests.total.toString().padStart(6)} req`,
    `${(requests.total / DURATION).toFixed(1).padStart(6)}/s`,
    `p50 ${String(latency.p50).padStart(5)} ms`,
    `p90 ${String(latency.p90).padStart(5)} ms`,
    `p99 ${String(latency.p99).padStart(5)} ms`,
    `max ${String(latency.max).padStart(5)} ms`,
    `errors ${result.errors + result.timeouts}`,
    `non-2xx ${result.non2xx}`,
  ].join('  ');
  console.log(line);
  return result;
}

async function main() {
  const pgUrl = testPostgresUrl();
  if (!pgUrl) throw new Error('no PostgreSQL: run through bench/load.sh');
  const sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  const portal = await startPortalProcess({
    name: 'load',
    config: {
      backend: {
        database: { client: 'pg', connection: pgUrl, prefix: `load_${Date.now() % 100000}_` },
        cache: { store: 'memory' },
      },
      infra: sandbox.infraConfig(),
      // The catalog reads the example company from this sandbox's GitHub (not :7106 of npm start).
      ...sandbox.githubConfig(),
    },
    env: { LOG_LEVEL: 'warn' },
  });
  try {
    const token = await portal.guestToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${portal.url}${path}`, {
        method,
        headers: auth,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? undefined : res.json();
    };
    // Data for the reads and writes to work on.
    const fixtures = await createFixtures(call);
    const scenarios = scenariosFor(fixtures);
    // Warm-up: every request once, so caches and connections are what a running portal has.
    for (const s of scenarios)
      for (const r of s.requests) {
        await fetch(`${portal.url}${r.path}`, { method: r.method ?? 'GET', headers: auth, body: r.body });
      }
    console.log(
      `load test: ${DURATION} s per scenario at ${RATE} req/s over ${CONNECTIONS} connections, ` +
        `PostgreSQL, one backend process (Node ${process.version}), sandbox upstreams`,
    );
    for (const s of scenarios) await run(portal, token, s);
  } finally {
    await portal.stop();
    await sandbox.stop();
  }
}

type Call = (method: string, path: string, body?: unknown) => Promise<any>;

interface Fixtures {
  [key: string]: string;
}

async function createFixtures(call: Call): Promise<Fixtures> {
  // A support queue with some history, and a postmortem to write to.
  for (let i = 0; i < 40; i++) {
    await call('POST', '/api/support/requests', {
      type: 'question',
      title: `Load fixture ${i}`,
      entityRef: `component:default/${ENTITIES[i % ENTITIES.length]}`,
      fields: { question: 'How do I add a readiness probe?' },
    });
  }
  const pm = await call('POST', '/api/postmortem/postmortems', {
    entityRef: 'component:default/checkout-service',
    title: 'Load test postmortem',
  });
  const request = await call('POST', '/api/support/requests', {
    type: 'question',
    title: 'Load test thread',
    fields: { question: 'Comment target' },
  });
  return { postmortem: pm.id, request: String(request.id) };
}

function scenariosFor(f: Fixtures): Scenario[] {
  const json = (body: unknown) => JSON.stringify(body);
  return [
    {
      name: 'read: entity overview (8 services)',
      requests: ENTITIES.map(e => ({ path: `/api/infra/entities/component/default/${e}/overview` })),
    },
    { name: 'read: SLO fleet', requests: [{ path: '/api/slo/fleet' }] },
    { name: 'read: support triage queue', requests: [{ path: '/api/support/requests?limit=50' }] },
    { name: 'read: PRR scorecard', requests: [{ path: '/api/prr/scorecard' }] },
    { name: 'read: postmortem list', requests: [{ path: '/api/postmortem/postmortems' }] },
    {
      // Per connection, in turn: file a request, comment on one, add a postmortem timeline entry,
      // and three reads (queue, overview, fleet): half writes, half reads.
      name: 'mixed: 3 writes + 3 reads',
      requests: [
        {
          method: 'POST',
          path: '/api/support/requests',
          body: json({
            type: 'question',
            title: 'Load write',
            entityRef: 'component:default/cart-service',
            fields: { question: 'q?' },
          }),
        },
        { path: '/api/support/requests?limit=50' },
        { method: 'POST', path: `/api/support/requests/${f.request}/comments`, body: json({ body: 'load comment' }) },
        { path: '/api/infra/entities/component/default/cart-service/overview' },
        {
          method: 'POST',
          path: `/api/postmortem/postmortems/${f.postmortem}/timeline`,
          body: json({ at: new Date().toISOString(), kind: 'note', text: 'load entry' }),
        },
        { path: '/api/slo/fleet' },
      ],
    },
  ];
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
