import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { auditApiRef, type AuditApi, type AuditQuery } from '../../api/AuditApi';
import { AuditLogPage } from './AuditLogPage';

const record = (id: number, overrides: object = {}) => ({
  id: String(id),
  occurredAt: '2026-11-26T01:00:00.000Z',
  plugin: 'prr',
  eventId: 'review-approve',
  severity: 'medium',
  status: 'succeeded' as const,
  actor: 'user:default/sato.yuki',
  request: {
    method: 'POST',
    url: '/api/prr/entities/component/default/checkout-service/review/approve',
  },
  requestId: `req-${id}`,
  meta: { entityRef: 'component:default/checkout-service' },
  ...overrides,
});

// MUI selects render slowly on a loaded machine.
jest.setTimeout(30_000);

describe('AuditLogPage', () => {
  it('lists changes newest first, filters by result, and pages backwards', async () => {
    const calls: AuditQuery[] = [];
    const api: AuditApi = {
      listEvents: async query => {
        calls.push(query);
        if (query.before)
          return {
            items: [record(1, { eventId: 'request-create', plugin: 'support' })],
          };
        if (query.status === 'failed') {
          return {
            items: [record(3, { status: 'failed', error: 'author cannot approve' })],
          };
        }
        return { items: [record(3), record(2)], nextBefore: '2' };
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[auditApiRef, api]]}>
        <AuditLogPage />
      </TestApiProvider>,
    );
    expect(await screen.findByText('req-3')).toBeInTheDocument();
    expect(screen.getAllByText('review-approve')).toHaveLength(2);
    expect(screen.getAllByText('entityRef: component:default/checkout-service')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Older changes' }));
    expect(await screen.findByText('request-create')).toBeInTheDocument();
    expect(calls[calls.length - 1]).toMatchObject({ before: '2', limit: 100 });

    await userEvent.click(screen.getByRole('button', { name: /Result/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Failed' }));
    await waitFor(() => expect(screen.getByText(/author cannot approve/)).toBeInTheDocument());
    expect(calls[calls.length - 1]).toMatchObject({ status: 'failed' });
  });

  it('tells someone outside the platform team why the log is closed to them', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), {
      name: 'ResponseError',
      response: { status: 403 },
    });
    const api: AuditApi = {
      listEvents: async () => Promise.reject(forbidden as unknown as ResponseError),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[auditApiRef, api]]}>
        <AuditLogPage />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Only members of the platform team may read the audit log.')).toBeInTheDocument();
  });

  it("says each change in the reader's language from its summary code", async () => {
    const api: AuditApi = {
      listEvents: async () => ({
        items: [
          record(2, {
            plugin: 'postmortem',
            eventId: 'postmortem-approve',
            meta: { postmortemId: 'pm-1' },
            summary: 'Approved postmortem pm-1',
            summaryCode: 'postmortemApprove',
            summaryParams: { postmortem: 'pm-1' },
          }),
          record(1, { summary: 'Did something new', summaryCode: 'somethingNew', summaryParams: {} }),
        ],
      }),
    };
    await renderInTestApp(<AuditLogPage />, {
      apis: [[auditApiRef, api], mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] })],
    });
    expect(await screen.findByText('ポストモーテム pm-1 を承認しました', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText('Approved postmortem pm-1')).not.toBeInTheDocument();
    // A code this page does not know yet: the backend's English sentence, not a key.
    expect(screen.getByText('Did something new')).toBeInTheDocument();
  });
});
