import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import {
  ALLOW_SANDBOX_ENV,
  isProductionMode,
  productionConfigError,
  productionProblems,
} from './productionChecks';

/**
 * The backend's root config, loaded as Backstage's default factory loads it (the `--config` files
 * in order, `APP_CONFIG_*` environment variables, `${VAR}` substitution), then checked: in
 * production mode a missing upstream setting, or anything that still points at the sandbox, stops
 * the process before any plugin starts, with an error naming each key. The bundle smoke test may
 * set PORTAL_ALLOW_SANDBOX_UPSTREAMS=true to reach the sandbox; that still requires every setting,
 * and is logged on every start.
 */
export const productionRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    // Same line as Backstage's own factory prints.
    console.log(`Loading config from ${source}`);
    const config = await ConfigSources.toConfig(source);
    if (!isProductionMode(config)) return config;
    const { missing, sandbox } = productionProblems(config);
    const allowSandbox = process.env[ALLOW_SANDBOX_ENV] === 'true';
    const fatal = allowSandbox ? missing : [...missing, ...sandbox];
    if (fatal.length > 0) {
      config.close?.();
      throw productionConfigError(fatal);
    }
    if (allowSandbox && sandbox.length > 0) {
      console.warn(
        `[portal] ${ALLOW_SANDBOX_ENV}=true: starting in production mode against the sandbox ` +
          `(${sandbox.map(p => p.key).join(', ')}). Never set this in a deployment.`,
      );
    }
    return config;
  },
});
