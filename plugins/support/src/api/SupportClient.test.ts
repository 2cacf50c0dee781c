import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SupportClient } from './SupportClient';

const BASE = 'http://backstage:7007/api/support';

describe('SupportClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SupportClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: (...args) => globalThis.fetch(...args) },
  });

  it('lists with comma-separated filters and leaves empty ones out', async () => {
    let url = '';
    server.use(
      http.get(`${BASE}/requests`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({ items: [], total: 0, offset: 0, limit: 50 });
      }),
    );
    await client.list({ status: ['new', 'triaged'], type: ['access'], mine: false, entity: '', sla: 'breached' });
    expect(new URL(url).searchParams.toString()).toBe('status=new%2Ctriaged&type=access&sla=breached');
  });

  it('files with the Idempotency-Key header and a JSON body', async () => {
    let seen: { key: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${BASE}/requests`, async ({ request }) => {
        seen = { key: request.headers.get('Idempotency-Key'), body: await request.json() };
        return HttpResponse.json({ id: 7 }, { status: 201 });
      }),
    );
    const created = await client.create({ type: 'question', title: 'How?', fields: { question: 'How?' } }, 'k-1');
    expect(created.id).toBe(7);
    expect(seen).toEqual({ key: 'k-1', body: { type: 'question', title: 'How?', fields: { question: 'How?' } } });
  });

  it('throws a ResponseError with the backend message', async () => {
    server.use(
      http.patch(`${BASE}/requests/:id`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'status: cannot go from triaged to new' },
            request: { method: 'PATCH', url: '/api/support/requests/3' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const failure = client.update(3, { status: 'new' });
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      body: { error: { message: 'status: cannot go from triaged to new' } },
    });
  });
});
