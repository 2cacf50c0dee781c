import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { IncidentHistoryStore } from './IncidentHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ disableDocker: true });

const T0 = '2026-12-01T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('IncidentHistoryStore', () => {
  it('runs on PostgreSQL as well as SQLite in CI', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
    expect(!process.env.CI || ids.some(id => id.startsWith('POSTGRES'))).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await IncidentHistoryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('upserts listed incidents and keeps what their logs said', async () => {
      const { store } = await createStore();
      await store.upsertIncidents(
        [
          { id: 'P1', serviceId: 'S1', createdAt: at(0) },
          { id: 'P2', serviceId: 'S2', createdAt: at(10), resolvedAt: at(70) },
        ],
        at(100),
      );
      await store.recordLookup('P1', { acknowledgedAt: at(3), settled: true, at: at(101) });
      // The next listing: P1 is resolved now; its acknowledgement stays.
      await store.upsertIncidents(
        [
          { id: 'P1', serviceId: 'S1', createdAt: at(0), resolvedAt: at(50) },
          { id: 'P2', serviceId: 'S2', createdAt: at(10), resolvedAt: at(70) },
        ],
        at(200),
      );
      expect(await store.between(at(0), at(60))).toEqual([
        { id: 'P1', serviceId: 'S1', createdAt: at(0), resolvedAt: at(50), acknowledgedAt: at(3), logReadAt: at(101) },
        { id: 'P2', serviceId: 'S2', createdAt: at(10), resolvedAt: at(70) },
      ]);
      // The window is [from, to).
      expect((await store.between(at(1), at(10))).map(i => i.id)).toEqual([]);
    });

    it('upserts more incidents than one INSERT batch', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 250 }, (_, n) => ({ id: `Q${n}`, serviceId: 'S1', createdAt: at(n) }));
      await store.upsertIncidents(many, at(1000));
      await store.upsertIncidents(many, at(1001));
      expect(await store.between(at(0), at(1000))).toHaveLength(250);
    });

    it('offers never-read incidents newest first, then unsettled ones read longest ago; never settled ones', async () => {
      const { store } = await createStore();
      await store.upsertIncidents(
        [
          { id: 'OLD', serviceId: 'S', createdAt: at(0) },
          { id: 'NEW', serviceId: 'S', createdAt: at(30) },
          { id: 'OPEN-READ', serviceId: 'S', createdAt: at(20) },
          { id: 'ACKED', serviceId: 'S', createdAt: at(40) },
          { id: 'TOO-OLD', serviceId: 'S', createdAt: '2026-01-01T00:00:00.000Z' },
        ],
        at(100),
      );
      await store.recordLookup('OPEN-READ', { settled: false, at: at(101) });
      await store.recordLookup('ACKED', { acknowledgedAt: at(41), settled: true, at: at(101) });
      expect((await store.dueForLookup(at(0), 10)).map(i => i.id)).toEqual(['NEW', 'OLD', 'OPEN-READ']);
      expect((await store.dueForLookup(at(0), 2)).map(i => i.id)).toEqual(['NEW', 'OLD']);
      expect(await store.dueForLookup(at(0), 0)).toEqual([]);
    });

    it('prunes incidents created before a time', async () => {
      const { store } = await createStore();
      await store.upsertIncidents(
        [
          { id: 'A', serviceId: 'S', createdAt: at(0) },
          { id: 'B', serviceId: 'S', createdAt: at(10) },
        ],
        at(100),
      );
      expect(await store.prune(at(5))).toBe(1);
      expect((await store.between(at(0), at(100))).map(i => i.id)).toEqual(['B']);
    });

    it('lists incidents still open from before a time, least recently updated first', async () => {
      const { store } = await createStore();
      await store.upsertIncidents([{ id: 'A', serviceId: 'S', createdAt: at(0) }], at(100));
      await store.upsertIncidents([{ id: 'B', serviceId: 'S', createdAt: at(1) }], at(50));
      await store.upsertIncidents([{ id: 'C', serviceId: 'S', createdAt: at(2), resolvedAt: at(3) }], at(10));
      await store.upsertIncidents([{ id: 'D', serviceId: 'S', createdAt: at(500) }], at(10));
      expect((await store.openBefore(at(400), 10)).map(i => i.id)).toEqual(['B', 'A']);
      expect((await store.openBefore(at(400), 1)).map(i => i.id)).toEqual(['B']);
    });

    it('keeps the coverage and the whole-window listing attempt until a run says otherwise', async () => {
      const { store } = await createStore();
      await store.recordRun({
        at: at(0),
        succeeded: true,
        coveredSince: at(-100),
        backfill: { at: at(0), error: 'timed out after 1200 ms' },
      });
      await store.recordRun({ at: at(10), succeeded: true });
      expect(await store.state()).toMatchObject({
        coveredSince: at(-100),
        backfillAttemptAt: at(0),
        backfillError: 'timed out after 1200 ms',
      });
      await store.recordRun({ at: at(70), succeeded: true, coveredSince: at(-1000), backfill: { at: at(70) } });
      const state = await store.state();
      expect(state).toMatchObject({ coveredSince: at(-1000), backfillAttemptAt: at(70) });
      expect(state.backfillError).toBeUndefined();
    });

    it('keeps the last success when a later run fails, and clears the error after a success', async () => {
      const { store } = await createStore();
      expect(await store.state()).toEqual({ notConfigured: false });
      await store.recordRun({ at: at(0), succeeded: false, error: 'PagerDuty is unavailable: 503' });
      expect(await store.state()).toEqual({
        lastAttemptAt: at(0),
        lastError: 'PagerDuty is unavailable: 503',
        notConfigured: false,
      });
      await store.recordRun({ at: at(10), succeeded: true, logError: '2 incident log(s) could not be read: timeout' });
      await store.recordRun({ at: at(20), succeeded: false, error: 'timed out' });
      expect(await store.state()).toEqual({
        lastSuccessAt: at(10),
        lastAttemptAt: at(20),
        lastError: 'timed out',
        notConfigured: false,
      });
      await store.recordRun({ at: at(30), succeeded: true });
      expect(await store.state()).toEqual({ lastSuccessAt: at(30), lastAttemptAt: at(30), notConfigured: false });
    });
  });
});
