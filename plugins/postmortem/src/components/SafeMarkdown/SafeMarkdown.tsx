import { MarkdownContent } from '@backstage/core-components';
import { isSafeUrl } from '@internal/plugin-postmortem-common';

/** Links and images keep only http(s), mailto and relative URLs; anything else becomes inert. */
const safe = (url: string) => (isSafeUrl(url) ? url : '#blocked');

/**
 * Renders a postmortem's Markdown. Backstage's `MarkdownContent` (GFM) parses raw HTML and
 * passes it through rehype-sanitize's default schema: no script, iframe or SVG elements, no
 * event-handler attributes, only http(s)/mailto links. On top of that, Markdown link and image
 * URLs are filtered here, so `javascript:`, `data:` and entity-obfuscated schemes never reach an
 * `href` or `src`.
 */
export function SafeMarkdown(props: { content: string }) {
  return <MarkdownContent content={props.content} dialect="gfm" transformLinkUri={safe} transformImageUri={safe} />;
}
