import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { Postmortem, UpdatePostmortemRequest } from '@internal/plugin-postmortem-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PostmortemConflictError, postmortemApiRef, type PostmortemApi } from '../../api/PostmortemApi';
import { PostmortemEditor } from './PostmortemEditor';

jest.setTimeout(20_000);

const base: Postmortem = {
  id: 'pm1',
  entityRef: 'component:default/cart-service',
  ownerRef: 'group:default/team-checkout',
  title: 'Cart 5xx',
  severity: 'SEV2',
  status: 'draft',
  language: 'en',
  incidentIds: [],
  revision: 1,
  createdBy: 'user:default/a',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedBy: 'user:default/a',
  updatedAt: '2026-11-26T00:00:00.000Z',
  openActionItems: 0,
  document: 'line one\nline two\nline three\nline four\nline five\n',
  timeline: [],
  reviewers: [],
  actionItems: [],
};

function fakeApi(update: (req: UpdatePostmortemRequest) => Promise<Postmortem>) {
  return {
    get: jest.fn(async () => base),
    update: jest.fn(async (_id: string, req: UpdatePostmortemRequest) => update(req)),
  } as unknown as PostmortemApi & { update: jest.Mock };
}

const render = (api: PostmortemApi) =>
  renderInTestApp(<PostmortemEditor id="pm1" />, {
    apis: [[postmortemApiRef, api], mockApis.appLanguage({ defaultLanguage: 'en', availableLanguages: ['en', 'ja'] })],
  });

describe('PostmortemEditor', () => {
  it('autosaves with the base revision and shows the saved state', async () => {
    const api = fakeApi(async req => ({ ...base, ...req, revision: req.baseRevision + 1 } as Postmortem));
    await render(api);
    const editor = await screen.findByRole('textbox', { name: 'Markdown' });
    expect(screen.getByTestId('postmortem-save-state')).toHaveTextContent('Saved');
    fireEvent.change(editor, { target: { value: `${base.document}more\n` } });
    expect(screen.getByTestId('postmortem-save-state')).toHaveTextContent('Unsaved changes');
    await waitFor(() => expect(screen.getByTestId('postmortem-save-state')).toHaveTextContent('Saved'), {
      timeout: 5000,
    });
    expect(api.update).toHaveBeenCalledWith(
      'pm1',
      expect.objectContaining({ baseRevision: 1, document: `${base.document}more\n` }),
    );
    expect(screen.getByText('Revision 2')).toBeInTheDocument();
  });

  it('on a conflict shows the other change and merges both into a save on the new revision', async () => {
    const theirs = `THEIR first line\n${base.document}`;
    const saves: UpdatePostmortemRequest[] = [];
    const api = fakeApi(async req => {
      saves.push(req);
      if (req.baseRevision === 1) {
        throw new PostmortemConflictError({
          error: { name: 'ConflictError', message: 'stale' },
          baseRevision: 1,
          currentRevision: 2,
          current: {
            revision: 2,
            title: base.title,
            severity: 'SEV2',
            document: theirs,
            author: 'user:default/b',
            createdAt: base.createdAt,
          },
        });
      }
      return { ...base, ...req, revision: req.baseRevision + 1 } as Postmortem;
    });
    await render(api);
    const editor = await screen.findByRole('textbox', { name: 'Markdown' });
    fireEvent.change(editor, { target: { value: `${base.document}MY last line\n` } });
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 });
    expect(screen.getByTestId('postmortem-save-state')).toHaveTextContent('Conflict');
    expect(within(dialog).getByText(/b saved revision 2 while you were editing revision 1/)).toBeInTheDocument();
    expect(within(dialog).getByText('THEIR first line', { exact: false })).toBeInTheDocument();
    expect(within(dialog).getByText('MY last line', { exact: false })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep mine and merge' }));
    await waitFor(() => expect(saves).toHaveLength(2), { timeout: 5000 });
    expect(saves[1]).toMatchObject({ baseRevision: 2, document: `THEIR first line\n${base.document}MY last line\n` });
    await waitFor(() => expect(screen.getByTestId('postmortem-save-state')).toHaveTextContent('Saved'));
  });

  it("shows PagerDuty's sentences and the kinds in Japanese, and exports in the UI's language", async () => {
    const pm: Postmortem = {
      ...base,
      document: '## Timeline\n\n{{timeline}}\n',
      timeline: [
        {
          id: 't1',
          at: '2026-11-26T00:00:00.000Z',
          kind: 'trigger',
          text: 'Triggered through the API.',
          keyMoment: true,
          source: 'pagerduty',
          code: 'triggeredApi',
          params: {},
        },
        {
          id: 't2',
          at: '2026-11-26T00:05:00.000Z',
          kind: 'acknowledge',
          text: 'Acknowledged by Sato Yuki.',
          keyMoment: true,
          source: 'pagerduty',
          code: 'acknowledged',
          params: { actor: 'Sato Yuki' },
        },
        {
          id: 't3',
          at: '2026-11-26T00:06:00.000Z',
          kind: 'note',
          text: 'Rolled back by hand',
          keyMoment: false,
          source: 'manual',
        },
      ],
    };
    const exportMarkdown = jest.fn(async () => '# Cart 5xx\n');
    const api = { get: jest.fn(async () => pm), update: jest.fn(), exportMarkdown } as unknown as PostmortemApi;
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderInTestApp(<PostmortemEditor id="pm1" />, {
      apis: [
        [postmortemApiRef, api],
        mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
      ],
    });
    // The preview's table: Japanese headings and sentences.
    expect(await screen.findByText('API 経由で発生しました。')).toBeInTheDocument();
    expect(screen.getByText('時刻 (UTC)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'タイムライン' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'タイムライン' }));
    const table = await screen.findByRole('table', { name: 'タイムライン' });
    expect(within(table).getByText('Sato Yuki が確認しました。')).toBeInTheDocument();
    expect(within(table).getByText('確認')).toBeInTheDocument();
    expect(within(table).getByText('Rolled back by hand')).toBeInTheDocument();
    expect(within(table).queryByText(/Acknowledged by|Triggered through/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Markdown をエクスポート' }));
    await waitFor(() => expect(exportMarkdown).toHaveBeenCalledWith('pm1', 'ja'));
  });
});
