import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { IncidentMetrics } from '@internal/plugin-postmortem-common';
import { screen } from '@testing-library/react';
import { postmortemApiRef, type PostmortemApi } from '../../api/PostmortemApi';
import { PostmortemsPage } from './PostmortemsPage';

jest.setTimeout(30_000);

/** When PagerDuty did not give every incident log in time, the MTTA card says how partial it is. */
const partial: IncidentMetrics = {
  from: '2026-11-28T00:00:00.000Z',
  to: '2026-12-05T00:00:00.000Z',
  services: [
    { ref: 'component:default/cart-service', incidents: 5, acknowledged: 2, resolved: 5, mttaSeconds: 120, mttrSeconds: 3600 },
  ],
  teams: [],
  generatedAt: '2026-12-05T00:00:00.000Z',
  freshness: { state: 'fresh' },
  acknowledgements: { read: 2, incidents: 5 },
  partial: 'MTTA from 2 of 5 incidents: PagerDuty did not answer within 5 s',
};

const api = {
  page: async () => ({ items: [] }),
  metrics: async () => partial,
  actionItems: async () => [],
} as unknown as PostmortemApi;

describe('MTTA/MTTR card', () => {
  it('says MTTA is partial, with the reason on hover', async () => {
    await renderInTestApp(<PostmortemsPage />, { apis: [[postmortemApiRef, api]] });
    const note = await screen.findByText(
      'MTTA counts 2 of 5 incidents: the others could not be read from PagerDuty in time.',
      {},
      { timeout: 10_000 },
    );
    expect(note).toHaveAttribute('title', partial.partial);
  });

  it('says so in Japanese', async () => {
    await renderInTestApp(<PostmortemsPage />, {
      apis: [[postmortemApiRef, api], mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] })],
    });
    expect(
      await screen.findByText(
        'MTTA は 5 件中 2 件のインシデントから算出しています。残りは PagerDuty から時間内に読み取れませんでした。',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});
