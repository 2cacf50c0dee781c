import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DEFAULT_CALENDAR, isBusinessTime, type RequestType } from '@internal/plugin-support-common';
import { seedDemoData } from '../services/Support/demoData';
import { SlaMonitor } from '../services/Sla/SlaMonitor';
import { DefaultSupportService } from '../services/Support/DefaultSupportService';
import { SupportStore } from './SupportStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const none = { state: 'none' as const };
const context = {
  takenAt: '2026-11-20T08:00:00.000Z',
  owner: none,
  oncall: none,
  slo: none,
  kubernetes: none,
  deploys: none,
  incidents: none,
};
const base = {
  type: 'question',
  title: 'How?',
  description: '',
  requester: 'user:default/tanaka.ren',
  priority: 'P3' as const,
  fields: { question: 'How?' },
  context,
};

const jst = (t: string) => Date.parse(`${t}+09:00`);
const l = (en: string) => ({ en, ja: en });
const questionType: RequestType = {
  id: 'question',
  title: l('Question'),
  description: l('Question'),
  defaultPriority: 'P3',
  fields: [{ id: 'question', label: l('Question'), kind: 'textarea', required: true }],
  sla: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 540 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
    P4: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
  },
};

describe.each(databases.eachSupportedId())('SupportStore on %p', databaseId => {
  async function stores() {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex, migrations: { skip: false } });
    // Two stores on one database: two backend processes.
    return { a: await SupportStore.create({ database }), b: await SupportStore.create({ database }) };
  }

  it('stores a request with its history, and the same idempotency key twice as one request', async () => {
    const { a, b } = await stores();
    const results = await Promise.all([
      a.insert({ ...base, idempotencyKey: 'k1' }),
      b.insert({ ...base, idempotencyKey: 'k1' }),
    ]);
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(results[0].request.id).toBe(results[1].request.id);
    const other = await a.insert({ ...base, idempotencyKey: 'k1', requester: 'user:default/ito.sota' });
    expect(other.created).toBe(true);
    expect(await a.count()).toEqual({ requests: 2, comments: 0, history: 2 });
    expect((await a.get(other.request.id))!.context).toEqual(context);
  });

  it('applies a change only from the expected status (conflict otherwise), atomically', async () => {
    const { a } = await stores();
    const { request } = await a.insert(base);
    await a.change(
      request.id,
      'new',
      { status: 'triaged' },
      [{ actor: 'user:default/sato.yuki', action: 'status', from: 'new', to: 'triaged' }],
      {
        author: 'user:default/sato.yuki',
        body: 'on it',
        internal: false,
      },
    );
    await expect(
      a.change(request.id, 'new', { status: 'closed' }, [{ actor: 'x', action: 'status' }], {
        author: 'x',
        body: 'late',
        internal: false,
      }),
    ).rejects.toThrow(ConflictError);
    expect((await a.get(request.id))!.status).toBe('triaged');
    expect(await a.count()).toEqual({ requests: 1, comments: 1, history: 2 });
  });

  it('seeds the demo requests once, filed in business hours', async () => {
    const { a, b } = await stores();
    const logger = mockServices.logger.mock();
    await Promise.all([
      seedDemoData(a, logger, jst('2026-11-26T15:00:00')),
      seedDemoData(b, logger, jst('2026-11-26T15:00:00')),
    ]);
    const all = await a.list({});
    expect(all).toHaveLength(8);
    for (const r of all) expect(isBusinessTime(Date.parse(r.createdAt), DEFAULT_CALENDAR)).toBe(true);
    await seedDemoData(a, logger);
    expect((await a.count()).requests).toBe(8);
  });

  it('claims a page for one caller only', async () => {
    const { a, b } = await stores();
    const { request } = await a.insert(base);
    const claims = await Promise.all([a.claimPage(request.id, 'support-1'), b.claimPage(request.id, 'support-1')]);
    expect(claims.sort()).toEqual([false, true]);
  });

  it('records each SLA warning and breach once, with two processes running the job', async () => {
    const { a, b } = await stores();
    const config = {
      calendar: DEFAULT_CALENDAR,
      warningRatio: 0.75,
      checkFrequencyMinutes: 5,
      dedupWindowMinutes: 60,
      maxBodyBytes: 65536,
      demoData: false,
    };
    const sent: any[] = [];
    const service = (store: SupportStore) =>
      new DefaultSupportService({
        store,
        types: [questionType],
        config,
        notifications: {
          send: async (o: any) => {
            sent.push(o);
          },
        } as any,
        logger: mockServices.logger.mock(),
      } as any);
    // Filed Friday 2026-11-20 17:00 JST, before the Monday holiday; 4 h first-response target.
    const { request } = await a.insert({ ...base, createdAt: new Date(jst('2026-11-20T17:00:00')) });
    await a.change(request.id, 'new', { assignee: 'user:default/sato.yuki' }, [{ actor: 'x', action: 'assignee' }]);
    const monitors = [a, b].map(
      store => new SlaMonitor({ store, support: service(store), logger: mockServices.logger.mock() }),
    );

    // Monday (holiday) noon: 1 business hour so far: nothing.
    expect(await monitors[0].run(jst('2026-11-23T12:00:00'))).toEqual([]);
    // Tuesday 11:00: 3 of 4 hours: warning, recorded once by the two processes together.
    const warn = await Promise.all(monitors.map(m => m.run(jst('2026-11-24T11:00:00'))));
    expect(warn.flat()).toEqual([{ requestId: request.id, clock: 'first_response', kind: 'warning' }]);
    // Tuesday 12:30: breached; running again records nothing new.
    const breach = await Promise.all(monitors.map(m => m.run(jst('2026-11-24T12:30:00'))));
    expect(breach.flat()).toEqual([{ requestId: request.id, clock: 'first_response', kind: 'breach' }]);
    expect(await monitors[1].run(jst('2026-11-24T13:00:00'))).toEqual([]);
    expect((await a.slaEvents(request.id)).map(e => `${e.clock}/${e.kind}`)).toEqual([
      'first_response/warning',
      'first_response/breach',
    ]);
    // The assignee was told each time.
    expect(sent.map(s => s.recipients.entityRef)).toEqual([['user:default/sato.yuki'], ['user:default/sato.yuki']]);
    expect(sent[1].payload.title).toMatch(/SLA breached/);
  });
});
