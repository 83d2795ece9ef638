import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from '../lib/api';
import type { Session } from '../lib/api-types';
import { applyUserLocale } from '../i18n/i18n';

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'authenticated'; session: Session };

type SessionContextValue = {
  state: SessionState;
  /** Called by the login page once the server answers `status: "ok"`. */
  signIn(session: Session): void;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

/** Loads the current session once and keeps it for the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    applyUserLocale(session.user.locale);
    setState({ status: 'authenticated', session });
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout');
    } finally {
      forget();
    }
  }, [forget]);

  useEffect(() => {
    setUnauthenticatedHandler(forget);
    const controller = new AbortController();
    api
      .get<Session>('/api/auth/session', controller.signal)
      .then(signIn)
      .catch((error: unknown) => {
        if (isApiError(error)) forget();
      });
    return () => {
      controller.abort();
      setUnauthenticatedHandler(null);
    };
  }, [forget, signIn]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session machinery (state, signIn, signOut). */
export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext outside SessionProvider');
  return value;
}

/** The signed-in session; only for components rendered behind RequireSession. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'authenticated') throw new Error('useSession without a session');
  return state.session;
}

/** Whether the signed-in user holds a `resource.action` permission. */
export function useCan(): (permission: string) => boolean {
  const session = useSession();
  return useCallback((permission: string) => session.permissions.includes(permission), [session]);
}
