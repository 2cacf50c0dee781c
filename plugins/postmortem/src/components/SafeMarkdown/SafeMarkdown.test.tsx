import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { SafeMarkdown } from './SafeMarkdown';

const CORPUS = `start

<script>window.__xss = 1</script>
<img src=x onerror="window.__xss=2">
<svg onload="window.__xss=3"></svg>
<a href="javascript:window.__xss=4">raw</a>
<iframe src="https://example.com"></iframe>

[md](javascript:window.__xss=5)
[entity](jav&#x61;script:alert(1))
[data](data:text/html,hi)
![img](data:image/png;base64,AAAA)
[ok](https://example.com/x)

end`;

describe('SafeMarkdown', () => {
  it('keeps safe links and drops scripts, handlers, frames and dangerous URLs', async () => {
    const { container } = await renderInTestApp(<SafeMarkdown content={CORPUS} />);
    await waitFor(() => expect(screen.getByText('end')).toBeInTheDocument());
    expect(screen.getByRole('link', { name: /^ok/ })).toHaveAttribute('href', 'https://example.com/x');
    expect(container.querySelectorAll('script, iframe, svg, object, embed')).toHaveLength(0);
    const attrs = Array.from(container.querySelectorAll('*')).flatMap(el =>
      Array.from(el.attributes).map(a => ({ name: a.name, value: a.value.replace(/\s/g, '').toLowerCase() })),
    );
    expect(attrs.filter(a => a.name.startsWith('on'))).toEqual([]);
    expect(attrs.filter(a => ['href', 'src'].includes(a.name) && /^(javascript|data|vbscript):/.test(a.value))).toEqual(
      [],
    );
    expect((window as any).__xss).toBeUndefined();
  });
});
