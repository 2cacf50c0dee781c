import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { PostmortemConflictError } from './PostmortemApi';
import { PostmortemClient } from './PostmortemClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const base = 'http://localhost:7007/api/postmortem';
const client = new PostmortemClient({
  discoveryApi: { getBaseUrl: async () => base },
  fetchApi: { fetch: (input: any, init?: any) => fetch(input, init) },
});

describe('PostmortemClient', () => {
  it('turns a 409 on save into a conflict with the current revision', async () => {
    let body: any;
    server.use(
      http.put(`${base}/postmortems/abc`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          {
            error: { name: 'ConflictError', message: 'Revision 1 is not the latest' },
            baseRevision: 1,
            currentRevision: 2,
            current: {
              revision: 2,
              title: 't',
              severity: 'SEV2',
              document: 'theirs',
              author: 'user:default/b',
              createdAt: '2026-11-26T00:00:00Z',
            },
          },
          { status: 409 },
        );
      }),
    );
    const error = await client.update('abc', { baseRevision: 1, document: 'mine' }).catch(e => e);
    expect(body).toEqual({ baseRevision: 1, document: 'mine' });
    expect(error).toBeInstanceOf(PostmortemConflictError);
    expect(error.conflict.current.document).toBe('theirs');
  });

  it('encodes path segments and query parameters', async () => {
    let url = '';
    server.use(
      http.get(`${base}/action-items`, ({ request }) => {
        url = request.url;
        return HttpResponse.json([]);
      }),
      http.get(`${base}/postmortems/:id/revisions/:n`, ({ params }) =>
        HttpResponse.json({ id: params.id, n: params.n }),
      ),
    );
    await client.actionItems({ owner: 'me', status: 'open,in_progress', overdue: true });
    expect(new URL(url).searchParams.get('status')).toBe('open,in_progress');
    expect(new URL(url).searchParams.get('overdue')).toBe('true');
    expect(await client.revision('a/b', 3)).toEqual({ id: 'a/b', n: '3' });
  });

  it('throws a ResponseError with the backend message otherwise', async () => {
    server.use(
      http.post(`${base}/postmortems`, () =>
        HttpResponse.json(
          { error: { name: 'InputError', message: 'Invalid postmortem: severity: bad' } },
          { status: 400 },
        ),
      ),
    );
    await expect(client.create({ entityRef: 'component:default/x' })).rejects.toThrow(/severity/);
  });
});
