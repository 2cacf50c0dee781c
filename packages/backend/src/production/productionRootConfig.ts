import { coreServices, createServiceFactory, type RootConfigService } from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { ALLOW_SANDBOX_ENV, isProductionMode, productionConfigError, productionProblems } from './productionChecks';

/**
 * Loads the config as Backstage's default root config factory does (the `--config` files in
 * order, `APP_CONFIG_*` variables, `${VAR}` substitution from the environment) and checks it: in
 * production mode a missing upstream setting, or anything that still points at the sandbox, throws
 * an error naming each key. PORTAL_ALLOW_SANDBOX_UPSTREAMS=true (the bundle smoke test only) lets
 * a production-mode process reach the sandbox; every setting is still required, and it is logged.
 */
export async function loadCheckedConfig(
  options: {
    argv?: string[];
    env?: Record<string, string | undefined>;
    warn?: (message: string) => void;
  } = {},
): Promise<RootConfigService> {
  const env = options.env ?? process.env;
  const source = ConfigSources.default({
    argv: options.argv,
    env,
    substitutionFunc: async name => env[name]?.trim(),
  });
  // Same line as Backstage's own factory prints.
  console.log(`Loading config from ${source}`);
  const config = await ConfigSources.toConfig(source);
  if (!isProductionMode(config, env)) return config;
  const { missing, sandbox } = productionProblems(config);
  const allowSandbox = env[ALLOW_SANDBOX_ENV] === 'true';
  const fatal = allowSandbox ? missing : [...missing, ...sandbox];
  if (fatal.length > 0) {
    config.close();
    throw productionConfigError(fatal);
  }
  if (allowSandbox && sandbox.length > 0) {
    (options.warn ?? console.warn)(
      `[portal] ${ALLOW_SANDBOX_ENV}=true: production mode against the sandbox ` +
        `(${sandbox.map(p => p.key).join(', ')}). Never set this in a deployment.`,
    );
  }
  return config;
}

/** The backend's root config service: Backstage's loading, then the production checks. */
export const productionRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  factory: () => loadCheckedConfig(),
});
