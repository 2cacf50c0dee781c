import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraApiRef, type InfraApi } from '@internal/plugin-infra';
import type { Postmortem } from '@internal/plugin-postmortem-common';
import { screen, within } from '@testing-library/react';
import { postmortemApiRef, type PostmortemApi } from '../../api/PostmortemApi';
import { deployWindow } from '../../hooks/useIncidentDeploys';
import { TimelinePanel } from './TimelinePanel';

const pm: Postmortem = {
  id: 'pm1',
  entityRef: 'component:default/cart-service',
  title: 'Cart 5xx',
  severity: 'SEV2',
  status: 'draft',
  language: 'en',
  incidentIds: ['Q1'],
  startedAt: '2026-11-25T03:00:00.000Z',
  endedAt: '2026-11-25T04:30:00.000Z',
  revision: 1,
  createdBy: 'user:default/a',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedBy: 'user:default/a',
  updatedAt: '2026-11-26T00:00:00.000Z',
  openActionItems: 0,
  document: '',
  timeline: [
    {
      id: 't1',
      at: '2026-11-25T03:00:00.000Z',
      kind: 'trigger',
      text: 'Cart 5xx above 2%',
      source: 'pagerduty',
      keyMoment: true,
    },
    {
      id: 't2',
      at: '2026-11-25T04:30:00.000Z',
      kind: 'resolve',
      text: 'Resolved',
      source: 'pagerduty',
      keyMoment: false,
    },
  ],
  reviewers: [],
  actionItems: [],
};

const rollout = {
  id: 'rollout:7',
  title: 'Deployed cart-service v1.97.0 to aws-tokyo (checkout, revision 5)',
  at: '2026-11-25T02:40:00.000Z',
  detectedAt: '2026-11-25T02:40:30.000Z',
  cluster: 'aws-tokyo',
  namespace: 'checkout',
  deployment: 'cart-service',
  revision: 5,
  previousRevision: 4,
  version: 'v1.97.0',
  images: ['registry.example.com/checkout/cart-service:v1.97.0'],
  changeEvents: [],
};

function renderPanel(infra: Partial<InfraApi>, language = 'en') {
  return renderInTestApp(<TimelinePanel pm={pm} readOnly onChanged={() => {}} onError={() => {}} />, {
    apis: [
      [postmortemApiRef, {} as PostmortemApi],
      [infraApiRef, infra as InfraApi],
      mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] }),
    ],
  });
}

describe('TimelinePanel', () => {
  it('shows the rollouts around the incident among its entries, in time order', async () => {
    const getEntityDeploys = jest.fn(async () => ({
      entityRef: pm.entityRef,
      from: '',
      to: '',
      deploys: [rollout],
      truncated: false,
    }));
    await renderPanel({ getEntityDeploys });
    const table = await screen.findByRole('table', { name: 'Timeline' });
    await within(table).findByText('cart-service v1.97.0 rolled out to aws-tokyo (checkout, revision 5)');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 4)
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        '2026-11-25 02:40',
        'Deploy',
        'cart-service v1.97.0 rolled out to aws-tokyo (checkout, revision 5)',
        'Kubernetes',
      ],
      ['2026-11-25 03:00', 'Triggered', 'Cart 5xx above 2%', 'PagerDuty'],
      ['2026-11-25 04:30', 'Resolved', 'Resolved', 'PagerDuty'],
    ]);
    // From a day before the start to an hour after the end.
    expect(getEntityDeploys).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'cart-service' },
      { from: '2026-11-24T03:00:00.000Z', to: '2026-11-25T05:30:00.000Z' },
    );
  });

  it('says when the deploys could not be read, and still shows the entries', async () => {
    await renderPanel({ getEntityDeploys: async () => Promise.reject(new Error('infra backend down')) });
    expect(await screen.findByRole('status')).toHaveTextContent('Deploys could not be read: infra backend down');
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });

  it('has no deploy window without a start', () => {
    expect(deployWindow(undefined, undefined)).toBeUndefined();
    expect(deployWindow('2026-11-25T03:00:00.000Z')).toEqual({
      from: '2026-11-24T03:00:00.000Z',
      to: '2026-11-25T04:00:00.000Z',
    });
  });
});
