import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSessionContext } from './session-context';

/** Renders children only with a session; otherwise sends the person to /login and back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSessionContext();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <p className="page-loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

/** Route guard: without the permission the person lands on the permission-denied page. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const can = useCan();
  const location = useLocation();
  if (!can(permission)) return <Navigate to="/forbidden" replace state={{ from: location.pathname }} />;
  return children;
}
