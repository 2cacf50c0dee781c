import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityInfoCard, useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Avatar, Card, Flex, Link, SearchField, Text } from '@backstage/ui';
import { useEffect, useMemo, useState } from 'react';
import { appOrgTranslationRef } from './translation';

type Member = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; description?: string };
  spec?: { profile?: { displayName?: string; email?: string; picture?: string } };
};

const displayNameOf = (m: Member) => m.spec?.profile?.displayName ?? m.metadata.title ?? m.metadata.name;

function MemberCard(props: { member: Member }) {
  const { t } = useTranslationRef(appOrgTranslationRef);
  const link = useEntityRefLink();
  const { member } = props;
  const name = displayNameOf(member);
  const email = member.spec?.profile?.email;
  return (
    <Card
      href={link(member as any)}
      label={t('membersCard.cardLabel', { memberName: name })}
      style={{ padding: 'var(--bui-space-3)' }}
    >
      <Flex gap="3" align="center">
        <Avatar src={member.spec?.profile?.picture ?? ''} name={name} size="large" />
        <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
          <Text variant="body-large" as="h4">
            {name}
          </Text>
          {email && (
            <Link
              href={`mailto:${email}`}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
            >
              {email}
            </Link>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * The group page's members card, in place of @backstage/plugin-org's (whose search field is
 * fixed in English): the group's direct members, searchable by name, title and e-mail, every
 * text through a translation ref.
 */
export function MembersListCard() {
  const { t } = useTranslationRef(appOrgTranslationRef);
  const { entity: group } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const [members, setMembers] = useState<Member[]>();
  const [error, setError] = useState<Error>();
  const [term, setTerm] = useState('');
  const groupRef = `group:${(group.metadata.namespace ?? 'default').toLocaleLowerCase(
    'en-US',
  )}/${group.metadata.name.toLocaleLowerCase('en-US')}`;

  useEffect(() => {
    let current = true;
    catalogApi.getEntities({ filter: { kind: 'User', 'relations.memberof': [groupRef] } }).then(
      res =>
        current && setMembers((res.items as Member[]).sort((a, b) => displayNameOf(a).localeCompare(displayNameOf(b)))),
      e => current && setError(e as Error),
    );
    return () => {
      current = false;
    };
  }, [catalogApi, groupRef]);

  const shown = useMemo(() => {
    const q = term.trim().toLocaleLowerCase();
    if (!q || !members) return members ?? [];
    return members.filter(m =>
      [m.metadata.name, m.metadata.title, m.spec?.profile?.displayName, m.spec?.profile?.email].some(v =>
        v?.toLocaleLowerCase().includes(q),
      ),
    );
  }, [members, term]);

  const groupName =
    (group.spec as { profile?: { displayName?: string } } | undefined)?.profile?.displayName ??
    group.metadata.title ??
    group.metadata.name;
  let count: string | undefined;
  if (members && term.trim()) count = t('membersCard.matching', { shown: String(shown.length), count: members.length });
  else if (members) count = t('membersCard.count', { count: members.length });
  return (
    <EntityInfoCard title={`${t('membersCard.title', { groupName })}${count ? ` (${count})` : ''}`}>
      {error && <WarningPanel severity="error" title={t('membersCard.loadFailed', { message: error.message })} />}
      {!error && !members && <Progress />}
      {members && (
        <>
          <SearchField
            aria-label={t('membersCard.searchLabel')}
            placeholder={t('membersCard.searchPlaceholder')}
            value={term}
            onChange={setTerm}
          />
          {shown.length ? (
            <ul
              style={{
                display: 'grid',
                gap: 'var(--bui-space-3)',
                gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
                listStyle: 'none',
                margin: 0,
                padding: 'var(--bui-space-3) 0 0',
              }}
            >
              {shown.map(m => (
                <li key={`${m.metadata.namespace ?? 'default'}/${m.metadata.name}`}>
                  <MemberCard member={m} />
                </li>
              ))}
            </ul>
          ) : (
            <Text as="p" style={{ paddingTop: 'var(--bui-space-3)' }}>
              {term.trim() ? t('membersCard.noSearchResult', { searchTerm: term.trim() }) : t('membersCard.noMembers')}
            </Text>
          )}
        </>
      )}
    </EntityInfoCard>
  );
}
