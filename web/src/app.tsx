import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequirePermission, RequireSession } from './auth/guards';
import { SessionProvider } from './auth/session-context';
import { Layout } from './components/layout';
import { AuditPage } from './pages/audit/audit-page';
import { CaseIntakePage } from './pages/family-safety/case-intake-page';
import { CasePage } from './pages/family-safety/case-page';
import { CasesListPage } from './pages/family-safety/cases-list-page';
import { IndicatorsPage } from './pages/family-safety/indicators-page';
import { MeetingNewPage } from './pages/family-safety/meeting-new-page';
import { MeetingPage } from './pages/family-safety/meeting-page';
import { MeetingsListPage } from './pages/family-safety/meetings-list-page';
import { NotificationPage } from './pages/family-safety/notification-page';
import { NotificationsListPage } from './pages/family-safety/notifications-list-page';
import { ReferralPage } from './pages/family-safety/referral-page';
import { ReferralsListPage } from './pages/family-safety/referrals-list-page';
import { RegistryPage } from './pages/family-safety/registry-page';
import { ForbiddenPage } from './pages/forbidden-page';
import { HomePage } from './pages/home-page';
import { JobsPage } from './pages/jobs/jobs-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { OmDashboardPage } from './pages/online-markets/om-dashboard-page';
import { OmFeedPage } from './pages/online-markets/om-feed-page';
import { OmQueuePage } from './pages/online-markets/om-queue-page';
import { OmReportPage } from './pages/online-markets/om-report-page';
import { OmResourcePage } from './pages/online-markets/om-resource-page';
import { OmShopPage } from './pages/online-markets/om-shop-page';
import { AccountPage } from './pages/payments/account-page';
import { AlertPage } from './pages/payments/alert-page';
import { AlertsPage } from './pages/payments/alerts-page';
import { PayCasePage } from './pages/payments/case-page';
import { PayCasesListPage } from './pages/payments/cases-list-page';
import { RulesPage } from './pages/payments/rules-page';
import { WatchlistPage } from './pages/payments/watchlist-page';
import { SettlementFormPage } from './pages/settlements/settlement-form-page';
import { SettlementPage } from './pages/settlements/settlement-page';
import { SettlementsListPage } from './pages/settlements/settlements-list-page';
import { TokensPage } from './pages/tokens/tokens-page';
import { UserCreatePage } from './pages/users/user-create-page';
import { UserPage } from './pages/users/user-page';
import { UsersListPage } from './pages/users/users-list-page';

const guard = (permission: string, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

/** Routes of the web app; each module route names the permission the API will also check. */
export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/report" element={<OmReportPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="settlements" element={guard('settlements.read', <SettlementsListPage />)} />
            <Route path="settlements/new" element={guard('settlements.write', <SettlementFormPage />)} />
            <Route path="settlements/:id" element={guard('settlements.read', <SettlementPage />)} />
            <Route path="settlements/:id/edit" element={guard('settlements.write', <SettlementFormPage />)} />
            <Route path="family-safety/cases" element={guard('dv_cases.read', <CasesListPage />)} />
            <Route path="family-safety/cases/new" element={guard('dv_cases.write', <CaseIntakePage />)} />
            <Route path="family-safety/cases/:id" element={guard('dv_cases.read', <CasePage />)} />
            <Route path="family-safety/notifications" element={guard('dv_children.notify_read', <NotificationsListPage />)} />
            <Route path="family-safety/notifications/:id" element={guard('dv_children.notify_read', <NotificationPage />)} />
            <Route path="family-safety/referrals" element={guard('dv_referrals.read', <ReferralsListPage />)} />
            <Route path="family-safety/referrals/:id" element={guard('dv_referrals.read', <ReferralPage />)} />
            <Route path="family-safety/meetings" element={guard('dv_cases.read', <MeetingsListPage />)} />
            <Route path="family-safety/meetings/new" element={guard('dv_cases.write', <MeetingNewPage />)} />
            <Route path="family-safety/meetings/:id" element={guard('dv_cases.read', <MeetingPage />)} />
            <Route path="family-safety/indicators" element={guard('dv_indicators.read', <IndicatorsPage />)} />
            <Route path="family-safety/registry" element={guard('dv_registry.read', <RegistryPage />)} />
            <Route path="payments/alerts" element={guard('payments.read', <AlertsPage />)} />
            <Route path="payments/alerts/:id" element={guard('payments.read', <AlertPage />)} />
            <Route path="payments/accounts/:key" element={guard('payments.read', <AccountPage />)} />
            <Route path="payments/cases" element={guard('payments.read', <PayCasesListPage />)} />
            <Route path="payments/cases/:id" element={guard('payments.read', <PayCasePage />)} />
            <Route path="payments/rules" element={guard('payments.read', <RulesPage />)} />
            <Route path="payments/watchlist" element={guard('payments.read', <WatchlistPage />)} />
            <Route path="online-markets/queue" element={guard('om.read', <OmQueuePage />)} />
            <Route path="online-markets/resources/:id" element={guard('om.read', <OmResourcePage />)} />
            <Route path="online-markets/shops/:id" element={guard('om.read', <OmShopPage />)} />
            <Route path="online-markets/feed" element={guard('om.feed_history', <OmFeedPage />)} />
            <Route path="online-markets/dashboard" element={guard('om.dashboard', <OmDashboardPage />)} />
            <Route path="users" element={guard('users.read', <UsersListPage />)} />
            <Route path="users/new" element={guard('users.write', <UserCreatePage />)} />
            <Route path="users/:id" element={guard('users.read', <UserPage />)} />
            <Route path="tokens" element={guard('tokens.manage', <TokensPage />)} />
            <Route path="audit" element={guard('audit.read', <AuditPage />)} />
            <Route path="jobs" element={guard('jobs.read', <JobsPage />)} />
            <Route path="forbidden" element={<ForbiddenPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
