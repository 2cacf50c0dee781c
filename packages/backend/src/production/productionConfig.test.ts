/*
 * The production config as the image really runs it: the config chain of the Dockerfile's CMD,
 * with the environment the Kubernetes manifests give the portal container (ConfigMap values as
 * written, every Secret key filled with a test value). Nothing of the sandbox may reach it, every
 * upstream setting must be there, and the backend's own start-up check must accept it.
 */
import type { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dockerfileFinalStage, portalContainerEnv, readManifests } from '../testing/deploymentEnv';
import { loadCheckedConfig } from './productionRootConfig';
import { pointsAtLoopback, productionProblems } from './productionChecks';

const root = path.resolve(__dirname, '../../../..');

const manifests = readManifests();
const stage = dockerfileFinalStage();
const dockerfile = stage.text;
const configFiles = stage.configFiles;
const env = { ...portalContainerEnv(manifests), ...stage.env };

/** Every `${VAR}` the config chain references, from its parsed values (comments excluded). */
function referencedVars(): string[] {
  const vars = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)(:-[^}]*)?\}/g)) vars.add(m[1]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const f of configFiles) {
    for (const d of parseAllDocuments(fs.readFileSync(path.join(root, f), 'utf8'))) visit(d.toJS());
  }
  return [...vars].sort();
}

async function load(extraEnv: Record<string, string | undefined> = {}): Promise<Config> {
  return loadCheckedConfig({
    argv: ['node', 'packages/backend', ...configFiles.flatMap(f => ['--config', path.join(root, f)])],
    env: { ...env, ...extraEnv },
    warn: () => {},
  });
}

describe('the production config chain (Dockerfile CMD + the manifests’ environment)', () => {
  let config: Config;
  beforeAll(async () => {
    config = await load();
  });

  it('is app-config.yaml then app-config.production.yaml, in NODE_ENV=production', () => {
    expect(configFiles).toEqual(['app-config.yaml', 'app-config.production.yaml']);
    expect(stage.env.NODE_ENV).toBe('production');
  });

  it('references only variables the Deployment or a Secret sets', () => {
    const vars = referencedVars();
    expect(vars.length).toBeGreaterThan(10);
    expect(vars.filter(v => env[v] === undefined)).toEqual([]);
  });

  it('passes the start-up checks: every upstream setting present, nothing of the sandbox', () => {
    expect(productionProblems(config)).toEqual({ missing: [], sandbox: [] });
  });

  it("reads Datadog at the organisation's site, not the sandbox", () => {
    expect(config.getOptionalString('infra.datadog.baseUrl')).toBeUndefined();
    expect(config.getString('infra.datadog.site')).toBe(env.DD_SITE);
    expect(config.getString('infra.datadog.apiKey')).toBe(env.DD_API_KEY);
  });

  it('reads PagerDuty at PagerDuty, trusting the public CAs, with the routing key from a Secret', () => {
    expect(pointsAtLoopback(config.getString('infra.pagerduty.apiBaseUrl'))).toBe(false);
    expect(config.getString('infra.pagerduty.apiBaseUrl')).toMatch(/^https:\/\/api(\.eu)?\.pagerduty\.com$/);
    expect(config.getString('infra.pagerduty.eventsServer')).toMatch(/^events(\.eu)?\.pagerduty\.com$/);
    expect(config.getOptionalString('infra.pagerduty.eventsCaFile')).toBeUndefined();
    expect(config.getString('support.urgent.routingKey')).toBe(env.PAGERDUTY_PLATFORM_ROUTING_KEY);
    expect(config.getString('support.urgent.routingKey')).toMatch(/^test-secret-/);
  });

  it('files no demo requests, signs nobody in as guest, and is not the sandbox', () => {
    expect(config.getOptionalBoolean('support.demoData') ?? false).toBe(false);
    expect(config.has('auth.providers.guest')).toBe(false);
    expect(config.getOptionalBoolean('infra.sandbox') ?? false).toBe(false);
    for (const c of config.getConfigArray('infra.kubernetes.clusters')) {
      expect(c.getOptionalBoolean('skipTLSVerify') ?? false).toBe(false);
      expect(pointsAtLoopback(c.getString('url'))).toBe(false);
    }
  });

  it('lets the browser connect to its own origin only', () => {
    const connectSrc = config.getOptionalStringArray('backend.csp.connect-src') ?? [];
    expect(connectSrc).not.toContain('http:');
    expect(connectSrc).toEqual(["'self'"]);
  });

  it("ingests the company's GitHub organisation, not the example company", () => {
    const locations = (config.getOptionalConfigArray('catalog.locations') ?? []).map(l => l.getString('target'));
    expect(locations.filter(t => /examples\//.test(t))).toEqual([]);
    expect(config.has('catalog.providers.github')).toBe(true);
    expect(config.has('catalog.providers.githubOrg')).toBe(true);
    expect(stage.copies.filter(c => /\bexamples\b/.test(c))).toEqual([]);
  });

  it('names the platform team from the environment, not the example company', () => {
    expect(config.getStringArray('portal.platformGroups')).toEqual([env.PORTAL_PLATFORM_GROUP]);
  });

  it('stores everything in PostgreSQL and caches in Redis', () => {
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('backend.cache.store')).toBe('redis');
  });

  it('never sets the sandbox escape hatch in the image or the manifests', () => {
    expect(env.PORTAL_ALLOW_SANDBOX_UPSTREAMS).toBeUndefined();
    expect(dockerfile).not.toMatch(/PORTAL_ALLOW_SANDBOX_UPSTREAMS/);
  });
});

describe('the start-up check refuses, naming the key', () => {
  it.each([
    ['DD_API_KEY', 'infra.datadog.apiKey'],
    ['PAGERDUTY_TOKEN', 'infra.pagerduty.token'],
    ['PAGERDUTY_PLATFORM_ROUTING_KEY', 'support.urgent.routingKey'],
    ['PORTAL_PLATFORM_GROUP', 'portal.platformGroups'],
    ['POSTGRES_HOST', 'backend.database.connection.host'],
    ['K8S_AWS_TOKYO_TOKEN', 'infra.kubernetes.clusters[0].serviceAccountToken'],
  ])('when %s is unset (%s)', async (variable, key) => {
    await expect(load({ [variable]: undefined })).rejects.toThrow(
      new RegExp(`Refusing to start in production[\\s\\S]*- ${key.replace(/[.[\]]/g, '\\$&')} `),
    );
  });

  it.each([
    ['APP_CONFIG_infra_datadog_baseUrl', 'http://127.0.0.1:7103', 'infra.datadog.baseUrl'],
    ['APP_CONFIG_infra_pagerduty_eventsServer', '127.0.0.1:7105', 'infra.pagerduty.eventsServer'],
    ['APP_CONFIG_infra_pagerduty_apiBaseUrl', 'http://localhost:7104', 'infra.pagerduty.apiBaseUrl'],
    ['APP_CONFIG_support_urgent_routingKey', 'sandbox0routing0key0000000000000', 'support.urgent.routingKey'],
    ['APP_CONFIG_support_demoData', 'true', 'support.demoData'],
    ['APP_CONFIG_infra_sandbox', 'true', 'infra.sandbox'],
    ['APP_CONFIG_backend_csp', '{"connect-src":["\'self\'","http:"]}', 'backend.csp.connect-src'],
    ['APP_CONFIG_catalog_locations', '[{"type":"file","target":"./examples/org.yaml"}]', 'catalog.locations[0].target'],
    ['APP_CONFIG_auth_providers_guest', '{}', 'auth.providers.guest'],
    ['APP_CONFIG_backend_cache_connection', 'redis://[::1]:6379', 'backend.cache.connection'],
  ])('when %s leaks the sandbox in (%s → %s)', async (variable, value, key) => {
    await expect(load({ [variable]: value })).rejects.toThrow(new RegExp(`- ${key.replace(/[.[\]]/g, '\\$&')} `));
  });

  it('lets PORTAL_ALLOW_SANDBOX_UPSTREAMS reach the sandbox, but still requires every setting', async () => {
    const sandbox = {
      APP_CONFIG_infra_datadog_baseUrl: 'http://127.0.0.1:7103',
      PORTAL_ALLOW_SANDBOX_UPSTREAMS: 'true',
    };
    await expect(load(sandbox)).resolves.toBeDefined();
    await expect(load({ ...sandbox, DD_APP_KEY: undefined })).rejects.toThrow(/infra\.datadog\.appKey/);
  });

  it('does not check outside production', async () => {
    const config = await loadCheckedConfig({
      argv: [
        'node',
        'x',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        path.join(root, 'app-config.sandbox.yaml'),
      ],
      env: { NODE_ENV: 'development' },
    });
    expect(config.getBoolean('infra.sandbox')).toBe(true);
  });
});
