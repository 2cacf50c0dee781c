import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { PostmortemSummary } from '@internal/plugin-postmortem-common';
import express from 'express';
import request from 'supertest';
import { PostmortemStore } from '../database/PostmortemStore';
import { createRouter } from './router';

/**
 * `GET /postmortems` pages in SQL: more than the former silent cap of 500, all of them across
 * pages with a stable cursor (postmortems written while paging shift nothing), filters in the
 * query, and the plain-array form (no paging parameters) says when more follow.
 */
jest.setTimeout(180_000);

const databases = TestDatabases.create({ disableDocker: true });

describe.each(databases.eachSupportedId())('GET /postmortems on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await PostmortemStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    // The list routes only reach the store through these two service methods.
    const postmortems = {
      list: (f: any) => store.list(f),
      page: (f: any, o: any) => store.page(f, o),
    } as any;
    const app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/platform') }),
        auditor: mockServices.auditor.mock(),
        postmortems,
      }),
    );
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(err.name === 'InputError' ? 400 : 500).json({ error: { name: err.name, message: err.message } });
    });
    return { store, app };
  }

  const create = (
    store: PostmortemStore,
    i: number,
    startedAt: string | undefined,
    extra: { team?: string; status?: string } = {},
  ) =>
    store.create(
      {
        entityRef: `component:default/service-${i % 7}`,
        ownerRef: extra.team ?? (i % 4 === 0 ? 'group:default/team-checkout' : 'group:default/team-catalog'),
        title: `Incident ${i}`,
        severity: (['SEV1', 'SEV2', 'SEV3'] as const)[i % 3],
        language: 'en',
        incidentIds: [`Q${i}`],
        ...(startedAt ? { startedAt } : {}),
        document: `## Summary\n\nincident ${i}\n`,
        timeline: [],
      },
      'user:default/platform',
    );

  async function pages(app: express.Express, query: string, limit: number, between?: (n: number) => Promise<void>) {
    const out: PostmortemSummary[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const res = await request(app).get(
        `/postmortems?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return out;
      await between?.(n);
    }
    throw new Error('more than 100 pages');
  }

  it('returns all of more than 500 postmortems across pages, stable while postmortems are written', async () => {
    const { store, app } = await setup();
    const base = Date.parse('2025-01-01T00:00:00.000Z');
    const ids = new Set<string>();
    for (let i = 0; i < 540; i++) {
      // Pairs share an incident start; every 45th has none yet (listed last).
      const startedAt = i % 45 === 0 ? undefined : new Date(base + Math.floor(i / 2) * 3600_000).toISOString();
      ids.add((await create(store, i, startedAt)).id);
    }
    let written = 0;
    const seen = await pages(app, '', 100, async () => {
      // Written while paging: a newer incident, one at an already-listed start, one without a start.
      await create(store, 1000 + written++, new Date(base + 400 * 86400_000).toISOString());
      await create(store, 1000 + written++, new Date(base + 3 * 3600_000).toISOString());
      await create(store, 1000 + written++, undefined);
    });
    const seenIds = seen.map(p => p.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...ids].filter(id => !seenIds.includes(id))).toEqual([]);
    // Newest incident first; postmortems without a start last.
    const starts = seen.filter(p => ids.has(p.id)).map(p => p.startedAt ?? '');
    const firstBlank = starts.indexOf('');
    expect(starts.slice(0, firstBlank)).toEqual([...starts.slice(0, firstBlank)].sort().reverse());
    expect(starts.slice(firstBlank).every(s => s === '')).toBe(true);

    // Filters are in the query: all of the team's drafts, across pages.
    const team = await pages(app, 'team=team-checkout&status=draft', 50);
    expect(team.length).toBeGreaterThan(135);
    expect(team.every(p => p.ownerRef === 'group:default/team-checkout')).toBe(true);
    const all = await pages(app, '', 200);
    expect(team.map(p => p.id)).toEqual(all.filter(p => p.ownerRef === 'group:default/team-checkout').map(p => p.id));

    // Without paging parameters: the array as before, and the response tells that more follow.
    const legacy = await request(app).get('/postmortems');
    expect(legacy.status).toBe(200);
    expect(Array.isArray(legacy.body)).toBe(true);
    expect(legacy.body).toHaveLength(500);
    expect(legacy.headers['x-next-cursor']).toBeTruthy();
    expect(legacy.headers.link).toMatch(/rel="next"/);
    const next = await request(app).get(
      `/postmortems?cursor=${encodeURIComponent(legacy.headers['x-next-cursor'])}&limit=200`,
    );
    // Its cursor continues where the array ended: together they are the whole list.
    expect(next.body.nextCursor).toBeUndefined();
    expect([...legacy.body, ...next.body.items].map((p: PostmortemSummary) => p.id)).toEqual(all.map(p => p.id));
    // Bad paging input is a 400.
    expect((await request(app).get('/postmortems?limit=1000')).status).toBe(400);
    expect((await request(app).get('/postmortems?cursor=bm9wZQ')).status).toBe(400);
  });
});
