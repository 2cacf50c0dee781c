import fs from 'node:fs';
import {
  buildClientSchema,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
  type DocumentNode,
} from 'graphql';
import { packageFile } from './publishedFiles';
import {
  CATALOG_FILE,
  DEFAULT_BRANCH,
  gitOid,
  headCommit,
  VERIFIED_DOMAIN,
  type GithubMember,
  type GithubOrganization,
  type GithubRepository,
  type GithubTeam,
} from './world';

let schema: GraphQLSchema | undefined;

/**
 * GitHub's published GraphQL schema (`@octokit/graphql-schema`, the introspection result GitHub
 * publishes). Every answer is produced by executing the request against it, so answers are
 * schema-valid by construction and queries GitHub would reject are rejected.
 */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    const introspection = JSON.parse(fs.readFileSync(packageFile('@octokit/graphql-schema', 'schema.json'), 'utf8'));
    schema = buildClientSchema(introspection.data ?? introspection);
  }
  return schema;
}

/** A global node id in GitHub's style (opaque, type prefix + base64). */
function nodeId(prefix: string, key: string | number): string {
  return `${prefix}_${Buffer.from(`sandbox:${key}`).toString('base64url')}`;
}

type ConnectionArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

const MAX_PAGE = 100;

const given = (v: number | string | null | undefined): v is number | string => v !== null && v !== undefined;

function cursorFor(index: number) {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}
function indexOf(cursor: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

/** A connection (nodes, edges, pageInfo, totalCount) over `items`, paged as GitHub pages. */
function connection<T>(name: string, items: T[], args: ConnectionArgs) {
  const { first, last } = args;
  if (!given(first) && !given(last)) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      {
        extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' },
      },
    );
  }
  for (const [arg, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (given(value) && value > MAX_PAGE) {
      throw new GraphQLError(
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`,
        { extensions: { type: 'EXCESSIVE_PAGINATION' } },
      );
    }
    if (given(value) && value < 0) {
      throw new GraphQLError(`\`${arg}\` on the \`${name}\` connection cannot be less than zero.`);
    }
  }
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (given(first)) end = Math.min(end, start + first);
  if (given(last)) start = Math.max(start, end - last);
  const page = items.slice(start, end).map((node, i) => ({ cursor: cursorFor(start + i), node }));
  return {
    totalCount: items.length,
    nodes: page.map(e => e.node),
    edges: page,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? page[0].cursor : null,
      endCursor: page.length ? page[page.length - 1].cursor : null,
    },
  };
}

/** The objects the schema's fields read (the default resolver calls methods with the field's arguments). */
export function createRootValue(org: GithubOrganization, webBase: string) {
  const orgUrl = `${webBase}/${org.login}`;
  // The organisation's node, made last (its fields make the other nodes) and read by them.
  const nodes: { organization?: Record<string, unknown> } = {};
  const avatar = (kind: string, id: number) => `${webBase}/avatars/${kind}/${id}`;

  const user = (m: GithubMember): Record<string, unknown> => ({
    __typename: 'User',
    id: nodeId('U', m.databaseId),
    databaseId: m.databaseId,
    login: m.login,
    name: m.name,
    email: m.email,
    bio: m.bio ?? null,
    company: null,
    suspendedAt: null,
    avatarUrl: () => avatar('u', m.databaseId),
    url: `${webBase}/${m.login}`,
    resourcePath: `/${m.login}`,
    organizationVerifiedDomainEmails: ({ login }: { login: string }) =>
      login.toLowerCase() === org.login.toLowerCase() && m.email.toLowerCase().endsWith(`@${VERIFIED_DOMAIN}`)
        ? [m.email]
        : [],
    organizations: (args: ConnectionArgs) => connection('organizations', [nodes.organization], args),
    organization: ({ login }: { login: string }) =>
      login.toLowerCase() === org.login.toLowerCase() ? nodes.organization : null,
    repositories: (args: ConnectionArgs) => connection('repositories', [], args),
    repository: () => null,
  });
  const memberByLogin = (login: string) => org.members.find(m => m.login.toLowerCase() === login.toLowerCase());

  const repository = (r: GithubRepository): Record<string, unknown> => {
    const url = `${orgUrl}/${r.name}`;
    const head = headCommit(r);
    const ref = {
      __typename: 'Ref',
      id: nodeId('REF', `${r.databaseId}:${DEFAULT_BRANCH}`),
      name: DEFAULT_BRANCH,
      prefix: 'refs/heads/',
      repository: () => repository(r),
      target: () => ({
        __typename: 'Commit',
        id: nodeId('C', head),
        oid: head,
        abbreviatedOid: head.slice(0, 7),
        commitUrl: `${url}/commit/${head}`,
        commitResourcePath: `/${org.login}/${r.name}/commit/${head}`,
        url: `${url}/commit/${head}`,
        resourcePath: `/${org.login}/${r.name}/commit/${head}`,
        repository: () => repository(r),
      }),
    };
    return {
      __typename: 'Repository',
      id: nodeId('R', r.databaseId),
      databaseId: r.databaseId,
      name: r.name,
      nameWithOwner: `${org.login}/${r.name}`,
      description: r.description ?? null,
      url,
      resourcePath: `/${org.login}/${r.name}`,
      isArchived: r.isArchived,
      isFork: r.isFork,
      isPrivate: r.visibility !== 'PUBLIC',
      isEmpty: r.files.size === 0,
      visibility: r.visibility,
      createdAt: r.createdAt,
      owner: () => nodes.organization,
      defaultBranchRef: ref,
      repositoryTopics: (args: ConnectionArgs) =>
        connection(
          'repositoryTopics',
          r.topics.map(t => ({
            __typename: 'RepositoryTopic',
            id: nodeId('RT', `${r.databaseId}:${t}`),
            url: `${webBase}/topics/${t}`,
            resourcePath: `/topics/${t}`,
            topic: { __typename: 'Topic', id: nodeId('T', t), name: t },
          })),
          args,
        ),
      object: ({ expression, oid }: { expression?: string; oid?: string }) => {
        if (oid) return null;
        const m = /^([^:]*):(.*)$/.exec(expression ?? '');
        if (!m) return null;
        const [, rev, filePath] = m;
        if (rev !== 'HEAD' && rev !== DEFAULT_BRANCH && rev !== head) return null;
        const text = r.files.get(filePath.replace(/^\//, ''));
        if (text === undefined) return null;
        const blob = gitOid('blob', text);
        return {
          __typename: 'Blob',
          id: nodeId('B', `${r.databaseId}:${blob}`),
          oid: blob,
          abbreviatedOid: blob.slice(0, 7),
          byteSize: Buffer.byteLength(text),
          isBinary: false,
          isTruncated: false,
          text,
          commitUrl: `${url}/commit/${head}`,
          commitResourcePath: `/${org.login}/${r.name}/commit/${head}`,
          repository: () => repository(r),
        };
      },
    };
  };

  const team = (t: GithubTeam): Record<string, unknown> => {
    const url = `${webBase}/orgs/${org.login}/teams/${t.slug}`;
    const immediate = () => t.members.map(memberByLogin).filter((m): m is GithubMember => !!m);
    const all = (): GithubMember[] => {
      const logins = new Set(t.members);
      for (const child of org.teams.filter(c => c.parentSlug === t.slug)) {
        for (const login of child.members) logins.add(login);
      }
      return [...logins].map(memberByLogin).filter((m): m is GithubMember => !!m);
    };
    return {
      __typename: 'Team',
      id: nodeId('T', t.databaseId),
      databaseId: t.databaseId,
      slug: t.slug,
      combinedSlug: `${org.login}/${t.slug}`,
      name: t.name,
      description: t.description ?? null,
      privacy: 'VISIBLE',
      avatarUrl: () => avatar('t', t.databaseId),
      url,
      resourcePath: `/orgs/${org.login}/teams/${t.slug}`,
      editTeamUrl: `${url}/edit`,
      organization: () => nodes.organization,
      parentTeam: () => {
        const parent = org.teams.find(p => p.slug === t.parentSlug);
        return parent ? team(parent) : null;
      },
      members: (args: ConnectionArgs & { membership?: string }) =>
        connection('members', (args.membership === 'IMMEDIATE' ? immediate() : all()).map(user), args),
    };
  };

  const organization: Record<string, unknown> = (nodes.organization = {
    __typename: 'Organization',
    id: nodeId('O', org.databaseId),
    databaseId: org.databaseId,
    login: org.login,
    name: org.name,
    email: null,
    description: null,
    url: orgUrl,
    resourcePath: `/${org.login}`,
    avatarUrl: () => avatar('o', org.databaseId),
    membersWithRole: (args: ConnectionArgs) => connection('membersWithRole', org.members.map(user), args),
    teams: (args: ConnectionArgs & { userLogins?: string[]; rootTeamsOnly?: boolean }) => {
      let teams = org.teams;
      if (args.rootTeamsOnly) teams = teams.filter(t => !t.parentSlug);
      if (args.userLogins?.length) {
        const wanted = new Set(args.userLogins.map(l => l.toLowerCase()));
        teams = teams.filter(t => t.members.some(l => wanted.has(l.toLowerCase())));
      }
      return connection('teams', teams.map(team), args);
    },
    team: ({ slug }: { slug: string }) => {
      const t = org.teams.find(x => x.slug === slug);
      return t ? team(t) : null;
    },
    repositories: (args: ConnectionArgs) => connection('repositories', org.repositories.map(repository), args),
    repository: ({ name }: { name: string }) => {
      const r = org.repositories.find(x => x.name.toLowerCase() === name.toLowerCase());
      return r ? repository(r) : null;
    },
  });

  const notFound = (what: string, login: string) =>
    new GraphQLError(`Could not resolve to ${what} with the login of '${login}'.`, {
      extensions: { type: 'NOT_FOUND' },
    });
  const isOrg = (login: string) => login.toLowerCase() === org.login.toLowerCase();

  return {
    organization: ({ login }: { login: string }) => {
      if (isOrg(login)) return organization;
      throw notFound('an Organization', login);
    },
    user: ({ login }: { login: string }) => {
      const m = memberByLogin(login);
      if (m) return user(m);
      throw notFound('a User', login);
    },
    repositoryOwner: ({ login }: { login: string }) => {
      if (isOrg(login)) return organization;
      const m = memberByLogin(login);
      return m ? user(m) : null;
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const r = isOrg(owner) ? org.repositories.find(x => x.name.toLowerCase() === name.toLowerCase()) : undefined;
      if (r) return repository(r);
      throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, {
        extensions: { type: 'NOT_FOUND' },
      });
    },
  };
}

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The result of one request: what GitHub answers (always HTTP 200 once authenticated). */
export async function answerGraphql(
  body: GraphqlRequest,
  rootValue: Record<string, unknown>,
): Promise<{ result: Record<string, unknown>; validationErrors: readonly GraphQLError[] }> {
  if (typeof body?.query !== 'string' || !body.query.trim()) {
    return {
      result: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      validationErrors: [],
    };
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    const error = e as GraphQLError;
    return { result: { errors: [{ message: error.message, locations: error.locations }] }, validationErrors: [error] };
  }
  const validationErrors = validate(githubSchema(), document);
  if (validationErrors.length) {
    return { result: { errors: validationErrors.map(e => e.toJSON()) }, validationErrors };
  }
  const result = await execute({
    schema: githubSchema(),
    document,
    rootValue,
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  });
  const out: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) {
    out.errors = result.errors.map(e => ({
      ...e.toJSON(),
      ...(e.extensions?.type ? { type: e.extensions.type } : {}),
    }));
  }
  return { result: out, validationErrors: [] };
}

export { CATALOG_FILE };
