import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import { checkoutEntity, fakeSloApi, maintenance, responseError } from '../../testing/fixtures';
import { CorrectionsCard } from './CorrectionsCard';

function renderCard(api: SloApi, onChanged = jest.fn()) {
  renderInTestApp(<CorrectionsCard entity={checkoutEntity} onChanged={onChanged} />, { apis: [[sloApiRef, api]] });
  return { onChanged };
}

async function openDialog() {
  await screen.findByRole('table', { name: 'SLO corrections' });
  fireEvent.click(screen.getByRole('button', { name: 'Add correction' }));
  return screen.findByRole('dialog', { name: 'Add correction' });
}

function fill(dialog: HTMLElement, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(within(dialog).getByLabelText(label, { exact: false }), {
      target: { value },
    });
  }
}

describe('CorrectionsCard', () => {
  it('posts a weekly correction and reloads the list', async () => {
    const createCorrection = jest.fn(fakeSloApi().createCorrection);
    const getCorrections = jest.fn(async () => [maintenance]);
    const { onChanged } = renderCard(fakeSloApi({ createCorrection, getCorrections }));

    const dialog = await openDialog();
    fill(dialog, {
      Start: '2026-12-01T10:00',
      End: '2026-12-01T12:00',
      Reason: 'Payment provider maintenance window',
    });
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Repeat' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Tue' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Fri' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(createCorrection).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'checkout' },
      {
        start: '2026-12-01T10:00:00+09:00',
        end: '2026-12-01T12:00:00+09:00',
        rrule: 'FREQ=WEEKLY;BYDAY=TU,FR',
        reason: 'Payment provider maintenance window',
      },
    );
    expect(onChanged).toHaveBeenCalled();
    await waitFor(() => expect(getCorrections).toHaveBeenCalledTimes(2));
  });

  it('takes a custom RRULE: says it in words, previews the next times and posts it as typed', async () => {
    const createCorrection = jest.fn(fakeSloApi().createCorrection);
    renderCard(fakeSloApi({ createCorrection }));
    const dialog = await openDialog();
    fill(dialog, {
      Start: '2026-12-01T02:00',
      End: '2026-12-01T03:00',
      Reason: 'Tuesday night patching',
    });
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Repeat' }));
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Custom rule (RRULE)' }));
    const rule = within(dialog).getByRole('textbox', {
      name: 'Recurrence rule (RRULE)',
    });
    // A rule the shared parser rejects: its reason, and nothing is posted.
    fireEvent.change(rule, { target: { value: 'FREQ=HOURLY' } });
    expect(
      within(dialog).getByText('FREQ=HOURLY repeats too often: use DAILY, WEEKLY, MONTHLY or YEARLY.'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('FREQ=HOURLY repeats too often');
    expect(createCorrection).not.toHaveBeenCalled();

    fireEvent.change(rule, {
      target: { value: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=2;COUNT=4' },
    });
    expect(within(dialog).getByText('Repeats: Weekly on Tue, at 2:00 AM, 4 times')).toBeInTheDocument();
    // Tuesday 1 December 02:00 JST is the first; then the next Tuesdays.
    expect(
      within(dialog).getByText('Next: Dec 1, 2026, 2:00 AM · Dec 8, 2026, 2:00 AM · Dec 15, 2026, 2:00 AM'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(createCorrection).toHaveBeenCalledWith(
        { kind: 'component', namespace: 'default', name: 'checkout' },
        {
          start: '2026-12-01T02:00:00+09:00',
          end: '2026-12-01T03:00:00+09:00',
          rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=2;COUNT=4',
          reason: 'Tuesday night patching',
        },
      ),
    );
  });

  it("shows the backend's 403 message and keeps the dialog open", async () => {
    const forbidden = await responseError(403, 'You may not add corrections to component:default/checkout');
    const { onChanged } = renderCard(
      fakeSloApi({
        createCorrection: async () => {
          throw forbidden;
        },
      }),
    );

    const dialog = await openDialog();
    fill(dialog, {
      Start: '2026-12-01T10:00',
      End: '2026-12-01T12:00',
      Reason: 'Release freeze',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "You don't have permission to change the corrections of this service. You may not add corrections to component:default/checkout",
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("shows the backend's 400 message", async () => {
    const invalid = await responseError(400, 'corrections may not be longer than 7 days');
    renderCard(
      fakeSloApi({
        createCorrection: async () => {
          throw invalid;
        },
      }),
    );
    const dialog = await openDialog();
    fill(dialog, {
      Start: '2026-12-01T10:00',
      End: '2026-12-20T12:00',
      Reason: 'Migration',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The backend rejected the correction: corrections may not be longer than 7 days',
    );
  });

  it('checks the window before posting', async () => {
    const createCorrection = jest.fn();
    renderCard(fakeSloApi({ createCorrection }));
    const dialog = await openDialog();
    fill(dialog, {
      Start: '2026-12-01T12:00',
      End: '2026-12-01T10:00',
      Reason: 'Backwards',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The end must be after the start.');
    expect(createCorrection).not.toHaveBeenCalled();
  });

  it('deletes a correction after confirmation', async () => {
    const deleteCorrection = jest.fn(async () => undefined);
    const { onChanged } = renderCard(fakeSloApi({ deleteCorrection }));

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Delete the correction "Weekly DB maintenance"',
      }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete this correction?',
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(deleteCorrection).toHaveBeenCalledWith('c1'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('says why a delete failed', async () => {
    const forbidden = await responseError(403, 'Only team-checkout may do this');
    renderCard(
      fakeSloApi({
        deleteCorrection: async () => {
          throw forbidden;
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Delete the correction "Weekly DB maintenance"',
      }),
    );
    const confirm = await screen.findByRole('dialog');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You don't have permission to change the corrections of this service. Only team-checkout may do this",
    );
  });
});
