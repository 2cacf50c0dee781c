import { ResponseError } from '@backstage/errors';
import { CatalogQualityClient } from './CatalogQualityClient';

describe('CatalogQualityClient', () => {
  const discoveryApi = {
    getBaseUrl: async (id: string) => `http://backend/api/${id}`,
  };

  it('reads the report from the catalog-quality backend', async () => {
    const fetch = jest.fn(async () => new Response(JSON.stringify({ findings: [] }), { status: 200 }));
    const client = new CatalogQualityClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    await expect(client.getReport()).resolves.toEqual({ findings: [] });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/catalog-quality/report');
  });

  it('throws a ResponseError with the backend error', async () => {
    const body = {
      error: { name: 'AuthenticationError', message: 'Missing credentials' },
      response: { statusCode: 401 },
    };
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status: 401,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const client = new CatalogQualityClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    const error = await client.getReport().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(401);
    expect(error.cause.name).toBe('AuthenticationError');
    expect(error.cause.message).toBe('Missing credentials');
  });
});
