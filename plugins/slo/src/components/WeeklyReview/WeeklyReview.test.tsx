import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import { fakeSloApi, responseError, weeklyReview } from '../../testing/fixtures';
import { WeeklyReview } from './WeeklyReview';

function renderPage(api: SloApi) {
  return renderInTestApp(<WeeklyReview />, {
    apis: [[sloApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('WeeklyReview', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:review');
  const revokeObjectURL = jest.fn();
  let clicked: HTMLAnchorElement[] = [];
  let click: jest.SpyInstance;

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    clicked = [];
    click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });
  afterEach(() => {
    click.mockRestore();
    jest.clearAllMocks();
  });

  it('says why a service without one request in twelve weeks has no data', async () => {
    const review = weeklyReview();
    review.rows.push({
      entityRef: 'component:default/ghost',
      name: 'ghost',
      objective: 99.9,
      attainment: Array.from({ length: 12 }, () => null),
      noData: { code: 'no-series', reason: 'no series' },
    });
    renderPage(fakeSloApi({ getWeeklyReview: async () => review }));
    const table = await screen.findByRole('table', {
      name: 'Weekly SLO attainment',
    });
    const row = within(table).getAllByRole('row')[2];
    expect(row).toHaveTextContent('No data: Datadog has no series for the SLO endpoints');
    const cells = within(row).getAllByRole('cell').slice(-12);
    expect(cells.every(c => c.getAttribute('data-state') === 'noData')).toBe(true);
  });

  it('shows twelve weeks per service, each cell marked met or missed', async () => {
    renderPage(fakeSloApi());

    const table = await screen.findByRole('table', {
      name: 'Weekly SLO attainment',
    });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers).toHaveLength(14);
    expect(headers[2]).toHaveTextContent('9/7');
    expect(headers[2]).toHaveAttribute('title', 'Week of Sep 7, 2026');

    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByRole('link', { name: 'checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
    const cells = within(row).getAllByRole('cell').slice(-12);
    expect(cells).toHaveLength(12);
    expect(cells[0]).toHaveAttribute('data-state', 'noData');
    expect(cells[1]).toHaveAttribute('data-state', 'met');
    expect(cells[1]).toHaveTextContent('99.95%');
    expect(cells[11]).toHaveAttribute('data-state', 'missed');
    expect(cells[11]).toHaveTextContent('99.812%');
    expect(cells[11]).toHaveAccessibleName('99.812% (Objective missed)');
  });

  it('downloads the Markdown and CSV exports', async () => {
    const getWeeklyReviewText = jest.fn(async (format: string) =>
      format === 'csv' ? 'service,week\n' : '# Weekly review\n',
    );
    renderPage(fakeSloApi({ getWeeklyReviewText }));
    await screen.findByRole('table', { name: 'Weekly SLO attainment' });

    fireEvent.click(screen.getByRole('button', { name: 'Download Markdown' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(getWeeklyReviewText).toHaveBeenLastCalledWith('markdown', 'en');
    expect(clicked[0].download).toBe('slo-weekly-review-2026-11-23.md');
    expect(clicked[0].href).toBe('blob:review');
    expect(await createObjectURL.mock.calls[0][0].text()).toBe('# Weekly review\n');

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(2));
    expect(getWeeklyReviewText).toHaveBeenLastCalledWith('csv', 'en');
    expect(clicked[1].download).toBe('slo-weekly-review-2026-11-23.csv');
    expect(createObjectURL.mock.calls[1][0].type).toBe('text/csv;charset=utf-8');
  });

  it('says why a download failed', async () => {
    const failure = await responseError(400, 'format must be json, markdown or csv');
    renderPage(
      fakeSloApi({
        getWeeklyReviewText: async () => {
          throw failure;
        },
      }),
    );
    await screen.findByRole('table', { name: 'Weekly SLO attainment' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not download the weekly review: format must be json, markdown or csv',
    );
  });
});
