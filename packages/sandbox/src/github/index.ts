export { createGithubRouter, createGithubAdminRouter, createGithubSandbox, githubErrorFormat } from './router';
export type { GithubSandbox, GithubExchange, GraphqlExchange } from './router';
export { githubSchema } from './graphql';
export { loadGithubOrganization, loginFor, GITHUB_ORG, CATALOG_FILE } from './world';
export type { GithubOrganization, GithubMember, GithubTeam, GithubRepository } from './world';
export { packageFile } from './publishedFiles';

/** How often the portal's GitHub providers read the sandbox (see githubCatalogConfig). */
export interface GithubScheduleOptions {
  /** Seconds between runs of the discovery provider (catalog-info.yaml files). */
  discoverySeconds?: number;
  /** Seconds between runs of the org provider (teams and members). */
  orgSeconds?: number;
}

/**
 * The portal's `integrations.github` and `catalog.providers.{github,githubOrg}` for a sandbox
 * GitHub at `url` (the same keys and provider ids as app-config.sandbox.yaml, so a layer with
 * this config replaces the sandbox layer's addresses).
 */
export function githubCatalogConfig(url: string, token: string, schedule: GithubScheduleOptions = {}) {
  const host = new URL(url).host;
  const every = (seconds: number) => ({
    frequency: { seconds },
    timeout: { minutes: 3 },
    initialDelay: { seconds: 0 },
  });
  return {
    integrations: {
      github: [{ host, apiBaseUrl: `${url}/api/v3`, token }],
    },
    catalog: {
      providers: {
        github: {
          exampleCo: {
            host,
            organization: 'example-co',
            catalogPath: '/catalog-info.yaml',
            schedule: every(schedule.discoverySeconds ?? 30),
          },
        },
        githubOrg: {
          id: 'example-co',
          githubUrl: url,
          orgs: ['example-co'],
          schedule: every(schedule.orgSeconds ?? 60),
        },
      },
    },
  };
}
