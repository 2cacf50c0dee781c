import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { entitySlo, maintenance } from '../testing/fixtures';
import { SloClient } from './SloClient';

const BASE = 'http://backstage:7007/api/slo';
const checkout = { kind: 'component', namespace: 'default', name: 'checkout' };

describe('SloClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new SloClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: (...args) => globalThis.fetch(...args) },
  });

  it('reads an entity SLO, encoding every path segment', async () => {
    let url = '';
    server.use(
      http.get(`${BASE}/entities/:kind/:namespace/:name`, ({ request }) => {
        url = request.url;
        return HttpResponse.json(entitySlo());
      }),
    );
    const slo = await client.getEntitySlo({ ...checkout, name: 'a/b c' });
    expect(slo.entityRef).toBe('component:default/checkout');
    expect(url).toBe(`${BASE}/entities/component/default/a%2Fb%20c`);
  });

  it('reads the history, gate, fleet and weekly review routes', async () => {
    const seen: string[] = [];
    const record =
      (body: Record<string, unknown>) =>
      ({ request }: { request: Request }) => {
        seen.push(request.url);
        return HttpResponse.json(body);
      };
    server.use(
      http.get(`${BASE}/entities/:k/:ns/:n/history`, record({ days: [] })),
      http.get(`${BASE}/entities/:k/:ns/:n/gate`, record({ allowed: true })),
      http.get(`${BASE}/fleet`, record({ rows: [] })),
      http.get(`${BASE}/review/weekly`, ({ request }) => {
        seen.push(request.url);
        const format = new URL(request.url).searchParams.get('format');
        return format === 'json' ? HttpResponse.json({ weeks: [], rows: [] }) : HttpResponse.text(`as ${format}`);
      }),
    );
    await client.getHistory(checkout);
    await client.getDeployGate(checkout);
    await client.getFleet();
    await client.getFleet({ owner: 'group:default/team-a', system: 'shop' });
    await client.getWeeklyReview();
    expect(await client.getWeeklyReviewText('markdown')).toBe('as markdown');
    expect(await client.getWeeklyReviewText('csv')).toBe('as csv');
    expect(seen).toEqual([
      `${BASE}/entities/component/default/checkout/history`,
      `${BASE}/entities/component/default/checkout/gate`,
      `${BASE}/fleet`,
      `${BASE}/fleet?owner=group%3Adefault%2Fteam-a&system=shop`,
      `${BASE}/review/weekly?format=json`,
      `${BASE}/review/weekly?format=markdown`,
      `${BASE}/review/weekly?format=csv`,
    ]);
  });

  it('lists, creates and deletes corrections', async () => {
    let posted: unknown;
    let deleted = '';
    server.use(
      http.get(`${BASE}/entities/:k/:ns/:n/corrections`, () => HttpResponse.json([maintenance])),
      http.post(`${BASE}/entities/:k/:ns/:n/corrections`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json({ ...maintenance, id: 'c2' }, { status: 201 });
      }),
      http.delete(`${BASE}/corrections/:id`, ({ params }) => {
        deleted = String(params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    expect(await client.getCorrections(checkout)).toEqual([maintenance]);
    const body = {
      start: '2026-12-01T01:00:00.000Z',
      end: '2026-12-01T03:00:00.000Z',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      reason: 'DB maintenance',
    };
    expect((await client.createCorrection(checkout, body)).id).toBe('c2');
    expect(posted).toEqual(body);
    await client.deleteCorrection('c 1');
    expect(deleted).toBe('c 1');
  });

  it("rejects with a ResponseError carrying the status and the backend's message", async () => {
    server.use(
      http.post(`${BASE}/entities/:k/:ns/:n/corrections`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'not your service' },
            response: { statusCode: 403 },
          },
          { status: 403, statusText: 'Forbidden' },
        ),
      ),
    );
    const error = await client
      .createCorrection(checkout, {
        start: '2026-12-01T01:00:00.000Z',
        end: '2026-12-01T03:00:00.000Z',
        reason: 'x',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('not your service');
  });
});
