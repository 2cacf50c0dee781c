import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Sourced } from '@internal/plugin-infra-common';
import type { PdIncident, PdLogEntry } from '@internal/plugin-infra-node';
import { IncidentHistoryStore } from '../../database/IncidentHistoryStore';
import { IncidentHistory, SETTLE_MS } from './IncidentHistory';
import type { IncidentImporter } from './IncidentImporter';

jest.setTimeout(60_000);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const incident = (id: string, createdAgoMs: number, resolvedAgoMs?: number): PdIncident => ({
  id,
  number: 1,
  title: id,
  status: resolvedAgoMs === undefined ? 'triggered' : 'resolved',
  urgency: 'high',
  serviceId: 'PSVC',
  createdAt: ago(createdAgoMs),
  ...(resolvedAgoMs !== undefined ? { resolvedAt: ago(resolvedAgoMs) } : {}),
  assignees: [],
});

/** A PagerDuty behind the importer: a recent list, a whole-window listing, single incidents, logs. */
function fakeImporter(options: {
  recent: () => Sourced<PdIncident[]>;
  window?: () => Promise<PdIncident[]>;
  incidents?: Record<string, PdIncident>;
  acks?: Record<string, string>;
}) {
  const calls = { recent: 0, window: 0, incident: [] as string[], logs: [] as string[] };
  const importer = {
    async recentSourced() {
      calls.recent += 1;
      return options.recent();
    },
    async sourcedBetween() {
      calls.window += 1;
      const incidents = await (options.window ?? (async () => []))();
      return { incidents, freshness: { state: 'fresh' as const } };
    },
    async incident(id: string) {
      calls.incident.push(id);
      const found = options.incidents?.[id];
      if (!found) throw new Error(`no PagerDuty incident ${id}`);
      return found;
    },
    async logEntries(id: string): Promise<PdLogEntry[]> {
      calls.logs.push(id);
      const ack = options.acks?.[id];
      return ack ? [{ id: `${id}-ack`, type: 'acknowledge_log_entry', summary: 'Acknowledged', createdAt: ack }] : [];
    },
  };
  return { importer: importer as unknown as IncidentImporter, calls };
}

describe('IncidentHistory.refresh', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
  const store = async () =>
    IncidentHistoryStore.create({
      database: mockServices.database({ knex: await databases.init('SQLITE_3'), migrations: { skip: false } }),
    });
  const history = (s: IncidentHistoryStore, importer: IncidentImporter, runDeadlineMs = 20_000) =>
    new IncidentHistory({
      store: s,
      importer,
      logger: mockServices.logger.mock(),
      options: { historyDays: 92, maxLogLookupsPerRun: 500, runDeadlineMs },
    });

  it('waits for the recent list on a cold start, then stores it and reads each log', async () => {
    const s = await store();
    let reads = 0;
    const recent = [incident('A', 2 * HOUR, HOUR), incident('B', 3 * DAY)];
    const { importer, calls } = fakeImporter({
      recent: () =>
        ++reads < 3
          ? { freshness: { state: 'loading' } }
          : { freshness: { state: 'fresh', fetchedAt: ago(0) }, data: recent },
      acks: { A: ago(2 * HOUR - 60_000) },
    });
    const report = await history(s, importer).refresh();
    expect(calls.recent).toBe(3);
    expect(report).toMatchObject({ listed: 2, logsRead: 2, logsFailed: 0 });
    const stored = await s.between(ago(10 * DAY), ago(0));
    expect(stored.map(i => [i.id, Boolean(i.acknowledgedAt), Boolean(i.logReadAt)])).toEqual([
      ['B', false, true],
      ['A', true, true],
    ]);
    expect((await s.state()).lastSuccessAt).toBeDefined();
  });

  it('answers a failed run with the reason when the recent list stays loading past the deadline', async () => {
    const s = await store();
    const { importer } = fakeImporter({ recent: () => ({ freshness: { state: 'loading' } }) });
    await expect(history(s, importer, 1500).refresh()).rejects.toThrow(/still loading/);
    expect(await s.state()).toMatchObject({ lastError: expect.stringMatching(/still loading/) });
    expect((await s.state()).lastSuccessAt).toBeUndefined();
  });

  it('reads an acknowledged log once, an unacknowledged one while open or just resolved, and then no more', async () => {
    const s = await store();
    const recent = [
      incident('ACKED', 5 * HOUR, 4 * HOUR),
      incident('OPEN', 1 * HOUR),
      incident('JUST-RESOLVED', 2 * HOUR, SETTLE_MS / 2),
      incident('LONG-RESOLVED', 2 * DAY, DAY),
    ];
    const { importer, calls } = fakeImporter({
      recent: () => ({ freshness: { state: 'fresh', fetchedAt: ago(0) }, data: recent }),
      acks: { ACKED: ago(5 * HOUR - 120_000) },
    });
    await history(s, importer).refresh();
    expect(calls.logs.sort()).toEqual(['ACKED', 'JUST-RESOLVED', 'LONG-RESOLVED', 'OPEN']);
    calls.logs.length = 0;
    await history(s, importer).refresh();
    expect(calls.logs.sort()).toEqual(['JUST-RESOLVED', 'OPEN']);
  });

  it('grows forward from the recent list when the whole window cannot be listed, retrying that hourly', async () => {
    const s = await store();
    const { importer, calls } = fakeImporter({
      recent: () => ({ freshness: { state: 'fresh', fetchedAt: ago(0) }, data: [incident('A', HOUR, 0)] }),
      window: async () => {
        throw new Error('PagerDuty is unavailable: timed out after 1200 ms');
      },
    });
    await history(s, importer).refresh();
    const first = await s.state();
    expect(first.backfillError).toBe('PagerDuty is unavailable: timed out after 1200 ms');
    expect(Date.parse(first.coveredSince!)).toBeGreaterThan(Date.now() - 7 * DAY);
    expect(Date.parse(first.coveredSince!)).toBeLessThan(Date.now() - 7 * DAY + HOUR);
    expect(first.lastSuccessAt).toBeDefined();
    // The next run (within the hour) does not list the whole window again; coverage stays.
    await history(s, importer).refresh();
    expect(calls.window).toBe(1);
    expect((await s.state()).coveredSince).toBe(first.coveredSince);
  });

  it('covers the whole window once it is listed, and then does not list it again', async () => {
    const s = await store();
    const { importer, calls } = fakeImporter({
      recent: () => ({ freshness: { state: 'fresh', fetchedAt: ago(0) }, data: [] }),
      window: async () => [incident('OLD', 60 * DAY, 59 * DAY)],
    });
    await history(s, importer).refresh();
    const state = await s.state();
    expect(Date.parse(state.coveredSince!)).toBeLessThanOrEqual(Date.now() - 92 * DAY + 60_000);
    expect(state.backfillError).toBeUndefined();
    expect((await s.between(ago(92 * DAY), ago(0))).map(i => i.id)).toEqual(['OLD']);
    await history(s, importer).refresh();
    expect(calls.window).toBe(1);
  });

  it('reads the status of an incident still open from before the recent list, and keeps going past one PagerDuty no longer knows', async () => {
    const s = await store();
    await s.upsertIncidents(
      [
        { id: 'GONE', serviceId: 'PSVC', createdAt: ago(20 * DAY) },
        { id: 'LONG-OPEN', serviceId: 'PSVC', createdAt: ago(10 * DAY) },
      ],
      ago(DAY),
    );
    const { importer, calls } = fakeImporter({
      recent: () => ({ freshness: { state: 'fresh', fetchedAt: ago(0) }, data: [] }),
      window: async () => {
        throw new Error('timed out');
      },
      incidents: { 'LONG-OPEN': incident('LONG-OPEN', 10 * DAY, HOUR) },
    });
    await history(s, importer).refresh();
    expect(calls.incident.sort()).toEqual(['GONE', 'LONG-OPEN']);
    const stored = await s.between(ago(30 * DAY), ago(0));
    expect(stored.find(i => i.id === 'LONG-OPEN')?.resolvedAt).toBeDefined();
    expect(stored.find(i => i.id === 'GONE')?.resolvedAt).toBeUndefined();
  });
});
