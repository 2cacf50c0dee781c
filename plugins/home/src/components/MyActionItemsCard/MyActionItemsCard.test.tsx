import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { postmortemApiRef, type PostmortemApi } from '@internal/plugin-postmortem';
import type { ActionItemRow } from '@internal/plugin-postmortem-common';
import { screen } from '@testing-library/react';
import { MyActionItemsCard } from './MyActionItemsCard';

const rows: Partial<ActionItemRow>[] = [
  {
    id: 'i1',
    postmortemId: 'p1',
    postmortemTitle: 'Cart 5xx',
    title: 'Add a circuit breaker',
    ownerRef: 'group:default/team-checkout',
    priority: 'P1',
    dueDate: '2020-01-31',
    status: 'open',
    overdue: true,
  },
  {
    id: 'i2',
    postmortemId: 'p1',
    postmortemTitle: 'Cart 5xx',
    title: 'Alert per endpoint',
    ownerRef: 'user:default/guest',
    priority: 'P3',
    status: 'in_progress',
    overdue: false,
  },
];

function renderCard(actionItems: jest.Mock, language = 'en') {
  return renderInTestApp(<MyActionItemsCard />, {
    apis: [
      [postmortemApiRef, { actionItems } as Partial<PostmortemApi> as PostmortemApi],
      mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] }),
    ],
  });
}

describe('MyActionItemsCard', () => {
  it("lists my and my teams' open action items, overdue ones marked, through the postmortem API", async () => {
    const actionItems = jest.fn(async () => rows);
    await renderCard(actionItems);
    expect(await screen.findByRole('link', { name: 'Add a circuit breaker' })).toHaveAttribute(
      'href',
      '/postmortems/p1?tab=actionItems',
    );
    expect(screen.getByText('Alert per endpoint')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByText(/P3 · no due date · Cart 5xx/)).toBeInTheDocument();
    expect(actionItems).toHaveBeenCalledWith({ owner: 'me', status: 'open,in_progress' });
  });

  it('says so when there is nothing, in Japanese too', async () => {
    await renderCard(
      jest.fn(async () => []),
      'ja',
    );
    expect(
      await screen.findByText('あなたやあなたのチームの未完了のポストモーテムのアクションアイテムはありません。'),
    ).toBeInTheDocument();
  });
});
