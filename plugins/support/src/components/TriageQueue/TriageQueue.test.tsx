import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { supportApiRef } from '../../api/SupportApi';
import { clock, fakeSupportApi, summary } from '../../testing/fixtures';
import { TriageQueue } from './TriageQueue';

// MUI selects render slowly on a loaded machine.
jest.setTimeout(30_000);

describe('TriageQueue', () => {
  it('shows SLA chips by state and assigns a request to the signed-in member', async () => {
    const update = jest.fn(async () => ({} as any));
    const list = jest.fn(async () => ({
      items: [
        summary(1, {
          title: 'Late one',
          sla: { firstResponse: clock('first_response', 'breached'), resolution: clock('resolution', 'warning') },
        }),
        summary(2, {
          title: 'Waiting one',
          status: 'waiting_on_requester',
          assignee: 'user:default/guest',
          sla: {
            firstResponse: clock('first_response', 'met'),
            resolution: clock('resolution', 'ok', { paused: true }),
          },
        }),
      ],
      total: 2,
      offset: 0,
      limit: 200,
    }));
    await renderInTestApp(<TriageQueue />, { apis: [[supportApiRef, fakeSupportApi({ list, update })]] });
    const table = await screen.findByRole('table', { name: 'Triage queue' });
    const late = within(table).getByText('Late one').closest('tr')!;
    expect(within(late).getByText('First response: Breached').closest('[data-sla-state]')).toHaveAttribute(
      'data-sla-state',
      'breached',
    );
    expect(within(late).getByText('Resolution: At risk')).toBeInTheDocument();
    const waiting = within(table).getByText('Waiting one').closest('tr')!;
    expect(within(waiting).getByText('Resolution: Paused')).toBeInTheDocument();
    expect(within(waiting).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
    // The default filter is the open requests.
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ open: true }));

    fireEvent.click(within(late).getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(1, { assignee: 'user:default/guest' }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it('loads the next page with the backend cursor and says how many are shown', async () => {
    const list = jest.fn(async (q: { cursor?: string }) =>
      q.cursor === 'c1'
        ? { items: [summary(3, { title: 'Older one' })], total: 3, offset: 0, limit: 50 }
        : {
            items: [summary(1, { title: 'Newest' }), summary(2, { title: 'Second' })],
            total: 3,
            offset: 0,
            limit: 50,
            nextCursor: 'c1',
          },
    );
    await renderInTestApp(<TriageQueue />, { apis: [[supportApiRef, fakeSupportApi({ list })]] });
    const table = await screen.findByRole('table', { name: 'Triage queue' });
    expect(within(table).getByText('Newest')).toBeInTheDocument();
    expect(screen.getByText('Showing 2 of 3 requests')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Older one', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ open: true, cursor: 'c1' }));
    expect(within(table).getByText('Newest')).toBeInTheDocument();
    // The last page: no more button.
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('tells non-platform users that the queue is not for them', async () => {
    await renderInTestApp(<TriageQueue />, {
      apis: [
        [
          supportApiRef,
          fakeSupportApi({ me: async () => ({ userEntityRef: 'user:default/tanaka.ren', triage: false }) }),
        ],
      ],
    });
    expect(await screen.findByText('The triage queue is for the platform team.')).toBeInTheDocument();
  });
});
