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
  {
    to: '/family-safety/cases',
    permission: 'dv_cases.read',
    label: (t) => t('nav.dvCases'),
    description: (t) => t('home.card.dvCases'),
  },
  {
    to: '/family-safety/notifications',
    permission: 'dv_children.support',
    label: (t) => t('nav.dvNotifications'),
    description: (t) => t('home.card.dvNotifications'),
  },
  {
    to: '/family-safety/referrals',
    permission: 'dv_referrals.receive',
    label: (t) => t('nav.dvReferrals'),
    description: (t) => t('home.card.dvReferrals'),
  },
  {
    to: '/family-safety/meetings',
    permission: 'dv_cases.write',
    label: (t) => t('nav.dvMeetings'),
    description: (t) => t('home.card.dvMeetings'),
  },
  {
    to: '/family-safety/indicators',
    permission: 'dv_indicators.read',
    label: (t) => t('nav.dvIndicators'),
    description: (t) => t('home.card.dvIndicators'),
  },
  {
    to: '/family-safety/registry',
    permission: 'dv_registry.read',
    label: (t) => t('nav.dvRegistry'),
    description: (t) => t('home.card.dvRegistry'),
  },
  {
    to: '/payments/alerts',
    permission: 'payments.read',
    label: (t) => t('nav.payAlerts'),
    description: (t) => t('home.card.payAlerts'),
  },
  {
    to: '/payments/cases',
    permission: 'payments.read',
    label: (t) => t('nav.payCases'),
    description: (t) => t('home.card.payCases'),
  },
  {
    to: '/payments/rules',
    permission: 'payments.read',
    label: (t) => t('nav.payRules'),
    description: (t) => t('home.card.payRules'),
  },
  {
    to: '/payments/watchlist',
    permission: 'payments.read',
    label: (t) => t('nav.payWatchlist'),
    description: (t) => t('home.card.payWatchlist'),
  },
  {
    to: '/online-markets/queue',
    permission: 'om.read',
    label: (t) => t('nav.omQueue'),
    description: (t) => t('home.card.omQueue'),
  },
  {
    to: '/online-markets/feed',
    permission: 'om.feed_history',
    label: (t) => t('nav.omFeed'),
    description: (t) => t('home.card.omFeed'),
  },
  {
    to: '/online-markets/dashboard',
    permission: 'om.dashboard',
    label: (t) => t('nav.omDashboard'),
    description: (t) => t('home.card.omDashboard'),
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
