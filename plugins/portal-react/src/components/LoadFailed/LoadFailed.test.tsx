import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen } from '@testing-library/react';
import { LoadFailed } from './LoadFailed';

async function notFound(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no such SLO' },
        response: { statusCode: 404 },
      }),
      { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/json' } },
    ),
  );
}

describe('LoadFailed', () => {
  it("says the backend's message with a retry", async () => {
    const onRetry = jest.fn();
    await renderInTestApp(<LoadFailed error={new Error('502 Bad Gateway')} onRetry={onRetry} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Could not load this from the portal backend: 502 Bad Gateway',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('speaks of the card inside a card, in Japanese too', async () => {
    await renderInTestApp(<LoadFailed scope="card" error={new Error('boom')} onRetry={() => {}} />, {
      apis: [mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] })],
    });
    expect(
      await screen.findByText('ポータルのバックエンドからこのカードを読み込めませんでした: boom'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '再試行' })).toBeInTheDocument();
  });

  it('says what a 404 means when told, without a retry', async () => {
    await renderInTestApp(
      <LoadFailed error={await notFound()} onRetry={() => {}} notFound="This component declares no SLO." />,
    );
    expect(screen.getByText('This component declares no SLO.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it("shows a 404's own message when the caller gave no meaning for it", async () => {
    await renderInTestApp(<LoadFailed error={await notFound()} />);
    expect(screen.getByRole('status')).toHaveTextContent('Could not load this from the portal backend: no such SLO');
  });
});
