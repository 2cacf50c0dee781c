import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  buildDefaultUserTransformer,
  defaultOrganizationTeamTransformer,
  type GithubUser,
  type TeamTransformer,
  type UserTransformer,
} from '@backstage/plugin-catalog-backend-module-github';
import { githubOrgEntityProviderTransformsExtensionPoint } from '@backstage/plugin-catalog-backend-module-github-org';

/** An entity name: letters and digits, separated by single `-`, `_` or `.` (at most 63 characters). */
const ENTITY_NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;

/**
 * The catalog name of an organisation member: the local part of their e-mail on a domain the
 * organisation verified (`sato.yuki@example.com` → `sato.yuki`), so that Users keep the company
 * identity people know (and that sign-in matches by e-mail) whatever GitHub handle they chose;
 * the GitHub login when GitHub knows no such e-mail. The login stays in the
 * `github.com/user-login` annotation.
 */
export function userEntityName(user: Pick<GithubUser, 'login' | 'organizationVerifiedDomainEmails'>): string {
  const email = user.organizationVerifiedDomainEmails?.[0];
  const local = email?.split('@')[0].replace(/\+.*$/, '');
  return local && local.length <= 63 && ENTITY_NAME.test(local) ? local : user.login;
}

/**
 * Transforms of the GitHub org provider (catalog.providers.githubOrg), the same in every
 * environment:
 * - Users: the default transform with verified-domain e-mails (a GitHub App sees no other e-mail;
 *   the OIDC sign-in resolver matches Users by it), named by userEntityName;
 * - Groups: the default transform (name = team slug, parent = parent team), with members referring
 *   to those User names.
 */
export function githubOrgTransformers(): { user: UserTransformer; team: TeamTransformer } {
  const base = buildDefaultUserTransformer({ useVerifiedEmails: true });
  // Users are read before teams in each run; a team with more members than one page lists only
  // their logins, named through this map.
  const names = new Map<string, string>();
  const user: UserTransformer = async (item, ctx) => {
    const entity = await base(item, ctx);
    if (!entity) return undefined;
    entity.metadata.name = userEntityName(item);
    names.set(item.login, entity.metadata.name);
    return entity;
  };
  const team: TeamTransformer = async (item, ctx) => {
    const entity = await defaultOrganizationTeamTransformer(item, ctx);
    if (!entity) return undefined;
    entity.spec!.members = item.members.map(
      m => `default/${m.organizationVerifiedDomainEmails ? userEntityName(m) : names.get(m.login) ?? m.login}`,
    );
    return entity;
  };
  return { user, team };
}

/** Installs githubOrgTransformers into the GitHub org provider. */
export const githubOrgNamesModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'github-org-names',
  register(env) {
    env.registerInit({
      deps: { transforms: githubOrgEntityProviderTransformsExtensionPoint },
      async init({ transforms }) {
        const { user, team } = githubOrgTransformers();
        transforms.setUserTransformer(user);
        transforms.setTeamTransformer(team);
      },
    });
  },
});
