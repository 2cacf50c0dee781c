import {
  CATALOG_FILE,
  loadGithubOrganization,
  loginFor,
  makeRepository,
  type GithubOrganization,
} from '../github/world';
import { docText, generateCompany, type Company } from './company';
import { hash32 } from './hash';

/**
 * The company world's GitHub organisation: the example organisation (examples/*.yaml) plus the
 * generated teams, their members, a repository per generated service (its Component and API as
 * catalog-info.yaml) and a repository per new team's System — the same facts the simulators serve.
 */
export function companyGithubOrganization(company: Company = generateCompany()): GithubOrganization {
  const org = loadGithubOrganization();
  const created = '2025-02-01T09:00:00Z';
  const id = (...parts: string[]) => 60_000_000 + (hash32('github', ...parts) % 30_000_000);
  const groups = company.docs.filter(d => d.kind === 'Group');
  const users = company.docs.filter(d => d.kind === 'User');
  for (const u of users) {
    org.members.push({
      databaseId: id('user', u.name),
      login: loginFor(u.name),
      name: u.entity.spec.profile.displayName,
      email: u.entity.spec.profile.email,
    });
  }
  for (const g of groups) {
    org.teams.push({
      databaseId: id('team', g.name),
      slug: g.name,
      name: g.entity.metadata.title,
      description: g.entity.metadata.description,
      parentSlug: g.entity.spec.parent,
      members: users.filter(u => u.entity.spec.memberOf.includes(g.name)).map(u => loginFor(u.name)),
    });
  }
  const join = (texts: string[]) =>
    texts
      .map(t => t.trimEnd())
      .join('\n---\n')
      .concat('\n');
  const repositories = [
    ...company.systemRepositories.map(r => ({ ...r, topics: [] as string[] })),
    ...company.repositories,
  ];
  for (const r of repositories) {
    org.repositories.push(
      makeRepository({
        name: r.name,
        description: r.description,
        topics: r.topics,
        files: { [CATALOG_FILE]: join(r.docs.map(docText)) },
        createdAt: created,
      }),
    );
  }
  return org;
}
