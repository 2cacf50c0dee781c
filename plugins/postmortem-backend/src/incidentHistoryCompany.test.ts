import { createServiceFactory, type SchedulerService, type ServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { generateCompany, startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import request from 'supertest';
import { postmortemPlugin } from './plugin';
import { INCIDENT_HISTORY_TASK_ID } from './services/Incidents/IncidentHistory';

jest.setTimeout(180_000);

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ async send() {} }),
});

// The mock scheduler instance (its class is not exported): tasks run only when triggered.
const scheduler = mockServices.scheduler() as SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};

/**
 * The company world (150 services, a year of incidents, PagerDuty answering in 200–800 ms per
 * request within its rate limit): one background run fills the last 7 days — the MTTA/MTTR card's
 * window — completely, MTTA included, and lists the whole history window with the run's own
 * limits (a page's 1.2 s per call would cut that listing short).
 */
describe('incident history at company scale', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    sandbox = await startSandbox({
      world: 'company',
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0, 0] },
    });
    const entities = companyEntities();
    const backend = await startTestBackend({
      features: [
        postmortemPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex: await databases.init('SQLITE_3') }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            backend: { cache: { store: 'memory' } },
            infra: sandbox.infraConfig(),
            postmortem: { sloImpact: { enabled: false } },
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
    await stop?.();
    await sandbox?.stop();
  });

  const metrics = (query = '') =>
    request(server)
      .get(`/api/postmortem/metrics${query}`)
      .set('Authorization', mockCredentials.user.header('user:default/outsider'));

  it("fills the last 7 days completely in one run, and lists the whole history window with the run's own limits", async () => {
    await scheduler.triggerTask(INCIDENT_HISTORY_TASK_ID);
    const started = Date.now();
    const week = await metrics();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(week.status).toBe(200);
    expect(week.body.freshness.state).toBe('fresh');
    expect(week.body.acknowledgements.incidents).toBeGreaterThan(10);
    expect(week.body.acknowledgements.read).toBe(week.body.acknowledgements.incidents);
    expect(week.body.partial).toBeUndefined();
    expect(week.body.incomplete).toBeUndefined();
    expect(week.body.teams.some((r: any) => r.mttaSeconds > 0 && r.mttrSeconds > 0)).toBe(true);

    const from = new Date(Date.now() - 30 * 86400_000);
    const month = await metrics(`?from=${encodeURIComponent(from.toISOString())}`);
    expect(month.status).toBe(200);
    // The whole window is listed with the run's own limits (a page's 1.2 s would cut it short at
    // PagerDuty's 200–800 ms a page): the month is complete, its logs read as far as the run got.
    expect(Date.parse(month.body.historySince)).toBeLessThanOrEqual(from.getTime());
    expect(month.body.incomplete).toBeUndefined();
    expect(month.body.acknowledgements.incidents).toBeGreaterThan(week.body.acknowledgements.incidents);
  });
});

/** The company's catalog: the example entities and the generated ones (with their PagerDuty service ids). */
function companyEntities(): Entity[] {
  const examples = ['components.yaml', 'org.yaml'].flatMap(f =>
    parseAllDocuments(fs.readFileSync(path.resolve(__dirname, `../../../examples/${f}`), 'utf8')).map(
      d => d.toJS() as Entity,
    ),
  );
  return [...examples, ...generateCompany().docs.map(d => d.entity as Entity)];
}
