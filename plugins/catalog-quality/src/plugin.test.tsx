import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { catalogQualityApiRef, type QualityReport } from './api/CatalogQualityApi';
import { catalogQualityPlugin } from './plugin';

const emptyReport: QualityReport = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  sandbox: true,
  findings: [],
  counts: {
    'processing-error': 0,
    'missing-owner': 0,
    'unknown-owner': 0,
    'missing-annotation': 0,
    orphan: 0,
    'workload-without-entity': 0,
    'no-running-workload': 0,
  },
  kubernetesFreshness: { state: 'fresh', clusters: [] },
  unprocessedEntities: { state: 'fresh' },
};

describe('catalogQualityPlugin', () => {
  it('serves its page at /catalog-quality under a translated title', async () => {
    await renderTestApp({
      features: [catalogQualityPlugin],
      initialRouteEntries: ['/catalog-quality'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [catalogQualityApiRef, { getReport: async () => emptyReport }],
        mockApis.appLanguage({
          defaultLanguage: 'ja',
          availableLanguages: ['en', 'ja'],
        }),
      ],
    });
    await screen.findByText('問題は見つかりませんでした。カタログは良好な状態です。');
    expect(screen.getByRole('heading', { name: 'カタログ品質' })).toBeInTheDocument();
  });
});
