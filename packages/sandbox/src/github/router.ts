import express from 'express';
import type { GraphQLError } from 'graphql';
import type { VendorErrorFormat } from '../faults';
import { answerGraphql, createRootValue } from './graphql';
import { CATALOG_FILE, DEFAULT_BRANCH, gitOid, headCommit, makeRepository, type GithubOrganization } from './world';

/** What the sandbox's GitHub received and answered, for the contract tests. */
export interface GithubExchange {
  method: string;
  /** Path and query as received (e.g. `/api/v3/repos/example-co/x/contents/catalog-info.yaml?ref=main`). */
  url: string;
  status: number;
  /** The parsed JSON body, or the text of a raw answer. */
  body: unknown;
  /** Set for REST answers: the media type the client asked for. */
  accept?: string;
}

export interface GraphqlExchange {
  query: string;
  variables: unknown;
  /** Errors of `validate(schema, parse(query))` (empty for a valid query). */
  validationErrors: readonly GraphQLError[];
  response: Record<string, unknown>;
}

/** The GitHub organisation's state and what was asked of it. */
export interface GithubSandbox {
  org: GithubOrganization;
  /** The last REST answers (at most 2000). */
  exchanges: GithubExchange[];
  /** The last GraphQL requests (at most 2000). */
  graphql: GraphqlExchange[];
  /** Adds a repository with a `catalog-info.yaml` (the admin API's `POST /github/repositories`). */
  addRepository(input: { name: string; catalogInfo: string; description?: string; topics?: string[] }): void;
}

const LOG_LIMIT = 2000;
const DOCS = 'https://docs.github.com/rest';

export const githubErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => ({ message, documentation_url: DOCS, status: String(status) }),
  rateLimitHeaders: reset => ({
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + reset),
    'retry-after': String(reset),
  }),
};

export function createGithubSandbox(org: GithubOrganization): GithubSandbox {
  const sandbox: GithubSandbox = {
    org,
    exchanges: [],
    graphql: [],
    addRepository({ name, catalogInfo, description, topics }) {
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`invalid repository name ${name}`);
      if (org.repositories.some(r => r.name.toLowerCase() === name.toLowerCase())) {
        throw new Error(`repository ${org.login}/${name} already exists`);
      }
      org.repositories.push(makeRepository({ name, description, topics, files: { [CATALOG_FILE]: catalogInfo } }));
    },
  };
  return sandbox;
}

function push<T>(log: T[], entry: T) {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

function tokenOf(req: express.Request): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return m?.[1];
}

/**
 * GitHub as GitHub Enterprise Server lays it out on one host: the web (`/{owner}/{repo}/...`),
 * the REST API under `/api/v3` and GraphQL at `/api/graphql`. What the catalog's GitHub modules
 * use: GraphQL for repositories, teams and members; REST for file contents (the URL reader).
 */
export function createGithubRouter(sandbox: GithubSandbox, options: { token: string; webBase: () => string }) {
  const { org } = sandbox;
  const router = express.Router();

  // GitHub's headers on every API answer.
  router.use('/api', (_req, res, next) => {
    res.set({
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': Math.random().toString(16).slice(2, 10).toUpperCase(),
    });
    next();
  });

  const rest = express.Router();
  const send = (req: express.Request, res: express.Response, status: number, body: unknown) => {
    push(sandbox.exchanges, { method: req.method, url: req.originalUrl, status, body, accept: req.header('accept') });
    res.status(status).json(body);
  };
  const error = (req: express.Request, res: express.Response, status: number, message: string, docs = DOCS) =>
    send(req, res, status, { message, documentation_url: docs, status: String(status) });

  rest.use((req, res, next) => {
    const token = tokenOf(req);
    if (token !== undefined && token !== options.token) {
      error(req, res, 401, 'Bad credentials');
      return;
    }
    (req as any).authenticated = token !== undefined;
    next();
  });

  // Repository content: the URL reader asks for the raw file (Accept: application/vnd.github.v3.raw).
  rest.get('/repos/:owner/:repo/contents/*', (req, res) => {
    const docs = 'https://docs.github.com/rest/repos/contents#get-repository-content';
    const repo = org.repositories.find(
      r =>
        req.params.owner.toLowerCase() === org.login.toLowerCase() &&
        r.name.toLowerCase() === req.params.repo.toLowerCase(),
    );
    // A private repository does not exist for whoever cannot read it.
    if (!repo || !(req as any).authenticated) {
      error(req, res, 404, 'Not Found', docs);
      return;
    }
    const head = headCommit(repo);
    const ref = typeof req.query.ref === 'string' && req.query.ref ? req.query.ref : DEFAULT_BRANCH;
    if (![DEFAULT_BRANCH, `refs/heads/${DEFAULT_BRANCH}`, 'HEAD', head].includes(ref)) {
      error(req, res, 404, `No commit found for the ref ${ref}`, docs);
      return;
    }
    const filePath = decodeURIComponent((req.params as unknown as string[])[0] ?? '').replace(/^\/+|\/+$/g, '');
    const text = repo.files.get(filePath);
    if (text === undefined) {
      error(req, res, 404, 'Not Found', docs);
      return;
    }
    const sha = gitOid('blob', text);
    const raw = /vnd\.github(\.v3)?\.raw/.test(req.header('accept') ?? '');
    const etag = raw ? `"${sha}"` : `W/"${gitOid('blob', `json:${sha}`)}"`;
    res.set({
      etag,
      'last-modified': new Date(repo.createdAt).toUTCString(),
      'cache-control': 'private, max-age=60, s-maxage=60',
    });
    const ifNoneMatch = req.header('if-none-match');
    if (
      ifNoneMatch &&
      ifNoneMatch
        .split(',')
        .map(s => s.trim())
        .includes(etag)
    ) {
      push(sandbox.exchanges, {
        method: req.method,
        url: req.originalUrl,
        status: 304,
        body: undefined,
        accept: req.header('accept'),
      });
      res.status(304).end();
      return;
    }
    if (raw) {
      push(sandbox.exchanges, {
        method: req.method,
        url: req.originalUrl,
        status: 200,
        body: text,
        accept: req.header('accept'),
      });
      res.set({ 'x-github-media-type': 'github.v3; param=raw' });
      res.status(200).type('text/plain; charset=utf-8').send(text);
      return;
    }
    const api = `${options.webBase()}/api/v3/repos/${org.login}/${repo.name}`;
    const html = `${options.webBase()}/${org.login}/${repo.name}/blob/${DEFAULT_BRANCH}/${filePath}`;
    const git = `${api}/git/blobs/${sha}`;
    const self = `${api}/contents/${filePath}?ref=${DEFAULT_BRANCH}`;
    send(req, res, 200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: filePath.split('/').pop(),
      path: filePath,
      content: Buffer.from(text)
        .toString('base64')
        .replace(/(.{60})/g, '$1\n'),
      sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: `${options.webBase()}/${org.login}/${repo.name}/raw/${DEFAULT_BRANCH}/${filePath}`,
      _links: { self, git, html },
    });
  });
  rest.use((req, res) => error(req, res, 404, 'Not Found'));
  router.use('/api/v3', rest);

  // GraphQL (GitHub Enterprise Server's path; @octokit/graphql maps `…/api/v3` to it).
  const rootValue = () => createRootValue(org, options.webBase());
  router.post('/api/graphql', express.json({ limit: '1mb' }), async (req, res) => {
    res.set('x-ratelimit-resource', 'graphql');
    const token = tokenOf(req);
    if (token === undefined) {
      res.status(401).json({
        message: 'This endpoint requires you to be authenticated.',
        documentation_url:
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      });
      return;
    }
    if (token !== options.token) {
      res.status(401).json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
      return;
    }
    const { result, validationErrors } = await answerGraphql(req.body ?? {}, rootValue());
    push(sandbox.graphql, {
      query: String(req.body?.query ?? ''),
      variables: req.body?.variables,
      validationErrors,
      response: result,
    });
    res.status(200).json(result);
  });

  // The web: the files people open from the portal's "View source" links, and avatars.
  router.get('/:owner/:repo/:kind(blob|tree|raw|edit)/:ref/*', (req, res) => {
    const repo = org.repositories.find(r => r.name === req.params.repo && req.params.owner === org.login);
    const text = repo?.files.get((req.params as unknown as string[])[0]);
    if (text === undefined) {
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    res.type('text/plain; charset=utf-8').send(text);
  });
  router.get('/avatars/:kind/:id', (req, res) => {
    const id = Number(req.params.id);
    const labels: Record<string, () => string | undefined> = {
      u: () => org.members.find(m => m.databaseId === id)?.name,
      t: () => org.teams.find(t => t.databaseId === id)?.name,
      o: () => org.name,
    };
    const label = labels[req.params.kind]?.();
    const initials = (label ?? '?')
      .replace(/\(.*\)/, '')
      .split(/\s+/)
      .filter(Boolean)
      .map(w => w[0].toUpperCase())
      .slice(0, 2)
      .join('');
    const hue = (id * 47) % 360;
    res
      .type('image/svg+xml')
      .set('cache-control', 'max-age=86400')
      .send(
        `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
          `<rect width="96" height="96" fill="hsl(${hue},45%,55%)"/>` +
          `<text x="48" y="60" font-family="sans-serif" font-size="36" text-anchor="middle" fill="#fff">${initials}</text></svg>`,
      );
  });
  return router;
}

/** The admin API's GitHub routes: `GET /github/repositories`, `POST /github/repositories`. */
export function createGithubAdminRouter(sandbox: GithubSandbox) {
  const router = express.Router();
  router.get('/repositories', (_req, res) => {
    res.json({
      organization: sandbox.org.login,
      repositories: sandbox.org.repositories.map(r => ({
        name: r.name,
        files: [...r.files.keys()],
        head: headCommit(r),
      })),
    });
  });
  router.post('/repositories', express.json(), (req, res) => {
    const { name, catalogInfo, description, topics } = req.body ?? {};
    if (typeof name !== 'string' || typeof catalogInfo !== 'string') {
      res
        .status(400)
        .json({ error: 'body must be { name: string, catalogInfo: string (YAML), description?, topics? }' });
      return;
    }
    try {
      sandbox.addRepository({ name, catalogInfo, description, topics });
    } catch (e) {
      res.status(409).json({ error: (e as Error).message });
      return;
    }
    res.status(201).json({ name, url: `${sandbox.org.login}/${name}` });
  });
  return router;
}
