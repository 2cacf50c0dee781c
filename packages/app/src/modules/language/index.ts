import { ApiBlueprint, appLanguageApiRef, createFrontendModule } from '@backstage/frontend-plugin-api';
import { BrowserDefaultLanguage } from './BrowserDefaultLanguage';

/** The languages the portal speaks; users switch in Settings. */
export const PORTAL_LANGUAGES = ['en', 'ja'];

const appLanguageApi = ApiBlueprint.make({
  name: 'app-language',
  params: defineParams =>
    defineParams({
      api: appLanguageApiRef,
      deps: {},
      factory: () => BrowserDefaultLanguage.create({ available: PORTAL_LANGUAGES }),
    }),
});

export const languageModule = createFrontendModule({
  pluginId: 'app',
  extensions: [appLanguageApi],
});
