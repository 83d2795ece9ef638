import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession, useSessionContext } from '../auth/session-context';
import { localized } from '../i18n/i18n';
import { roleName } from '../i18n/messages';
import { useLanguage } from '../i18n/use-language';
import { LanguageSwitch } from './language-switch';
import { NAV_ITEMS } from './navigation';

/** The signed-in frame: skip link, header, permission-filtered navigation, main landmark, footer. */
export function Layout() {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const can = useCan();
  const { signOut } = useSessionContext();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  const { user } = session;
  const items = NAV_ITEMS.filter((item) => item.permission === null || can(item.permission));

  async function onLogout() {
    await signOut();
    void navigate('/login', { replace: true });
  }

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <NavLink to="/" className="brand-link">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Tartip</span>
          </NavLink>
          <span className="brand-tagline">{t('layout.tagline')}</span>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          <div className="user-box" data-testid="user-box">
            <span className="user-name">{user.displayName}</span>
            <span className="user-meta">
              {roleName(t, user.role)} · {localized(user.organisation.name, language)}
              {' · '}
              {user.region ? localized(user.region.name, language) : t('layout.nationalScope')}
            </span>
          </div>
          <button type="button" className="button ghost" onClick={onLogout} data-testid="logout">
            {t('layout.logout')}
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav className="side-nav" aria-label={t('layout.navigation')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label(t)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
      <footer className="app-footer">
        <p>
          <strong>{t('layout.demoNote')}</strong> {t('layout.footer')}
        </p>
      </footer>
    </div>
  );
}
