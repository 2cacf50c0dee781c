import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { createServiceFactory, type SchedulerService, type ServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { postmortemPlugin } from './plugin';
import { INCIDENT_HISTORY_TASK_ID } from './services/Incidents/IncidentHistory';

/**
 * MTTA/MTTR come from the incident history in the plugin's database, refreshed by a background
 * task: the route never calls PagerDuty, so it answers at once whatever PagerDuty does (here it
 * hangs), says how old the history is, and answers `loading` (not an error) before the first
 * refresh. The task (triggered here by hand; a global scheduled task in the portal) lists the
 * incidents through the infra layer and reads each incident's log once its acknowledgement is known.
 */
jest.setTimeout(90_000);

const entities: Entity[] = ['components.yaml', 'org.yaml'].flatMap(f =>
  parseAllDocuments(fs.readFileSync(path.resolve(__dirname, `../../../examples/${f}`), 'utf8')).map(
    d => d.toJS() as Entity,
  ),
);

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ async send() {} }),
});

const REFRESH_MINUTES = 10;

const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
// The mock scheduler instance (its class is not exported): tasks run only when triggered.
const scheduler = mockServices.scheduler() as SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};
let sandbox: Sandbox;
let knex: Knex;
let server: any;
let stop: () => Promise<void>;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0] },
  });
  knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: [
      postmortemPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: {
            ...sandbox.infraConfig(),
            // Nothing cached: every read goes to PagerDuty, so the request log shows every read.
            pagerduty: { ...sandbox.infraConfig().pagerduty, cacheTtlSeconds: 0 },
            resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 },
          },
          postmortem: { sloImpact: { enabled: false }, metrics: { refreshMinutes: REFRESH_MINUTES } },
        },
      }),
      notifications,
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();
});
afterAll(async () => {
  sandbox?.faults.clear();
  await stop?.();
  await sandbox?.stop();
});
afterEach(() => sandbox.faults.clear());

const metrics = (query = '') =>
  request(server)
    .get(`/api/postmortem/metrics${query}`)
    .set('Authorization', mockCredentials.user.header('user:default/outsider'));

const pagerDutyCalls = () => sandbox.faults.requestLog.get('pagerduty') ?? [];
const logReads = () =>
  pagerDutyCalls()
    .map(l => /^GET \/incidents\/([^/?]+)\/log_entries/.exec(l)?.[1])
    .filter((id): id is string => Boolean(id));

it('answers 200 "loading" with no rows before the first refresh (a cold start), without calling PagerDuty', async () => {
  sandbox.faults.resetCounts();
  const res = await metrics();
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    services: [],
    teams: [],
    freshness: { state: 'loading' },
    acknowledgements: { read: 0, incidents: 0 },
  });
  expect(res.body.partial).toBeUndefined();
  expect(pagerDutyCalls()).toEqual([]);
});

it('answers in full from the history once the background refresh filled it', async () => {
  await scheduler.triggerTask(INCIDENT_HISTORY_TASK_ID);
  const res = await metrics();
  expect(res.status).toBe(200);
  expect(res.body.freshness).toMatchObject({ state: 'fresh' });
  expect(res.body.freshness.ageSeconds).toBeLessThan(60);
  expect(Date.parse(res.body.freshness.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(res.body.partial).toBeUndefined();
  expect(res.body.acknowledgements.incidents).toBeGreaterThan(0);
  expect(res.body.acknowledgements.read).toBe(res.body.acknowledgements.incidents);
  expect(res.body.services.some((r: any) => r.mttaSeconds !== null)).toBe(true);
  expect(res.body.services.some((r: any) => r.mttrSeconds !== null)).toBe(true);
});

it('does not read an acknowledged incident log again on the next run', async () => {
  const acknowledged: string[] = await knex('postmortem_incident_history')
    .whereNotNull('acknowledged_at')
    .pluck('incident_id');
  const unsettled: string[] = await knex('postmortem_incident_history')
    .where('log_settled', false)
    .pluck('incident_id');
  expect(acknowledged.length).toBeGreaterThan(0);
  sandbox.faults.resetCounts();
  await scheduler.triggerTask(INCIDENT_HISTORY_TASK_ID);
  // The run listed the incidents again (one listing) ...
  expect(pagerDutyCalls().filter(l => l.startsWith('GET /incidents?')).length).toBeGreaterThan(0);
  // ... and read only logs whose acknowledgement was still open (open or just resolved incidents).
  const read = logReads();
  expect(read.filter(id => acknowledged.includes(id))).toEqual([]);
  expect(read.every(id => unsettled.includes(id))).toBe(true);
});

it('answers from the history within 200 ms while PagerDuty hangs', async () => {
  const before = await metrics();
  sandbox.faults.set('pagerduty', { hang: true });
  sandbox.faults.resetCounts();
  const from = new Date(Date.now() - 30 * 86400_000).toISOString();
  for (const query of ['', `?from=${encodeURIComponent(from)}`]) {
    const started = Date.now();
    const res = await metrics(query);
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeLessThan(200);
    expect(res.body.freshness).toMatchObject({ state: 'fresh' });
    expect(res.body.acknowledgements.incidents).toBeGreaterThan(0);
  }
  expect((await metrics()).body.services).toEqual(before.body.services);
  expect(pagerDutyCalls()).toEqual([]);
});

it('says the history is stale, with its age and the reason, two intervals after the last refresh', async () => {
  // A refresh that fails keeps the history and says why.
  sandbox.faults.set('pagerduty', { status: 503, path: '^/incidents\\?' });
  await scheduler.triggerTask(INCIDENT_HISTORY_TASK_ID);
  const failed = await metrics();
  expect(failed.status).toBe(200);
  expect(failed.body.freshness.state).toBe('fresh');
  expect(failed.body.freshness.error).toMatch(/PagerDuty/);
  expect(failed.body.services.length).toBeGreaterThan(0);
  // As if that success was 2 intervals and a minute ago.
  const old = new Date(Date.now() - (2 * REFRESH_MINUTES + 1) * 60_000).toISOString();
  await knex('postmortem_incident_history_state').update({ last_success_at: old });
  const res = await metrics();
  expect(res.status).toBe(200);
  expect(res.body.freshness).toMatchObject({ state: 'stale', fetchedAt: old });
  expect(res.body.freshness.ageSeconds).toBeGreaterThanOrEqual((2 * REFRESH_MINUTES + 1) * 60 - 5);
  expect(res.body.freshness.error).toMatch(/PagerDuty/);
  expect(res.body.services.length).toBeGreaterThan(0);
});
