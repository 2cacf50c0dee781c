import { TestDatabases, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_CALENDAR, type RequestStatus, type RequestType } from '@internal/plugin-support-common';
import type { SupportConfig } from '../config';
import { SlaMonitor } from '../services/Sla/SlaMonitor';
import { DefaultSupportService } from '../services/Support/DefaultSupportService';
import type { ListQuery, SupportService } from '../services/Support/types';
import { SupportStore } from './SupportStore';

/**
 * The support queue pages in SQL: stable cursors while requests are filed, filters (SLA state
 * included) as SQL conditions on stored SLA instants that match the SLA clocks' semantics.
 */
jest.setTimeout(120_000);

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
const jst = (t: string) => Date.parse(`${t}+09:00`);
const l = (en: string) => ({ en, ja: en });
const PLATFORM = 'user:default/sato.yuki';
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
const config: SupportConfig = {
  calendar: DEFAULT_CALENDAR,
  warningRatio: 0.75,
  checkFrequencyMinutes: 5,
  dedupWindowMinutes: 60,
  maxBodyBytes: 65536,
  demoData: false,
};
const credentials = mockCredentials.user(PLATFORM);
const row = (
  i: number,
  createdAt: number,
  extra: Partial<{ ownerRef: string; priority: 'P1' | 'P2' | 'P3' | 'P4' }> = {},
) => ({
  type: 'question',
  title: `Request ${i}`,
  description: `Long description ${i}`,
  requester: 'user:default/tanaka.ren',
  priority: extra.priority ?? ('P3' as const),
  fields: { question: 'How?' },
  context,
  ownerRef: extra.ownerRef ?? (i % 3 === 0 ? 'group:default/team-checkout' : 'group:default/team-catalog'),
  createdAt: new Date(createdAt),
});

describe.each(databases.eachSupportedId())('support queue paged in SQL on %p', databaseId => {
  async function setup(now: number) {
    const knex = await databases.init(databaseId);
    const store = await SupportStore.create({ database: mockServices.database({ knex, migrations: { skip: false } }) });
    const support = new DefaultSupportService({
      store,
      types: [questionType],
      config,
      permissions: { authorize: async (r: unknown[]) => r.map(() => ({ result: AuthorizeResult.ALLOW })) },
      notifications: { send: async () => {} },
      logger: mockServices.logger.mock(),
      now: () => now,
    } as any);
    return { knex, store, support };
  }

  async function all(support: SupportService, query: Partial<ListQuery>, onPage?: (n: number) => Promise<void>) {
    const ids: number[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await support.list({ offset: 0, limit: 25, ...query, ...(cursor ? { cursor } : {}) }, credentials);
      expect(page.items.length).toBeLessThanOrEqual(25);
      ids.push(...page.items.map(i => i.id));
      cursor = page.nextCursor;
      if (!cursor) return ids;
      await onPage?.(n);
    }
    throw new Error('more than 100 pages');
  }

  it('pages a queue larger than any cap with a stable cursor while requests are filed, filtered in SQL', async () => {
    const now = jst('2026-12-04T15:00:00');
    const { store, support } = await setup(now);
    // 260 requests; every fourth pair filed in the same millisecond (ties are broken by id).
    const start = jst('2026-10-01T10:00:00');
    const original: Array<{ id: number; owner?: string }> = [];
    for (let i = 0; i < 260; i++) {
      const { request } = await store.insert(row(i, start + Math.floor(i / 2) * 3600_000));
      original.push({ id: request.id, owner: request.ownerRef });
    }
    let filed = 0;
    const ids = await all(support, {}, async () => {
      // Filed while the triager pages: newer ones, and one in the very millisecond of an old one.
      await store.insert(row(1000 + filed++, now - 60_000));
      await store.insert(row(2000 + filed++, start + 10 * 3600_000));
    });
    const originalIds = original.map(o => o.id);
    // No duplicates, no misses: every request that existed when paging began, exactly once, in order.
    expect(new Set(ids).size).toBe(ids.length);
    expect(originalIds.every(id => ids.includes(id))).toBe(true);
    const page1 = await support.list({ offset: 0, limit: 25 }, credentials);
    expect(page1.total).toBe(260 + filed);
    expect(page1.nextCursor).toBeDefined();
    // Filters are part of the query: the team's requests, all of them, across pages.
    const checkout = await all(support, { team: 'team-checkout' });
    const expected = (await store.list({ ownerRef: 'group:default/team-checkout' })).map(r => r.id);
    expect(checkout).toEqual(expected);
    expect(checkout.length).toBeGreaterThan(25);
    // A cursor from elsewhere is a 400, not a silent first page.
    await expect(support.list({ offset: 0, limit: 25, cursor: 'bm9wZQ' }, credentials)).rejects.toThrow(/cursor/);
  });

  it('filters breached and at-risk requests in SQL exactly as the SLA clocks say, pauses and stops included', async () => {
    const now = jst('2026-12-03T16:00:00');
    const { store, support } = await setup(now);
    const statuses: RequestStatus[] = ['new', 'triaged', 'in_progress', 'waiting_on_requester', 'resolved'];
    // 150 requests filed over two weeks of business days, in many states.
    for (let i = 0; i < 150; i++) {
      const createdAt = jst('2026-11-19T09:00:00') + i * 2.2 * 3600_000;
      if (createdAt > now) break;
      const { request } = await store.insert(
        row(i, createdAt, { priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4] }),
      );
      const at = (h: number) => new Date(Math.min(createdAt + h * 3600_000, now - 1000));
      const kind = i % 5;
      if (kind === 0) continue; // untouched: clocks running
      const paths: Record<number, Array<[RequestStatus, number]>> = {
        1: [['triaged', 0.3]],
        2: [
          ['triaged', 0.2],
          ['waiting_on_requester', 0.5],
        ],
        3: [
          ['in_progress', 0.5],
          ['resolved', 3 + (i % 7) * 4],
        ],
        4: [
          ['waiting_on_requester', 0.4],
          ['in_progress', 20],
        ],
      };
      const path = paths[kind];
      let from: RequestStatus = 'new';
      const history = path.map(([to, h]) => {
        const e = { actor: PLATFORM, action: 'status', from, to, at: at(h) };
        from = to;
        return e;
      });
      const resolved = path.find(([s]) => s === 'resolved');
      await store.seedActivity(
        request.id,
        history,
        {
          status: path[path.length - 1][0],
          firstResponseAt: at(path[0][1]),
          ...(resolved ? { resolvedAt: at(resolved[1]) } : {}),
        },
        [],
      );
    }
    // The oracle: the SLA clocks computed in memory from the full history (the semantics of today).
    const heads = await store.list({});
    const summaries = await support.summaries(heads, now);
    const breached = summaries
      .filter(s => s.sla.firstResponse.state === 'breached' || s.sla.resolution.state === 'breached')
      .map(s => s.id);
    const atRisk = summaries
      .filter(s => s.sla.firstResponse.state === 'warning' || s.sla.resolution.state === 'warning')
      .map(s => s.id);
    expect(breached.length).toBeGreaterThan(25);
    expect(atRisk.length).toBeGreaterThan(0);

    expect(await all(support, { sla: 'breached' })).toEqual(breached);
    expect(await all(support, { sla: 'at-risk' })).toEqual(atRisk);
    const openBreached = summaries
      .filter(s => statuses.slice(0, 4).includes(s.status) && breached.includes(s.id))
      .map(s => s.id);
    expect(await all(support, { sla: 'breached', open: true, status: statuses.slice(0, 4) })).toEqual(openBreached);
    expect((await support.list({ offset: 0, limit: 25, sla: 'breached' }, credentials)).total).toBe(breached.length);
  });

  it('moves the stored due time on each status change: paused while waiting on the requester', async () => {
    // Filed Tuesday 1 Dec 09:00 JST, P3: first response within 240 business minutes (13:00).
    let now = jst('2026-12-01T12:00:00');
    const { store, support } = await setup(0);
    (support as any).deps.now = () => now;
    const { request } = await store.insert(row(1, jst('2026-12-01T09:00:00')));
    const breachedIds = async () =>
      (await support.list({ offset: 0, limit: 25, sla: 'breached' }, credentials)).items.map(i => i.id);
    expect(await breachedIds()).toEqual([]);
    expect((await store.slaOf(request.id))!.firstResponseBreachAt).toBe(jst('2026-12-01T13:00:00'));
    // Waiting on the requester from 12:00 (3 h used): the clock stops, nothing is due.
    await store.change(request.id, 'new', { status: 'waiting_on_requester' }, [
      { actor: PLATFORM, action: 'status', from: 'new', to: 'waiting_on_requester', at: new Date(now) },
    ]);
    now = jst('2026-12-02T12:00:00');
    expect(await breachedIds()).toEqual([]);
    expect((await store.slaOf(request.id))!.firstResponseBreachAt).toBeUndefined();
    // Back in progress Wednesday 12:00: one hour left, due at 13:00, breached after.
    await store.change(request.id, 'waiting_on_requester', { status: 'in_progress' }, [
      { actor: PLATFORM, action: 'status', from: 'waiting_on_requester', to: 'in_progress', at: new Date(now) },
    ]);
    expect(await breachedIds()).toEqual([]);
    expect((await store.slaOf(request.id))!.firstResponseBreachAt).toBe(jst('2026-12-02T13:00:00'));
    now = jst('2026-12-02T13:30:00');
    expect(await breachedIds()).toEqual([request.id]);
    // The SLA job reads only requests with an event due: it records the breach once.
    const monitor = new SlaMonitor({ store, support, logger: mockServices.logger.mock() });
    expect(await monitor.run(now)).toEqual([{ requestId: request.id, clock: 'first_response', kind: 'breach' }]);
    expect(
      await store.slaCandidates(['new', 'triaged', 'in_progress', 'waiting_on_requester', 'resolved'], new Date(now)),
    ).toEqual([]);
  });

  it('recomputes the stored instants at start-up when the SLA config changed', async () => {
    const { store, support } = await setup(jst('2026-12-01T09:30:00'));
    // Filed Tuesday 09:00 JST, P3: 240 business minutes; warning at 75 % (12:00).
    const { request } = await store.insert(row(1, jst('2026-12-01T09:00:00')));
    await support.list({ offset: 0, limit: 25 }, credentials);
    expect((await store.slaOf(request.id))!.firstResponseWarnAt).toBe(jst('2026-12-01T12:00:00'));
    // Restarted with a warning at half the target: the start-up refresh moves it to 11:00.
    const restarted = new DefaultSupportService({ ...(support as any).deps, config: { ...config, warningRatio: 0.5 } });
    expect(await restarted.refreshSla({ configChanged: true })).toBe(1);
    expect((await store.slaOf(request.id))!.firstResponseWarnAt).toBe(jst('2026-12-01T11:00:00'));
    expect(await restarted.refreshSla({ configChanged: true })).toBe(0);
  });
});
