import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { SupportAnalytics as Analytics } from '@internal/plugin-support-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { supportApiRef } from '../../api/SupportApi';
import { fakeSupportApi } from '../../testing/fixtures';
import { lastDays } from '../DateRangePicker';
import { SupportAnalytics } from './SupportAnalytics';

// MUI selects render slowly on a loaded machine.
jest.setTimeout(60_000);

const answer = (range: { from?: string; to?: string }): Analytics => ({
  from: `${range.from}T00:00:00+09:00`,
  to: `${range.to}T23:59:59+09:00`,
  total: 7,
  byType: [
    { type: 'access', count: 5 },
    { type: 'dns', count: 2 },
  ],
  byTeam: [{ team: 'group:default/team-checkout', count: 7 }],
  byMonth: [
    { month: '2026-10', count: 3 },
    { month: '2026-11', count: 4 },
  ],
  medianFirstResponseMinutes: 42,
  medianResolutionMinutes: 300,
  automationCandidates: [{ type: 'access', count: 5, share: 5 / 7, medianResolutionMinutes: 120 }],
});

describe('SupportAnalytics', () => {
  it('asks for the last 12 months first, and for the chosen range after a preset or a date is picked', async () => {
    const analytics = jest.fn(async (range: { from?: string; to?: string } = {}) => answer(range));
    await renderInTestApp(<SupportAnalytics />, { apis: [[supportApiRef, fakeSupportApi({ analytics })]] });

    await screen.findByRole('img', { name: 'Volume by type' });
    expect(analytics).toHaveBeenLastCalledWith(lastDays(365));

    fireEvent.mouseDown(screen.getByLabelText('Range'));
    fireEvent.click(await screen.findByRole('option', { name: 'Last 30 days' }));
    await waitFor(() => expect(analytics).toHaveBeenLastCalledWith(lastDays(30)));

    const to = lastDays(30).to;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-05' } });
    await waitFor(() => expect(analytics).toHaveBeenLastCalledWith({ from: '2026-01-05', to }));
    expect(await screen.findByRole('status')).toHaveTextContent('Requests opened from Jan 5, 2026 to');

    // A start after the end is not sent; the picker says why.
    const calls = analytics.mock.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2999-01-01' } });
    expect(await screen.findByText('The start must not be after the end.')).toBeInTheDocument();
    expect(analytics).toHaveBeenCalledTimes(calls);
  });

  it('draws volume charts with a tooltip per bar and the numbers as a table', async () => {
    const analytics = jest.fn(async (range: { from?: string; to?: string } = {}) => answer(range));
    await renderInTestApp(<SupportAnalytics />, { apis: [[supportApiRef, fakeSupportApi({ analytics })]] });

    const byType = await screen.findByRole('img', { name: 'Volume by type' });
    expect(byType).toHaveAccessibleDescription('2 categories; the most requests: Access and permissions (5).');
    act(() => byType.focus());
    const tooltip = await screen.findByTestId('support-chart-tooltip');
    expect(tooltip).toHaveTextContent('Access and permissions');
    expect(tooltip).toHaveTextContent('Requests: 5');

    const byMonth = screen.getByRole('img', { name: 'Volume by month' });
    act(() => byMonth.focus());
    fireEvent.keyDown(byMonth, { key: 'ArrowRight' });
    await waitFor(() => expect(screen.getByTestId('support-chart-tooltip')).toHaveTextContent('Nov 2026'));
    expect(screen.getByTestId('support-chart-tooltip')).toHaveTextContent('Requests: 4');

    const months = screen.getByRole('table', { name: 'Volume by month' });
    expect(
      within(months)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual(['Oct 20263', 'Nov 20264']);
    expect(screen.getByTestId('median-first-response')).toHaveTextContent('42m');
  });
});
