import type { TFunction } from 'i18next';

export type NavItem = {
  to: string;
  /** The permission that shows the entry; the route guard checks the same one. */
  permission: string | null;
  label(t: TFunction): string;
  /** The short text on a home-page card. */
  description(t: TFunction): string;
};

// Later modules add one entry here and one <Route> in app.tsx.
export const NAV_ITEMS: NavItem[] = [
  {
    to: '/settlements',
    permission: 'settlements.read',
    label: (t) => t('nav.settlements'),
    description: (t) => t('home.card.settlements'),
  },
  { to: '/users', permission: 'users.read', label: (t) => t('nav.users'), description: (t) => t('home.card.users') },
  {
    to: '/tokens',
    permission: 'tokens.manage',
    label: (t) => t('nav.tokens'),
    description: (t) => t('home.card.tokens'),
  },
  { to: '/audit', permission: 'audit.read', label: (t) => t('nav.audit'), description: (t) => t('home.card.audit') },
  { to: '/jobs', permission: 'jobs.read', label: (t) => t('nav.jobs'), description: (t) => t('home.card.jobs') },
];
