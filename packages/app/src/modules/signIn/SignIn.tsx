import { SignInPage } from '@backstage/core-components';
import type { SignInProviderConfig } from '@backstage/core-components';
import { configApiRef, githubAuthApiRef, useApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { oidcAuthApiRef } from './oidcAuthApi';

const providerConfigs: Record<string, SignInProviderConfig> = {
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Company SSO',
    message: 'Sign in with your company account',
    apiRef: oidcAuthApiRef,
  },
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with GitHub',
    apiRef: githubAuthApiRef,
  },
};

/**
 * Offers the sign-in methods named by `portal.signIn.providers`: `guest` locally,
 * `oidc` (company SSO) or `github` in production.
 */
export const PortalSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const wanted = config.getOptionalStringArray('portal.signIn.providers') ?? ['guest'];
  const providers = wanted.map(id => (id === 'guest' ? ('guest' as const) : providerConfigs[id]));
  return <SignInPage {...props} providers={providers.filter(p => p !== undefined)} />;
};
