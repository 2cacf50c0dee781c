import { startSandbox, type Sandbox } from '@internal/sandbox';
import { callPortal } from '../testing/portalApi';
import { startPortalProcess, type PortalProcess } from '../testing/portalProcess';

/**
 * The catalog from GitHub: the real backend (every plugin) reads the example company from the
 * sandbox's GitHub through Backstage's GitHub modules, as production reads the company's
 * organisation: catalog-info.yaml files discovered across the organisation's repositories
 * (catalog.providers.github) and its teams and members as Groups and Users
 * (catalog.providers.githubOrg).
 */
const PROVIDER_SECONDS = 5;

/** Today's example company (examples/*.yaml and catalog-info.yaml). */
const EXPECTED = { Component: 25, Group: 7, User: 25, System: 6, API: 14, Resource: 8 };

jest.setTimeout(300_000);

describe('the catalog, read from GitHub', () => {
  let sandbox: Sandbox;
  let portal: PortalProcess;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    portal = await startPortalProcess({
      name: 'github-catalog',
      config: {
        backend: { database: { client: 'better-sqlite3', connection: ':memory:' }, cache: { store: 'memory' } },
        infra: sandbox.infraConfig(),
        ...sandbox.githubConfig({ discoverySeconds: PROVIDER_SECONDS, orgSeconds: PROVIDER_SECONDS }),
      },
    });
    token = await portal.guestToken();
  });

  afterAll(async () => {
    await portal?.stop();
    await sandbox?.stop();
  });

  const get = async (route: string) => {
    const answer = await callPortal(portal, token, 'GET', route);
    if (answer.status !== 200) throw new Error(`GET ${route}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.json;
  };

  const kindCounts = async (): Promise<Record<string, number>> => {
    const facets = await get('/api/catalog/entity-facets?facet=kind');
    return Object.fromEntries(facets.facets.kind.map((f: { value: string; count: number }) => [f.value, f.count]));
  };

  /** Waits until `check` holds (the catalog processes the providers' output in the background). */
  const eventually = async <T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: T | undefined;
    for (;;) {
      last = await read();
      if (check(last)) return last;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
      await new Promise(r => setTimeout(r, 1000));
    }
  };

  it('holds the whole example company, with no processing errors', async () => {
    const counts = await eventually('kind counts', kindCounts, c =>
      Object.entries(EXPECTED).every(([kind, n]) => c[kind] === n),
    );
    expect(counts).toMatchObject(EXPECTED);
    // One Location per repository, emitted by the discovery provider.
    expect(counts.Location).toBe(sandbox.github.org.repositories.length);
    const failed = await get('/api/catalog/entities/unprocessed/failed');
    expect(failed.entities ?? failed).toEqual([]);
  });

  it('ingested every entity through the GitHub providers, from the sandbox GitHub (no files)', async () => {
    const host = new URL(sandbox.urls.github).host;
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        `/api/catalog/entities/by-query?limit=100&fields=kind,metadata.name,metadata.annotations${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      items.push(...page.items);
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    const locations = items.map(e => e.metadata.annotations?.['backstage.io/managed-by-location'] as string);
    expect(locations.filter(l => !l?.startsWith('url:'))).toEqual([]);
    expect(locations.filter(l => new URL(l.slice(4)).host !== host)).toEqual([]);
    const component = items.find(e => e.kind === 'Component' && e.metadata.name === 'checkout-service');
    expect(component.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `url:${sandbox.urls.github}/example-co/checkout-service/tree/main/catalog-info.yaml`,
    );
    // The providers asked GitHub's GraphQL API for repositories, teams and members.
    const queries = sandbox.github.graphql.map(q => q.query);
    expect(queries.some(q => /repositoryOwner\(login: \$org\)/.test(q))).toBe(true);
    expect(queries.some(q => /teams\(first: \$teamsPageSize/.test(q))).toBe(true);
    expect(queries.some(q => /membersWithRole\(first:/.test(q))).toBe(true);
  });

  it('turns teams into Groups with their parents and members into Users with their teams', async () => {
    const platform = await get('/api/catalog/entities/by-name/group/default/team-platform');
    expect(platform.spec.parent).toBe('engineering');
    expect(platform.metadata.annotations['github.com/team-slug']).toBe('example-co/team-platform');
    const engineering = await get('/api/catalog/entities/by-name/group/default/engineering');
    expect([...engineering.spec.children].sort()).toEqual([
      'team-catalog',
      'team-checkout',
      'team-data',
      'team-identity',
      'team-platform',
      'team-storefront',
    ]);
    // GitHub logins have no dots: the User keeps its company name, the login is annotated.
    const kato = await get('/api/catalog/entities/by-name/user/default/kato.minato');
    expect(kato.metadata.annotations['github.com/user-login']).toBe('kato-minato');
    expect(kato.spec.profile.email).toBe('kato.minato@example.com');
    expect(kato.spec.memberOf).toEqual(['team-checkout']);
    const checkout = await get('/api/catalog/entities/by-name/group/default/team-checkout');
    const members = checkout.relations.filter((r: any) => r.type === 'hasMember').map((r: any) => r.targetRef);
    expect(members).toContain('user:default/kato.minato');
  });

  it('signs the guest in as user:default/guest, the member of team-platform the org provider ingested', async () => {
    const res = await fetch(`${portal.url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(res.status).toBe(200);
    const identity = (await res.json()).backstageIdentity.identity;
    expect(identity.userEntityRef).toBe('user:default/guest');
    expect(identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining(['user:default/guest', 'group:default/team-platform']),
    );
    const guest = await get('/api/catalog/entities/by-name/user/default/guest');
    expect(guest.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `url:https://${new URL(sandbox.urls.github).host}/guest`,
    );
  });

  it('ingests a repository added to the organisation at run time after the next provider run', async () => {
    const catalogInfo = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: loyalty-service',
      '  description: Loyalty points for orders.',
      'spec:',
      '  type: service',
      '  lifecycle: experimental',
      '  owner: team-checkout',
      '  system: payments',
      '',
    ].join('\n');
    const started = Date.now();
    const added = await fetch(`${sandbox.urls.admin}/github/repositories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'loyalty-service', catalogInfo }),
    });
    expect(added.status).toBe(201);
    const entity = await eventually(
      'loyalty-service in the catalog',
      () => callPortal(portal, token, 'GET', '/api/catalog/entities/by-name/component/default/loyalty-service'),
      a => a.status === 200,
      60_000,
    );
    const seconds = (Date.now() - started) / 1000;
    // eslint-disable-next-line no-console
    console.log(
      `a repository added to the sandbox GitHub reached the catalog in ${seconds.toFixed(
        1,
      )} s (provider every ${PROVIDER_SECONDS} s)`,
    );
    expect(entity.json.spec.owner).toBe('team-checkout');
    expect(entity.json.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `url:${sandbox.urls.github}/example-co/loyalty-service/tree/main/catalog-info.yaml`,
    );
    // One provider interval, then processing of the Location and of the Component it emits.
    expect(seconds).toBeLessThan(PROVIDER_SECONDS + 25);
  });
});
