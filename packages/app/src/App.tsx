import { createApp } from '@backstage/frontend-defaults';
import { contrastModule } from './modules/contrast';
import { languageModule } from './modules/language';
import { navModule } from './modules/nav';
import { orgOverrideModule } from './modules/org';
import { signInModule } from './modules/signIn';
import { translationModules } from './modules/translations';

/** Plugins in package.json are discovered (`app.packages: all`); modules are listed here. */
export default createApp({
  features: [contrastModule, navModule, signInModule, languageModule, orgOverrideModule, ...translationModules],
});
