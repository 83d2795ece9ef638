import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionContext } from '../auth/session-context';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { ProblemMessage } from '../components/problem-message';
import { api } from '../lib/api';
import type { LoginResponse } from '../lib/api-types';
import { useDocumentTitle } from '../lib/use-document-title';
import { useMutation } from '../lib/use-mutation';

type Step = { kind: 'password' } | { kind: 'totp'; challenge: string };

/** Username + password, then a 6-digit authenticator code for privileged roles. */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useSessionContext();
  const navigate = useNavigate();
  const location = useLocation();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const codeRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('login.title'));

  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const login = useMutation((body: { username: string; password: string }) => api.post<LoginResponse>('/api/auth/login', body));
  const totp = useMutation((body: { challenge: string; code: string }) => api.post<LoginResponse>('/api/auth/totp', body));

  useEffect(() => {
    if (step.kind === 'totp') codeRef.current?.focus();
  }, [step.kind]);

  if (state.status === 'authenticated') return <Navigate to={from} replace />;

  function finish(response: LoginResponse | undefined) {
    if (!response) return;
    if (response.status === 'totp_required') {
      setStep({ kind: 'totp', challenge: response.challenge });
      return;
    }
    signIn(response.session);
    void navigate(from, { replace: true });
  }

  async function onPassword(event: FormEvent) {
    event.preventDefault();
    finish(await login.run({ username: username.trim(), password }));
  }

  async function onCode(event: FormEvent) {
    event.preventDefault();
    if (step.kind !== 'totp') return;
    finish(await totp.run({ challenge: step.challenge, code: code.replace(/\s+/g, '') }));
  }

  function restart() {
    setStep({ kind: 'password' });
    setCode('');
    setPassword('');
    totp.reset();
  }

  return (
    <div className="login-screen">
      <header className="login-top">
        <span className="brand-name">Tartip</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {step.kind === 'password' ? (
          <form onSubmit={onPassword} noValidate data-testid="login-form">
            <ProblemMessage error={login.error} />
            <FormField name="username" label={t('login.username')} required>
              {(control) => (
                <input {...control} autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} />
              )}
            </FormField>
            <FormField name="password" label={t('login.password')} required>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              )}
            </FormField>
            <button type="submit" className="button primary wide" disabled={login.isPending}>
              {login.isPending ? t('login.signingIn') : t('login.signIn')}
            </button>
          </form>
        ) : (
          <form onSubmit={onCode} noValidate data-testid="totp-form">
            <ProblemMessage error={totp.error} />
            <FormField name="code" label={t('login.code')} hint={t('login.codeHint')} required>
              {(control) => (
                <input
                  {...control}
                  ref={codeRef}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  className="code-input"
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              )}
            </FormField>
            <button type="submit" className="button primary wide" disabled={totp.isPending}>
              {t('login.verify')}
            </button>
            <button type="button" className="button link" onClick={restart}>
              {t('login.back')}
            </button>
          </form>
        )}
        <p className="muted">
          <Link to="/report">{t('login.reportLink')}</Link>
        </p>
      </main>
      <footer className="login-footer">
        <p>{t('layout.demoNote')}</p>
      </footer>
    </div>
  );
}
