import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_EXAMPLES_DIR } from '../world/loadWorld';

/**
 * The example company as a GitHub organisation: its teams and members are the Groups and Users of
 * examples/org.yaml, its repositories hold the other example entities as their `catalog-info.yaml`.
 */

/** The organisation's login (the `github.com/project-slug` annotations of the examples use it). */
export const GITHUB_ORG = 'example-co';
/** The e-mail domain the organisation has verified (organizationVerifiedDomainEmails). */
export const VERIFIED_DOMAIN = 'example.com';
export const DEFAULT_BRANCH = 'main';
export const CATALOG_FILE = 'catalog-info.yaml';

export interface GithubMember {
  databaseId: number;
  login: string;
  name: string;
  /** The public profile e-mail ("" when none, as GitHub answers). */
  email: string;
  bio?: string;
}

export interface GithubTeam {
  databaseId: number;
  slug: string;
  name: string;
  description?: string;
  parentSlug?: string;
  /** Logins of the direct members. */
  members: string[];
}

export interface GithubRepository {
  databaseId: number;
  name: string;
  description?: string;
  topics: string[];
  visibility: 'PRIVATE' | 'PUBLIC' | 'INTERNAL';
  isArchived: boolean;
  isFork: boolean;
  createdAt: string;
  /** Path → content of the default branch. */
  files: Map<string, string>;
}

export interface GithubOrganization {
  databaseId: number;
  login: string;
  name: string;
  members: GithubMember[];
  teams: GithubTeam[];
  repositories: GithubRepository[];
}

type Doc = {
  kind: string;
  metadata: { name: string; description?: string; tags?: string[] };
  spec: Record<string, any>;
};

function readDocs(file: string): Array<{ doc: Doc; text: string }> {
  if (!fs.existsSync(file)) return [];
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => ({ doc: d.toJS() as Doc, text: d.toString({ lineWidth: 0 }) }))
    .filter(d => d.doc && d.doc.kind);
}

/** A GitHub login for an entity name: GitHub logins have no dots (`kato.minato` → `kato-minato`). */
export function loginFor(entityName: string): string {
  return entityName.replace(/[._]+/g, '-');
}

/** GitHub derives a team's slug from its name; a name whose slug is not the Group's name is replaced. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function teamName(slug: string, displayName?: string): string {
  if (displayName && slugOf(displayName) === slug) return displayName;
  return slug
    .split('-')
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** The file text of several documents. */
function joinDocs(texts: string[]): string {
  return texts
    .map(t => t.replace(/^---\n/, '').trimEnd())
    .join('\n---\n')
    .concat('\n');
}

let nextId = 1000;
function newId() {
  return ++nextId;
}

/** A new repository holding `files` on its default branch. */
export function makeRepository(options: {
  name: string;
  description?: string;
  topics?: string[];
  files: Record<string, string>;
  createdAt?: string;
}): GithubRepository {
  return {
    databaseId: newId(),
    name: options.name,
    description: options.description,
    topics: options.topics ?? [],
    visibility: 'PRIVATE',
    isArchived: false,
    isFork: false,
    createdAt: options.createdAt ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    files: new Map(Object.entries(options.files)),
  };
}

/** A valid topic name (lowercase letters, digits, hyphens). */
function topic(tag: string) {
  return tag
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 50);
}

/**
 * Builds the organisation from the example files:
 * - a team per Group (slug = Group name, parent team = spec.parent), members from the Users' memberOf;
 * - a member per User (login from the name, the profile e-mail on the verified domain);
 * - a repository per Component (with the APIs it provides), a repository per System (with the
 *   system's Resources) and `platform-portal` (the repository's own catalog-info.yaml).
 */
export function loadGithubOrganization(options?: { examplesDir?: string }): GithubOrganization {
  const dir = options?.examplesDir ?? DEFAULT_EXAMPLES_DIR;
  const all = [
    ...readDocs(path.join(dir, 'org.yaml')),
    ...readDocs(path.join(dir, 'systems.yaml')),
    ...readDocs(path.join(dir, 'components.yaml')),
    ...readDocs(path.join(dir, 'apis.yaml')),
    ...readDocs(path.join(dir, 'resources.yaml')),
  ];
  const own = readDocs(path.join(dir, '..', CATALOG_FILE));
  const created = '2024-04-01T09:00:00Z';

  const users = all.filter(d => d.doc.kind === 'User');
  const groups = all.filter(d => d.doc.kind === 'Group');
  const members: GithubMember[] = users.map(({ doc }) => ({
    databaseId: newId(),
    login: loginFor(doc.metadata.name),
    name: doc.spec.profile?.displayName ?? doc.metadata.name,
    email: doc.spec.profile?.email ?? '',
    bio: doc.metadata.description,
  }));
  const teams: GithubTeam[] = groups.map(({ doc }) => ({
    databaseId: newId(),
    slug: doc.metadata.name,
    name: teamName(doc.metadata.name, doc.spec.profile?.displayName),
    description: doc.metadata.description,
    parentSlug: doc.spec.parent,
    members: users
      .filter(u => (u.doc.spec.memberOf ?? []).includes(doc.metadata.name))
      .map(u => loginFor(u.doc.metadata.name)),
  }));

  const repositories: GithubRepository[] = [];
  const apis = all.filter(d => d.doc.kind === 'API');
  const resources = all.filter(d => d.doc.kind === 'Resource');
  const ownComponent = own.find(o => o.doc.kind === 'Component')?.doc;
  if (ownComponent) {
    repositories.push(
      makeRepository({
        name: ownComponent.metadata.name,
        description: ownComponent.metadata.description,
        topics: (ownComponent.metadata.tags ?? []).map(topic),
        files: { [CATALOG_FILE]: joinDocs(own.map(o => o.text)) },
        createdAt: created,
      }),
    );
  }
  for (const { doc, text } of all.filter(d => d.doc.kind === 'System')) {
    const systemResources = resources.filter(r => r.doc.spec.system === doc.metadata.name);
    repositories.push(
      makeRepository({
        name: doc.metadata.name,
        description: doc.metadata.description,
        files: { [CATALOG_FILE]: joinDocs([text, ...systemResources.map(r => r.text)]) },
        createdAt: created,
      }),
    );
  }
  for (const { doc, text } of all.filter(d => d.doc.kind === 'Component')) {
    const provided = apis.filter(a => (doc.spec.providesApis ?? []).includes(a.doc.metadata.name));
    repositories.push(
      makeRepository({
        name: doc.metadata.name,
        description: doc.metadata.description,
        topics: (doc.metadata.tags ?? []).map(topic),
        files: { [CATALOG_FILE]: joinDocs([text, ...provided.map(a => a.text)]) },
        createdAt: created,
      }),
    );
  }
  // Every example entity lives in exactly one repository.
  const placed = new Set(
    repositories.flatMap(r =>
      parseAllDocuments(r.files.get(CATALOG_FILE)!).map(d =>
        JSON.stringify([(d.toJS() as Doc).kind, (d.toJS() as Doc).metadata.name]),
      ),
    ),
  );
  for (const { doc } of [...all, ...own].filter(d => d.doc.kind !== 'User' && d.doc.kind !== 'Group')) {
    if (!placed.has(JSON.stringify([doc.kind, doc.metadata.name]))) {
      throw new Error(`example ${doc.kind} ${doc.metadata.name} is in no sandbox GitHub repository`);
    }
  }
  return {
    databaseId: 90000001,
    login: GITHUB_ORG,
    name: 'Example Co.',
    members,
    teams,
    repositories,
  };
}

/** A git object id (40 hex digits) for a content. */
export function gitOid(kind: 'blob' | 'commit', content: string): string {
  const body = Buffer.from(content, 'utf8');
  return crypto.createHash('sha1').update(`${kind} ${body.length}\0`).update(body).digest('hex');
}

/** The head commit of a repository's default branch (changes whenever a file changes). */
export function headCommit(repo: GithubRepository): string {
  return gitOid(
    'commit',
    [...repo.files.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([p, c]) => `${p}:${gitOid('blob', c)}`)
      .join('\n'),
  );
}
