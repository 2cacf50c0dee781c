import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import type { EntityOverview } from '@internal/plugin-infra-common';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { LOADING_RETRY_MS } from '../../hooks/useRetryWhileLoading';
import { cartEntity, overview } from '../../testing/fixtures';
import { EntityMonitorsCard } from '../EntityMonitorsCard';

jest.setTimeout(20_000);

function renderCard(api: Partial<InfraApi>, apis: any[] = []) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityMonitorsCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api], ...apis] },
  );
}

/** A cold start: no Datadog snapshot yet, its first background listing still running. */
function loadingOverview(): EntityOverview {
  const o = overview();
  o.monitors = { freshness: { state: 'loading' } };
  return o;
}

describe('a card whose source is still loading (cold start)', () => {
  it('says the upstream data is loading, not that it failed', async () => {
    renderCard({ getEntityOverview: async () => loadingOverview() });
    expect(await screen.findByText('Loading upstream data')).toBeInTheDocument();
    expect(screen.getByText(/the portal is reading Datadog for the first time in the background/)).toBeInTheDocument();
    expect(screen.queryByText('Unavailable')).not.toBeInTheDocument();
    expect(screen.queryByText(/cannot be reached/)).not.toBeInTheDocument();
  });

  it('says so in Japanese', async () => {
    renderCard({ getEntityOverview: async () => loadingOverview() }, [
      mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
    ]);
    expect(await screen.findByText('上流データを読み込み中')).toBeInTheDocument();
    expect(screen.getByText(/バックグラウンドで Datadog を初めて取得しています/)).toBeInTheDocument();
  });

  it('fills in by itself once the first snapshot is there', async () => {
    const answers = [loadingOverview(), overview()];
    const getEntityOverview = jest.fn(async () => answers.shift() ?? overview());
    renderCard({ getEntityOverview });
    expect(await screen.findByText('Loading upstream data')).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Datadog monitors' }, { timeout: LOADING_RETRY_MS + 3000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Loading upstream data')).not.toBeInTheDocument();
    expect(getEntityOverview).toHaveBeenCalledTimes(2);
  });
});
