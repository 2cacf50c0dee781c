import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { AppRootWrapperBlueprint } from '@backstage/plugin-app-react';
import { ThemeProvider, type Theme } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

/**
 * Secondary text (form labels, captions, "as of" lines) on the light theme: Material UI's 54 %
 * black shows as #717171 on the page's grey background, a contrast of 4.47:1, just under the
 * 4.5:1 WCAG AA asks of normal text. 62 % black gives 5.6:1 there. The dark theme is unchanged.
 */
export const SECONDARY_TEXT_LIGHT = 'rgba(0, 0, 0, 0.62)';

export function withReadableSecondaryText(outer: Theme): Theme {
  if (outer.palette.type !== 'light') return outer;
  return { ...outer, palette: { ...outer.palette, text: { ...outer.palette.text, secondary: SECONDARY_TEXT_LIGHT } } };
}

function ReadableText(props: { children: ReactNode }) {
  return <ThemeProvider theme={withReadableSecondaryText}>{props.children}</ThemeProvider>;
}

/** Wraps the app (inside Backstage's theme provider) with the contrast fix above. */
export const contrastModule = createFrontendModule({
  pluginId: 'app',
  extensions: [AppRootWrapperBlueprint.make({ name: 'readable-secondary-text', params: { component: ReadableText } })],
});
