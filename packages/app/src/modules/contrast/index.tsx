import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import { createUnifiedTheme, palettes, UnifiedThemeProvider } from '@backstage/theme';
import LightIcon from '@material-ui/icons/WbSunny';

/**
 * Secondary text (form labels, captions, "as of" lines) on the light theme: Material UI's 54 %
 * black shows as #717171 on the page's grey background, a contrast of 4.47:1, just under the
 * 4.5:1 WCAG AA asks of normal text. 62 % black gives 5.6:1 there. The dark theme is unchanged.
 */
export const SECONDARY_TEXT_LIGHT = 'rgba(0, 0, 0, 0.62)';

/**
 * Backstage's light theme with those changes. It replaces the app's own `light` theme rather
 * than wrapping the app in a second ThemeProvider: a nested Material UI theme makes every class
 * name unstable (`MuiCard-root-123` instead of `MuiCard-root`), which breaks global overrides.
 */
export const readableLightTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    text: { primary: 'rgba(0, 0, 0, 0.87)', secondary: SECONDARY_TEXT_LIGHT },
    // Error text (Material UI's #f44336: 3.7:1 on white) in Backstage's own errorText red, 5.5:1 on
    // the striped rows; secondary chips (white on #f50057: 4.2:1) on pink 700, 5.9:1. The audit
    // log's failed records showed both (axe color-contrast, serious).
    error: { main: palettes.light.errorText },
    secondary: { main: '#C2185B' },
  },
});

export const contrastModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ThemeBlueprint.make({
      name: 'light',
      params: {
        theme: {
          id: 'light',
          title: 'Light Theme',
          variant: 'light',
          icon: <LightIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={readableLightTheme}>{children}</UnifiedThemeProvider>
          ),
        },
      },
    }),
  ],
});
