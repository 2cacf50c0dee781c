import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen } from '@testing-library/react';
import { MembersListCard } from './MembersListCard';

const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-platform', namespace: 'default' },
  spec: { type: 'team', profile: { displayName: 'Platform' }, children: [] },
};

const user = (name: string, displayName: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName, email: `${name}@example.com` }, memberOf: ['team-platform'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/team-platform' }],
});

jest.setTimeout(30_000);

describe('MembersListCard', () => {
  it('lists the members and searches them, in Japanese on a Japanese screen', async () => {
    const catalogApi = catalogApiMock({
      entities: [group, user('sato.yuki', 'Sato Yuki'), user('kato.minato', 'Kato Minato')],
    });
    await renderInTestApp(
      <EntityProvider entity={group}>
        <MembersListCard />
      </EntityProvider>,
      {
        apis: [
          [catalogApiRef, catalogApi],
          mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      } as any,
    );
    expect(await screen.findByText('Platform のメンバー (メンバー 2 人)', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('Sato Yuki')).toBeInTheDocument();
    const search = screen.getByRole('searchbox', { name: 'メンバーを検索' });
    expect(search).toHaveAttribute('placeholder', 'メンバーを検索…');
    fireEvent.change(search, { target: { value: 'kato' } });
    expect(await screen.findByText('Platform のメンバー (2 人中 1 人)')).toBeInTheDocument();
    expect(screen.queryByText('Sato Yuki')).not.toBeInTheDocument();
    fireEvent.change(search, { target: { value: 'nobody' } });
    expect(await screen.findByText('「nobody」に一致するメンバーはいません。')).toBeInTheDocument();
  });
});
