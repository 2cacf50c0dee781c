import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import type { NavContentComponentProps } from '@backstage/plugin-app-react';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { portalTitlesTranslationRef } from '../translations';
import { SidebarLogo } from './SidebarLogo';

function PortalSidebar({ navItems }: NavContentComponentProps) {
  const { t } = useTranslationRef(portalTitlesTranslationRef);
  const nav = navItems.withComponent(item => <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />);

  // The search page is reached through the modal instead.
  nav.take('page:search');

  return (
    <Sidebar>
      <SidebarLogo />
      <SidebarGroup label={t('sidebar.search')} icon={<SearchIcon />} to="/search">
        <SidebarSearchModal />
      </SidebarGroup>
      <SidebarDivider />
      <SidebarGroup label={t('sidebar.menu')} icon={<MenuIcon />}>
        {nav.take('page:portal-home')}
        {nav.take('page:catalog')}
        {nav.take('page:api-docs')}
        <SidebarDivider />
        <SidebarScrollWrapper>{nav.rest({ sortBy: 'title' })}</SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <SidebarGroup label={t('sidebar.settings')} icon={<UserSettingsSignInAvatar />} to="/settings">
        {nav.take('page:user-settings')}
      </SidebarGroup>
    </Sidebar>
  );
}

export const SidebarContent = NavContentBlueprint.make({
  params: { component: PortalSidebar },
});
