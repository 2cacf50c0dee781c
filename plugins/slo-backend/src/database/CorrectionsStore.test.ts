import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CorrectionsStore } from './CorrectionsStore';

jest.setTimeout(60_000);

// SQLite, and the PostgreSQL the test runner provides (BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING);
// never Docker containers.
const databases = TestDatabases.create({ disableDocker: true });

describe('CorrectionsStore', () => {
  it('runs on PostgreSQL as well as SQLite in CI', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
    // With CI set, a missing PostgreSQL fails instead of silently testing SQLite only.
    expect(!process.env.CI || ids.some(id => id.startsWith('POSTGRES'))).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return { knex, store: await CorrectionsStore.create({ database }) };
    }

    it('adds, lists by entity and start, gets and deletes corrections', async () => {
      const { store } = await createStore();
      const weekly = await store.add({
        entityRef: 'component:default/payment-service',
        start: new Date('2026-11-03T02:00:00+09:00'),
        end: new Date('2026-11-03T04:00:00+09:00'),
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        reason: 'Weekly database maintenance',
        author: 'user:default/sato.yuki',
      });
      const oneOff = await store.add({
        entityRef: 'component:default/payment-service',
        start: new Date('2026-11-01T10:30:00.250Z'),
        end: new Date('2026-11-01T11:00:00Z'),
        reason: 'Card network outage (upstream)',
        author: 'user:default/guest',
      });
      await store.add({
        entityRef: 'component:default/cart-service',
        start: new Date('2026-11-20T00:00:00Z'),
        end: new Date('2026-11-20T01:00:00Z'),
        reason: 'Load test',
        author: 'user:default/guest',
      });

      expect(weekly).toMatchObject({
        entityRef: 'component:default/payment-service',
        start: '2026-11-02T17:00:00.000Z',
        end: '2026-11-02T19:00:00.000Z',
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        reason: 'Weekly database maintenance',
        author: 'user:default/sato.yuki',
      });
      expect(weekly.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(oneOff.rrule).toBeUndefined();

      const payment = await store.list({
        entityRefs: ['component:default/payment-service'],
      });
      // Ordered by start; timestamps round-trip exactly (milliseconds included) on every engine.
      expect(payment.map(c => [c.start, c.end, c.rrule])).toEqual([
        ['2026-11-01T10:30:00.250Z', '2026-11-01T11:00:00.000Z', undefined],
        ['2026-11-02T17:00:00.000Z', '2026-11-02T19:00:00.000Z', 'FREQ=WEEKLY;BYDAY=TU'],
      ]);
      expect(payment[0]).toEqual(oneOff);
      expect(await store.list()).toHaveLength(3);
      expect(await store.list({ entityRefs: [] })).toEqual([]);

      expect(await store.get(oneOff.id)).toEqual(oneOff);
      expect(await store.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
      expect(await store.delete(oneOff.id)).toBe(true);
      expect(await store.delete(oneOff.id)).toBe(false);
      expect(
        (
          await store.list({
            entityRefs: ['component:default/payment-service'],
          })
        ).map(c => c.id),
      ).toEqual([weekly.id]);
    });

    it("lists a whole fleet's corrections (hundreds of entities) and only theirs, by start", async () => {
      const { store } = await createStore();
      const fleet = Array.from({ length: 150 }, (_, i) => `component:default/service-${i}`);
      const at = (day: number) => new Date(Date.UTC(2026, 10, day, 1));
      const add = (entityRef: string, day: number) =>
        store.add({
          entityRef,
          start: at(day),
          end: at(day + 1),
          reason: 'maintenance',
          author: 'user:default/sato.yuki',
        });
      const late = await add(fleet[149], 9);
      const early = await add(fleet[3], 2);
      await add('component:default/not-in-the-fleet', 1);
      expect((await store.list({ entityRefs: fleet })).map(c => c.id)).toEqual([early.id, late.id]);
      expect((await store.list({ entityRefs: fleet.slice(0, 10) })).map(c => c.id)).toEqual([early.id]);
    });

    it('migrates down cleanly', async () => {
      const { knex } = await createStore();
      expect(await knex.schema.hasTable('slo_corrections')).toBe(true);
      await knex.migrate.rollback(
        {
          directory: resolvePackagePath('@internal/plugin-slo-backend', 'migrations'),
        },
        true,
      );
      expect(await knex.schema.hasTable('slo_corrections')).toBe(false);
    });
  });
});
