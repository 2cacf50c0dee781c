import { createTranslationRef } from '@backstage/frontend-plugin-api';

export const homeTranslationRef = createTranslationRef({
  id: 'plugin.portal-home',
  messages: {
    nav: { title: 'Home' },
    page: {
      greeting: 'Welcome, {{name}}',
      subtitle: 'Your teams, your open items and what the platform team wants you to know',
    },
    myTeams: {
      title: "My teams' services",
      noTeams: 'You are not a member of any team in the catalog.',
      service: 'Service',
      health: 'Health',
      replicas: 'Replicas',
      problems: 'Problems',
      incidents: 'Open incidents',
      team: 'Team: {{team}}',
      loadFailed: 'Could not load {{team}}: {{error}}',
    },
    openItems: {
      title: 'My open items',
      empty: 'Nothing needs you right now.',
      incident: 'Incident #{{number}} on {{service}}',
    },
    actionItems: {
      title: 'My open action items',
      empty: 'No open postmortem action items for you or your teams.',
      due: 'due {{date}}',
      noDue: 'no due date',
      overdue: 'Overdue',
      failed: 'Could not load your action items: {{error}}',
      all: 'All postmortems',
    },
    announcements: {
      title: 'Platform team announcements',
      empty: 'No announcements.',
    },
  },
  translations: {
    ja: () => import('./locales/ja'),
  },
});
