import type { Config } from '@backstage/config';

/**
 * What a production backend must have, and what it must not have: the checks behind
 * `productionRootConfigServiceFactory`. Each problem names the config key, so the log line of a
 * refused start says what to fix. Pure: reads the config and the environment, calls nothing.
 */
export interface ProductionProblem {
  key: string;
  problem: string;
}

/** Set in the environment to let a production-mode process use the sandbox (the bundle test only). */
export const ALLOW_SANDBOX_ENV = 'PORTAL_ALLOW_SANDBOX_UPSTREAMS';

/** A process is in production mode when NODE_ENV says so or its config is the production layer. */
export function isProductionMode(config: Config, env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' || config.getOptionalString('auth.environment') === 'production';
}

const LOOPBACK_HOST =
  /^(localhost|localhost\.localdomain|127(\.\d{1,3}){3}|0\.0\.0\.0|::1?|::ffff:127(\.\d{1,3}){3}|0:0:0:0:0:0:0:1)$/i;

/** True for a URL or `host[:port]` whose host is this machine. */
export function pointsAtLoopback(value: string): boolean {
  const text = value.trim();
  let host: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      host = new URL(text).hostname;
    } catch {
      return false;
    }
  } else {
    const m = /^\[?([^\]/]+?)\]?(?::\d+)?$/.exec(text);
    host = m?.[1];
  }
  if (!host) return false;
  return LOOPBACK_HOST.test(host.replace(/^\[|\]$/g, ''));
}

/** Credentials that only open the sandbox simulators (packages/sandbox). */
const SANDBOX_SECRET = /^sandbox[-0]/i;

/** Keys whose value is an address the backend connects to (or a file of the sandbox). */
const ADDRESS_KEY = /(url|uri|baseurl|server|host|connection|endpoint|target|cafile)$/i;

function walk(value: unknown, key: string, visit: (key: string, value: string) => void) {
  if (typeof value === 'string') visit(key, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${key}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k, visit);
  }
}

function required(config: Config, key: string, problems: ProductionProblem[], what: string) {
  const value = config.getOptional(key);
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    problems.push({ key, problem: `is required in production (${what})` });
  }
}

/**
 * The problems of a production config: required upstream settings that are missing, and anything
 * that still points at the sandbox. Empty when the backend may start.
 */
export function productionProblems(config: Config): { missing: ProductionProblem[]; sandbox: ProductionProblem[] } {
  const missing: ProductionProblem[] = [];
  const sandbox: ProductionProblem[] = [];

  // The process itself.
  required(config, 'app.baseUrl', missing, 'the public URL of the portal');
  required(config, 'backend.baseUrl', missing, 'the public URL of the portal');
  required(config, 'backend.auth.keys', missing, 'the key backends sign service tokens with');
  for (const [i, k] of (config.getOptionalConfigArray('backend.auth.keys') ?? []).entries()) {
    required(k, 'secret', missing, 'a long random string');
    if (!k.getOptionalString('secret')) missing[missing.length - 1].key = `backend.auth.keys[${i}].secret`;
  }
  required(config, 'auth.session.secret', missing, 'signs the sign-in session cookie');

  // Storage: PostgreSQL for every plugin and the audit log, Redis for the shared cache.
  const client = config.getOptionalString('backend.database.client');
  if (client !== 'pg') {
    missing.push({
      key: 'backend.database.client',
      problem: `must be pg in production (is ${
        client ?? 'unset'
      }): the audit log, reviews and postmortems must survive a restart and be shared by every replica`,
    });
  }
  required(config, 'backend.database.connection.host', missing, 'the PostgreSQL server');
  required(config, 'backend.database.connection.user', missing, 'the PostgreSQL user');
  required(config, 'backend.database.connection.password', missing, 'the PostgreSQL password');
  if (config.getOptionalString('backend.cache.store') !== 'redis') {
    missing.push({
      key: 'backend.cache.store',
      problem: 'must be redis in production: replicas share the upstream cache',
    });
  }
  required(config, 'backend.cache.connection', missing, 'the Redis URL');

  // Sign-in and roles.
  const providers = config.getOptionalConfig('auth.providers')?.keys() ?? [];
  if (providers.filter(p => p !== 'guest').length === 0) {
    missing.push({ key: 'auth.providers', problem: 'needs a sign-in provider (github or oidc) in production' });
  }
  required(config, 'portal.platformGroups', missing, "the platform team's group(s)");

  // The company's catalog from GitHub.
  required(config, 'integrations.github', missing, 'the GitHub App or token the catalog reads with');
  required(config, 'catalog.providers.github', missing, 'catalog-info.yaml discovery across the organisation');
  required(config, 'catalog.providers.githubOrg', missing, "the organisation's teams and members");

  // Upstreams.
  const clusters = config.getOptionalConfigArray('infra.kubernetes.clusters') ?? [];
  if (clusters.length === 0) {
    missing.push({
      key: 'infra.kubernetes.clusters',
      problem: 'is required in production (the clusters the portal reads)',
    });
  }
  clusters.forEach((c, i) => {
    const at = `infra.kubernetes.clusters[${i}]`;
    if (!c.getOptionalString('kubeconfigPath')) {
      if (!c.getOptionalString('url'))
        missing.push({ key: `${at}.url`, problem: 'is required in production (the API server)' });
      if (!c.getOptionalString('serviceAccountToken')) {
        missing.push({
          key: `${at}.serviceAccountToken`,
          problem: "is required in production (the portal's read-only token)",
        });
      }
    }
    if (c.getOptionalBoolean('skipTLSVerify')) {
      sandbox.push({
        key: `${at}.skipTLSVerify`,
        problem: 'must not be true in production (it is how the portal reaches the sandbox over plain HTTP)',
      });
    }
  });
  required(config, 'infra.datadog.apiKey', missing, 'Datadog API key');
  required(config, 'infra.datadog.appKey', missing, 'Datadog application key');
  if (!config.getOptionalString('infra.datadog.site') && !config.getOptionalString('infra.datadog.baseUrl')) {
    missing.push({ key: 'infra.datadog.site', problem: 'is required in production (e.g. ap1.datadoghq.com)' });
  }
  required(config, 'infra.pagerduty.token', missing, 'PagerDuty REST API token');
  required(
    config,
    'support.urgent.routingKey',
    missing,
    "the Events API integration key of the platform on-call's PagerDuty service",
  );

  // Nothing of the sandbox.
  if (config.getOptionalBoolean('infra.sandbox')) {
    sandbox.push({ key: 'infra.sandbox', problem: 'must not be true in production' });
  }
  if (config.getOptionalBoolean('support.demoData')) {
    sandbox.push({ key: 'support.demoData', problem: 'must not be true in production (it files example requests)' });
  }
  if (config.has('auth.providers.guest')) {
    sandbox.push({
      key: 'auth.providers.guest',
      problem: 'must not be configured in production (anyone could sign in as a platform member)',
    });
  }
  const connectSrc = config.getOptional('backend.csp.connect-src');
  if (Array.isArray(connectSrc) && connectSrc.some(s => s === 'http:' || s === '*')) {
    sandbox.push({
      key: 'backend.csp.connect-src',
      problem: `allows ${
        connectSrc.includes('*') ? 'any origin' : 'any http: origin'
      }; production serves the app from its own origin`,
    });
  }
  (config.getOptionalConfigArray('catalog.locations') ?? []).forEach((l, i) => {
    const target = l.getOptionalString('target') ?? '';
    if (l.getOptionalString('type') === 'file' && /(^|\/)examples\//.test(target)) {
      sandbox.push({
        key: `catalog.locations[${i}].target`,
        problem: `is the example company (${target}), not the company's catalog`,
      });
    }
  });
  walk(config.get(), '', (key, value) => {
    // Bind addresses of this process's own listeners are not upstreams.
    if (/^(backend\.listen|portal\.metrics\.host)/.test(key)) return;
    const leaf = key
      .split('.')
      .pop()!
      .replace(/\[\d+\]$/, '');
    if (SANDBOX_SECRET.test(value)) {
      sandbox.push({ key, problem: 'holds a sandbox credential' });
    } else if (ADDRESS_KEY.test(leaf) && pointsAtLoopback(value)) {
      sandbox.push({
        key,
        problem: `points at this machine (${value}), which in production is the sandbox or nothing`,
      });
    } else if (ADDRESS_KEY.test(leaf) && /data\/sandbox\//.test(value)) {
      sandbox.push({ key, problem: `is a file of the sandbox (${value})` });
    }
  });
  return { missing, sandbox };
}

/** The error a refused start throws: every problem on its own line, each naming its key. */
export function productionConfigError(problems: ProductionProblem[]): Error {
  return new Error(
    `Refusing to start in production: ${problems.length} configuration problem(s)\n${problems
      .map(p => `  - ${p.key} ${p.problem}`)
      .join('\n')}`,
  );
}
