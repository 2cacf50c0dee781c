/* eslint-disable @backstage/no-undeclared-imports -- the portal backend's own GitHub modules and
   URL reader (packages/backend's dependencies) are the clients this simulator must satisfy */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { GithubEntityProvider, GithubMultiOrgEntityProvider } from '@backstage/plugin-catalog-backend-module-github';
import { parseAllDocuments } from 'yaml';
import { SANDBOX_CREDENTIALS } from '../context';
import { loadContract } from '../contracts/loadContract';
import { DEFAULT_PORTS, type Sandbox, type SandboxPorts, startSandbox } from '../server';
import { loadGithubOrganization } from './world';

/**
 * The sandbox's GitHub against the clients production uses: Backstage's discovery provider
 * (catalog-info.yaml across the organisation), its org provider (teams and members) and the
 * GitHub URL reader the catalog fetches files with. Every REST answer is checked against GitHub's
 * OpenAPI description, every GraphQL query against GitHub's published schema.
 */

const FREE_PORTS = {
  ...(Object.fromEntries(Object.keys(DEFAULT_PORTS).map(k => [k, 0])) as unknown as SandboxPorts),
  kubernetes: [0, 0],
};

/** Small pages, so that every connection the modules read spans several pages. */
const PAGE_SIZES = { repositories: 10, teams: 3, teamMembers: 3, organizationMembers: 7 };

jest.setTimeout(120_000);

const silent: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silent,
};

/** What an entity provider hands the catalog. */
function recordingConnection() {
  const mutations: any[] = [];
  return {
    mutations,
    connection: {
      applyMutation: async (m: any) => {
        mutations.push(m);
      },
      refresh: async () => {},
    },
  };
}

/** A task runner that runs the provider's task when the test says so. */
function manualRunner() {
  let task: (() => Promise<void>) | undefined;
  return {
    runner: {
      run: async (t: { fn: () => Promise<void> }) => {
        task = t.fn;
      },
    },
    runNow: async () => {
      if (!task) throw new Error('the provider scheduled no task');
      await task();
    },
  };
}

let sandbox: Sandbox;
let config: ConfigReader;

beforeAll(async () => {
  sandbox = await startSandbox({ ports: FREE_PORTS });
  const github = sandbox.githubConfig();
  github.catalog.providers.github.exampleCo.pageSizes = { repositories: PAGE_SIZES.repositories };
  github.catalog.providers.githubOrg.pageSizes = PAGE_SIZES;
  config = new ConfigReader(github);
});

afterAll(async () => {
  await sandbox?.stop();
});

async function discover() {
  const { runner, runNow } = manualRunner();
  const [provider] = GithubEntityProvider.fromConfig(config, { logger: silent, schedule: runner as any });
  const { connection, mutations } = recordingConnection();
  await provider.connect(connection as any);
  await runNow();
  expect(mutations).toHaveLength(1);
  return (mutations[0].entities as any[]).map(e => e.entity.spec.target as string);
}

describe('the discovery provider and the URL reader', () => {
  let targets: string[];

  beforeAll(async () => {
    targets = await discover();
  });

  it('finds one catalog-info.yaml per repository of the organisation, across pages', () => {
    const org = loadGithubOrganization();
    expect(targets).toHaveLength(org.repositories.length);
    expect(targets).toContain(`${sandbox.urls.github}/example-co/checkout-service/blob/main/catalog-info.yaml`);
    const pages = sandbox.github.graphql.filter(q => /repositoryOwner\(login: \$org\)/.test(q.query));
    expect(pages.length).toBe(Math.ceil(org.repositories.length / PAGE_SIZES.repositories));
    // Each page after the first asks from the previous page's end cursor.
    pages.forEach((page, i) => {
      const cursor = (page.variables as any).cursor ?? null;
      const previous =
        i === 0 ? null : (pages[i - 1].response as any).data.repositoryOwner.repositories.pageInfo.endCursor;
      expect(cursor).toBe(previous);
    });
  });

  it('reads every file through the GitHub URL reader: the whole example company but its people', async () => {
    const reader = UrlReaders.default({ config, logger: silent });
    const counts: Record<string, number> = {};
    for (const target of targets) {
      const { files } = await reader.search(target);
      expect(files).toHaveLength(1);
      for (const doc of parseAllDocuments((await files[0].content()).toString('utf8'))) {
        const kind = (doc.toJS() as any).kind as string;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
    }
    expect(counts).toEqual({ Component: 25, System: 6, API: 14, Resource: 8 });
  });

  it('answers a conditional read of an unchanged file with 304 (the reader then reports NotModified)', async () => {
    const reader = UrlReaders.default({ config, logger: silent });
    const first = await reader.readUrl(targets[0]);
    expect(first.etag).toBeTruthy();
    await expect(reader.readUrl(targets[0], { etag: first.etag })).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('finds a repository added through the admin API at its next run', async () => {
    const res = await fetch(`${sandbox.urls.admin}/github/repositories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'loyalty-service',
        catalogInfo:
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: loyalty-service\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-checkout\n',
      }),
    });
    expect(res.status).toBe(201);
    const again = await discover();
    const target = `${sandbox.urls.github}/example-co/loyalty-service/blob/main/catalog-info.yaml`;
    expect(again).toContain(target);
    const reader = UrlReaders.default({ config, logger: silent });
    expect((await reader.readUrl(target).then(r => r.buffer())).toString()).toContain('name: loyalty-service');
    // A second repository of that name is refused.
    const twice = await fetch(`${sandbox.urls.admin}/github/repositories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'loyalty-service', catalogInfo: 'x' }),
    });
    expect(twice.status).toBe(409);
  });
});

describe('the org provider', () => {
  let entities: any[];

  beforeAll(async () => {
    const { runner, runNow } = manualRunner();
    const provider = GithubMultiOrgEntityProvider.fromConfig(config, {
      id: 'example-co',
      githubUrl: sandbox.urls.github,
      orgs: ['example-co'],
      alwaysUseDefaultNamespace: true,
      pageSizes: PAGE_SIZES,
      logger: silent,
      schedule: runner as any,
    });
    const { connection, mutations } = recordingConnection();
    await provider.connect(connection as any);
    await runNow();
    if (mutations.length !== 1) throw new Error(`the org provider applied ${mutations.length} mutations`);
    entities = mutations[0].entities.map((e: any) => e.entity);
  });

  it('reads every member as a User and every team as a Group, across pages', () => {
    const users = entities.filter(e => e.kind === 'User');
    const groups = entities.filter(e => e.kind === 'Group');
    expect(users).toHaveLength(25);
    expect(groups).toHaveLength(7);
    const memberPages = sandbox.github.graphql.filter(q => /membersWithRole\(first:/.test(q.query));
    expect(memberPages.length).toBe(Math.ceil(25 / PAGE_SIZES.organizationMembers));
    const teamPages = sandbox.github.graphql.filter(q => /teams\(first: \$teamsPageSize/.test(q.query));
    expect(teamPages.length).toBe(Math.ceil(7 / PAGE_SIZES.teams));
    // Teams with more members than a page: the provider pages through team(slug).members.
    expect(
      sandbox.github.graphql.some(q => /team\(slug: \$teamSlug\)/.test(q.query) && (q.variables as any).cursor),
    ).toBe(true);
  });

  it('keeps the parent teams and the members of every team', () => {
    const group = (name: string) => entities.find(e => e.kind === 'Group' && e.metadata.name === name);
    expect(group('team-platform').spec.parent).toBe('engineering');
    expect([...group('engineering').spec.children].sort()).toEqual([
      'team-catalog',
      'team-checkout',
      'team-data',
      'team-identity',
      'team-platform',
      'team-storefront',
    ]);
    // Logins are the example names without dots; the default transformer names Users by login.
    expect(group('team-checkout').spec.members).toEqual(
      expect.arrayContaining([
        'default/kato-minato',
        'default/yoshida-sakura',
        'default/yamada-kaito',
        'default/sasaki-mio',
      ]),
    );
    const kato = entities.find(e => e.kind === 'User' && e.metadata.name === 'kato-minato');
    expect(kato.spec.memberOf).toEqual(['team-checkout']);
    expect(kato.spec.profile).toMatchObject({ displayName: 'Minato Kato (加藤 湊)', email: 'kato.minato@example.com' });
  });

  it('gives members their e-mail on the verified domain (what a GitHub App sees)', async () => {
    const q = sandbox.github.graphql.find(x => /membersWithRole/.test(x.query))!;
    const nodes = (q.response as any).data.organization.membersWithRole.nodes as any[];
    for (const n of nodes)
      expect(n.organizationVerifiedDomainEmails).toEqual([expect.stringMatching(/@example\.com$/)]);
  });
});

describe('contracts', () => {
  it("sends only queries that validate against GitHub's schema, and answers them without errors", () => {
    expect(sandbox.github.graphql.length).toBeGreaterThan(5);
    const invalid = sandbox.github.graphql.filter(q => q.validationErrors.length > 0);
    expect(invalid.map(q => q.validationErrors.map(e => e.message))).toEqual([]);
    expect(sandbox.github.graphql.filter(q => q.response.errors).map(q => q.response.errors)).toEqual([]);
  });

  it("answers every REST request as GitHub's OpenAPI description documents it", () => {
    const contract = loadContract('github')!;
    expect(contract).toBeDefined();
    expect(sandbox.github.exchanges.length).toBeGreaterThan(30);
    const problems = sandbox.github.exchanges.flatMap(x => {
      const path = x.url.replace(/^\/api\/v3/, '');
      const request = contract.checkRequest(x.method, path);
      const matched = contract.match(x.method, path.split('?')[0]);
      // Raw media type: the body is the file itself, not JSON; the status must still be documented.
      const body = typeof x.body === 'string' ? undefined : x.body;
      const response =
        body === undefined && x.status === 200
          ? []
          : contract.validateResponse(x.method, path.split('?')[0], x.status, body);
      return [...request, ...response, ...(matched ? [] : ['undocumented'])].map(
        p => `${x.method} ${x.url} ${x.status}: ${p}`,
      );
    });
    expect(problems).toEqual([]);
    expect(new Set(sandbox.github.exchanges.map(x => x.status))).toEqual(new Set([200, 304]));
  });

  it('answers the JSON form of a file and its errors as documented', async () => {
    const contract = loadContract('github')!;
    const base = `${sandbox.urls.github}/api/v3`;
    const auth = { authorization: `token ${SANDBOX_CREDENTIALS.githubToken}` };
    const cases: Array<[string, Record<string, string>, number]> = [
      [
        '/repos/example-co/checkout-service/contents/catalog-info.yaml?ref=main',
        { ...auth, accept: 'application/vnd.github+json' },
        200,
      ],
      ['/repos/example-co/checkout-service/contents/missing.yaml?ref=main', auth, 404],
      ['/repos/example-co/no-such-repo/contents/catalog-info.yaml', auth, 404],
      ['/repos/example-co/checkout-service/contents/catalog-info.yaml', {}, 404],
      ['/repos/example-co/checkout-service/contents/catalog-info.yaml', { authorization: 'token wrong' }, 401],
    ];
    const answers = [];
    for (const [route, headers, status] of cases) {
      const res = await fetch(`${base}${route}`, { headers });
      answers.push({ route, expected: status, status: res.status, body: await res.json() });
    }
    expect(answers.map(a => a.status)).toEqual(cases.map(c => c[2]));
    // 401 is not listed for this operation: GitHub's basic-error shape is checked below.
    const documented = answers.filter(a => a.status !== 401);
    expect(documented.flatMap(a => contract.validateResponse('GET', a.route.split('?')[0], a.status, a.body))).toEqual(
      [],
    );
    expect(answers.find(a => a.status === 401)!.body).toMatchObject({ message: 'Bad credentials' });
    const file = answers.find(a => a.status === 200)!.body;
    expect(Buffer.from(file.content, 'base64').toString()).toContain('name: checkout-service');
  });

  it('rejects what GitHub rejects: invalid queries, unbounded or oversized pages, no or a wrong token', async () => {
    const ask = (query: string, token: string | null = SANDBOX_CREDENTIALS.githubToken) =>
      fetch(`${sandbox.urls.github}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
    let res = await ask('{ organization(login: "example-co") { noSuchField } }');
    expect(res.status).toBe(200);
    expect((await res.json()).errors[0].message).toMatch(/Cannot query field "noSuchField" on type "Organization"/);
    res = await ask('{ organization(login: "example-co") { teams { totalCount } } }');
    expect((await res.json()).errors[0].message).toMatch(/must provide a `first` or `last` value/);
    res = await ask('{ organization(login: "example-co") { teams(first: 101) { totalCount } } }');
    expect((await res.json()).errors[0].message).toMatch(/exceeds the `first` limit of 100 records/);
    res = await ask('{ organization(login: "nobody") { login } }');
    const body = await res.json();
    expect(body.data.organization).toBeNull();
    expect(body.errors[0]).toMatchObject({ type: 'NOT_FOUND' });
    expect((await ask('{ viewer { login } }', null)).status).toBe(401);
    expect((await ask('{ viewer { login } }', 'wrong')).status).toBe(401);
  });
});
