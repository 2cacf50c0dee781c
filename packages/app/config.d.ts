export interface Config {
  portal?: {
    signIn?: {
      /**
       * Sign-in methods offered on the sign-in page: guest, oidc, github.
       * @visibility frontend
       */
      providers?: string[];
    };
  };
}
