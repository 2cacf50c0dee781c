import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester, mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { sloApiRef } from './api/SloApi';
import { sloPlugin } from './plugin';
import { checkoutEntity, fakeSloApi } from './testing/fixtures';

const withoutSlo: Entity = {
  ...checkoutEntity,
  metadata: { name: 'legacy', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};
const groupWithSlo: Entity = {
  ...checkoutEntity,
  kind: 'Group',
};

describe('sloPlugin', () => {
  it('has the extensions app-config can address', () => {
    for (const id of [
      'api:slo',
      'page:slo',
      'sub-page:slo/fleet',
      'sub-page:slo/weekly-review',
      'entity-content:slo/slo',
      'entity-card:slo/overview',
    ] as const) {
      expect(sloPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('adds the SLO tab at slo, only for Components that declare spec.slo', () => {
    const tester = createExtensionTester(sloPlugin.getExtension('entity-content:slo/slo') as any, {
      apis: [mockApis.translation()],
    });
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction) as (e: Entity) => boolean;
    expect(tester.get(coreExtensionData.routePath)).toBe('slo');
    expect(filter(checkoutEntity)).toBe(true);
    expect(filter(withoutSlo)).toBe(false);
    expect(filter(groupWithSlo)).toBe(false);
  });

  it('shows the overview card only for Components that declare spec.slo', () => {
    const tester = createExtensionTester(sloPlugin.getExtension('entity-card:slo/overview') as any);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction) as (e: Entity) => boolean;
    expect(filter(checkoutEntity)).toBe(true);
    expect(filter(withoutSlo)).toBe(false);
  });

  it('serves the dashboard at /slo under a translated title, opening the fleet', async () => {
    renderTestApp({
      features: [sloPlugin],
      initialRouteEntries: ['/slo'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [sloApiRef, fakeSloApi()],
        mockApis.appLanguage({
          defaultLanguage: 'ja',
          availableLanguages: ['en', 'ja'],
        }),
      ],
    });
    expect(await screen.findByRole('table', { name: 'サービス別の SLO' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { name: 'SLO' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('tab', { name: 'サービス' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: '週次レビュー' })).toHaveAttribute('href', '/slo/weekly-review');
  });
});
