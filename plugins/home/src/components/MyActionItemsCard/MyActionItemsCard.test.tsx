import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { MyActionItemsCard } from './MyActionItemsCard';

const rows = [
  { id: 'i1', postmortemId: 'p1', postmortemTitle: 'Cart 5xx', title: 'Add a circuit breaker', ownerRef: 'group:default/team-checkout', priority: 'P1', dueDate: '2020-01-31', status: 'open', overdue: true },
  { id: 'i2', postmortemId: 'p1', postmortemTitle: 'Cart 5xx', title: 'Alert per endpoint', ownerRef: 'user:default/guest', priority: 'P3', status: 'in_progress', overdue: false },
];

function renderCard(fetch: jest.Mock, language = 'en') {
  return renderInTestApp(<MyActionItemsCard />, {
    apis: [
      [fetchApiRef, { fetch }],
      [discoveryApiRef, { getBaseUrl: async (id: string) => `http://localhost/api/${id}` }],
      mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] }),
    ],
  });
}

describe('MyActionItemsCard', () => {
  it("lists my and my teams' open action items, overdue ones marked, from /api/postmortem", async () => {
    const fetch = jest.fn(async () => new Response(JSON.stringify(rows), { status: 200 }));
    await renderCard(fetch);
    expect(await screen.findByRole('link', { name: 'Add a circuit breaker' })).toHaveAttribute('href', '/postmortems/p1?tab=actionItems');
    expect(screen.getByText('Alert per endpoint')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByText(/P3 · no due date · Cart 5xx/)).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith('http://localhost/api/postmortem/action-items?owner=me&status=open,in_progress');
  });

  it('says so when there is nothing, in Japanese too', async () => {
    const fetch = jest.fn(async () => new Response('[]', { status: 200 }));
    await renderCard(fetch, 'ja');
    expect(await screen.findByText('あなたやあなたのチームの未完了のポストモーテムのアクションアイテムはありません。')).toBeInTheDocument();
  });
});
