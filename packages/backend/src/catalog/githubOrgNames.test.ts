import { githubOrgTransformers, userEntityName } from './githubOrgNames';

const ctx = { client: (async () => ({})) as any, query: '', org: 'example-co' };

describe('the GitHub org provider transforms', () => {
  it('names a User by the local part of their verified-domain e-mail, else by login', () => {
    expect(
      userEntityName({ login: 'kato-minato', organizationVerifiedDomainEmails: ['kato.minato@example.com'] }),
    ).toBe('kato.minato');
    expect(
      userEntityName({ login: 'kato-minato', organizationVerifiedDomainEmails: ['kato.minato+gh@example.com'] }),
    ).toBe('kato.minato');
    expect(userEntityName({ login: 'octo-cat', organizationVerifiedDomainEmails: [] })).toBe('octo-cat');
    expect(userEntityName({ login: 'octo-cat' })).toBe('octo-cat');
    // Not a valid entity name: the login.
    expect(userEntityName({ login: 'odd', organizationVerifiedDomainEmails: ['a..b@example.com'] })).toBe('odd');
  });

  it('keeps the login and the verified e-mail on the User, and names team members the same way', async () => {
    const { user, team } = githubOrgTransformers();
    const kato = await user(
      {
        login: 'kato-minato',
        id: 'U_1',
        name: 'Minato Kato',
        email: 'public@elsewhere.org',
        organizationVerifiedDomainEmails: ['kato.minato@example.com'],
      },
      ctx,
    );
    expect(kato?.metadata.name).toBe('kato.minato');
    expect(kato?.metadata.annotations).toMatchObject({
      'github.com/user-login': 'kato-minato',
      'github.com/user-id': 'U_1',
    });
    // The verified e-mail, not the public one: a GitHub App sees no other, and sign-in matches by it.
    expect((kato?.spec as any).profile.email).toBe('kato.minato@example.com');
    const group = await team(
      {
        slug: 'team-checkout',
        combinedSlug: 'example-co/team-checkout',
        name: 'Team Checkout',
        parentTeam: { slug: 'engineering' } as any,
        // One member with e-mails (first page of a team), one known only by login (later pages).
        members: [
          { login: 'yoshida-sakura', organizationVerifiedDomainEmails: ['yoshida.sakura@example.com'] },
          { login: 'kato-minato' },
        ],
      } as any,
      ctx,
    );
    expect(group?.metadata.name).toBe('team-checkout');
    expect((group?.spec as any).parent).toBe('engineering');
    expect((group?.spec as any).members).toEqual(['default/yoshida.sakura', 'default/kato.minato']);
  });
});
