import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { RequestType } from '@internal/plugin-support-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { supportApiRef, type SupportApi } from '../../api/SupportApi';
import { NewRequestForm } from './NewRequestForm';

const l = (en: string, ja = en) => ({ en, ja });
const types: RequestType[] = [
  {
    id: 'incident-assistance',
    title: l('Incident assistance', 'インシデント支援'),
    description: l('Help with an incident'),
    defaultPriority: 'P2',
    urgencyField: 'urgency',
    fields: [
      {
        id: 'urgency',
        label: l('Urgency'),
        kind: 'select',
        required: true,
        options: [
          { value: 'high', label: l('High') },
          { value: 'low', label: l('Low') },
        ],
      },
      { id: 'impact', label: l('Customer impact'), kind: 'textarea', required: true },
    ],
    sla: {
      P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
      P2: { firstResponseMinutes: 30, resolutionMinutes: 540 },
      P3: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
      P4: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
    },
  },
];

function fakeApi(overrides: Partial<SupportApi> = {}): SupportApi {
  return {
    me: async () => ({ userEntityRef: 'user:default/guest', triage: true }),
    types: async () => types,
    list: async () => ({ items: [], total: 0, offset: 0, limit: 50 }),
    get: async () => {
      throw new Error('not used');
    },
    create: jest.fn(async () => ({ id: 12 } as any)),
    update: async () => ({} as any),
    comment: async () => ({} as any),
    analytics: async () => ({} as any),
    ...overrides,
  };
}

async function pick(label: RegExp, option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

// MUI selects render slowly on a loaded machine.
jest.setTimeout(30_000);

describe('NewRequestForm', () => {
  it("renders the chosen type's fields, prefills the entity and files with an idempotency key", async () => {
    const api = fakeApi();
    await renderInTestApp(<NewRequestForm />, {
      apis: [
        [supportApiRef, api],
        [
          catalogApiRef,
          {
            getEntities: async () => ({
              items: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Component',
                  metadata: { name: 'recommendation-service', namespace: 'default' },
                },
              ],
            }),
          },
        ],
      ],
      initialRouteEntries: ['/support/new?entity=component:default/recommendation-service'],
    } as any);
    expect(await screen.findByLabelText(/Service \(entity reference\)/)).toHaveValue(
      'component:default/recommendation-service',
    );
    expect(screen.queryByLabelText(/Customer impact/)).not.toBeInTheDocument();
    await pick(/Request type/, 'Incident assistance');
    await pick(/Urgency/, 'High');
    expect(screen.getByText('High urgency pages the platform on-call now.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Customer impact/), { target: { value: 'Checkout is down' } });
    fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: 'Checkout down' } });
    fireEvent.click(screen.getByRole('button', { name: 'File request' }));
    await waitFor(() => expect(api.create).toHaveBeenCalled());
    const [input, key] = (api.create as jest.Mock).mock.calls[0];
    expect(input).toEqual({
      type: 'incident-assistance',
      title: 'Checkout down',
      description: '',
      entityRef: 'component:default/recommendation-service',
      fields: { urgency: 'high', impact: 'Checkout is down' },
    });
    expect(key).toMatch(/^ui-/);
  });
});
