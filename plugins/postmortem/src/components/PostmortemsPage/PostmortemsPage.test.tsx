import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { PostmortemSummary } from '@internal/plugin-postmortem-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { postmortemApiRef, type PostmortemApi } from '../../api/PostmortemApi';
import { PostmortemsPage } from './PostmortemsPage';

jest.setTimeout(30_000);

const summary = (n: number): PostmortemSummary => ({
  id: `pm${n}`,
  entityRef: 'component:default/cart-service',
  ownerRef: 'group:default/team-checkout',
  title: `Incident ${n}`,
  severity: 'SEV2',
  status: 'draft',
  language: 'en',
  incidentIds: [],
  startedAt: '2026-11-20T01:00:00.000Z',
  revision: 1,
  createdBy: 'user:default/a',
  createdAt: '2026-11-20T03:00:00.000Z',
  updatedBy: 'user:default/a',
  updatedAt: '2026-11-20T03:00:00.000Z',
  openActionItems: 0,
});

function fakeApi() {
  const page = jest.fn(async (q: { cursor?: string }) =>
    q.cursor === 'c1' ? { items: [summary(3)] } : { items: [summary(1), summary(2)], nextCursor: 'c1' },
  );
  const pending = () => new Promise<never>(() => {});
  return { api: { page, metrics: pending, actionItems: pending } as unknown as PostmortemApi, page };
}

describe('PostmortemsPage', () => {
  it('pages the list with the backend cursor: Load more appends the next page', async () => {
    const { api, page } = fakeApi();
    await renderInTestApp(<PostmortemsPage />, { apis: [[postmortemApiRef, api]] });
    const table = await screen.findByRole('table', { name: 'Postmortems' }, { timeout: 10_000 });
    expect(within(table).getByText('Incident 1')).toBeInTheDocument();
    expect(screen.getByText('Showing 2; more match these filters.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Incident 3', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(page).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c1', limit: 50 }));
    expect(within(table).getByText('Incident 2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says so in Japanese', async () => {
    const { api } = fakeApi();
    await renderInTestApp(<PostmortemsPage />, {
      apis: [
        [postmortemApiRef, api],
        mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
      ],
    });
    expect(await screen.findByRole('button', { name: 'さらに読み込む' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('2 件を表示中。条件に一致するものがさらにあります。')).toBeInTheDocument();
  });
});
