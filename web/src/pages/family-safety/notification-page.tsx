import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { DvChildNotification } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { NotFoundPage } from '../not-found-page';
import { dvFieldIssueText, entryKindName, notificationStatusName } from './dv-labels';

const KINDS = ['observation', 'support_plan', 'follow_up', 'outcome', 'help_request'] as const;

/** One pupil's notification: the fixed message and the school's support record. */
export function NotificationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { data, error, reload } = useApiQuery<DvChildNotification>(`/api/family-safety/child-notifications/${encodeURIComponent(id)}`);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('observation');
  const [text, setText] = useState('');
  const [helpTarget, setHelpTarget] = useState('fsc');
  const record = useMutation((body: unknown) =>
    api.post<DvChildNotification>(`/api/family-safety/child-notifications/${encodeURIComponent(id)}/entries`, body),
  );
  useDocumentTitle(t('nav.dvNotifications'));
  if (error?.code === 'not_found') return <NotFoundPage />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = { kind, text: text.trim() };
    if (kind === 'help_request') body.helpTarget = helpTarget;
    if (await record.run(body)) {
      setText('');
      reload();
    }
  }
  const textError = record.error?.errors.find((issue) => issue.path === 'text');

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/notifications">{t('nav.dvNotifications')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {data && (
        <>
          <header className="page-header">
            <h1>
              {data.child.lastName} {data.child.firstName}
            </h1>
            <p className="muted">
              {data.school.name} · {data.child.schoolClass ?? ''} · {notificationStatusName(t, data.status)}
            </p>
          </header>
          <p className="banner warning" role="note" data-testid="no-parents-note">
            {t('dv.notifications.noParents')}
          </p>
          <blockquote className="dv-message">{localized(data.message, language)}</blockquote>
          <p className="muted">{t('dv.children.visibleFrom', { at: format.dateTime(data.visibleFrom) })}</p>
          <section className="dv-section">
            <h2>{t('dv.notifications.record')}</h2>
            {data.entries.length === 0 && <p className="muted">{t('common.none')}</p>}
            <ul className="dv-list" data-testid="dv-entries">
              {data.entries.map((entry) => (
                <li key={entry.id} data-kind={entry.kind}>
                  <strong>{entryKindName(t, entry.kind)}</strong> · {format.dateTime(entry.createdAt)}
                  <p className="notes">{entry.text}</p>
                </li>
              ))}
            </ul>
          </section>
          {data.abilities.canRecord && (
            <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-entry-form">
              <ProblemMessage error={record.error} shownPaths={['text']} />
              <div className="form-row">
                <div className="form-field">
                  <label htmlFor="dv-entry-kind">{t('dv.notifications.kind')}</label>
                  <select id="dv-entry-kind" value={kind} onChange={(event) => setKind(event.target.value as (typeof KINDS)[number])}>
                    {KINDS.map((value) => (
                      <option key={value} value={value}>
                        {entryKindName(t, value)}
                      </option>
                    ))}
                  </select>
                </div>
                {kind === 'help_request' && (
                  <div className="form-field">
                    <label htmlFor="dv-help-target">{t('dv.notifications.helpTarget')}</label>
                    <select id="dv-help-target" value={helpTarget} onChange={(event) => setHelpTarget(event.target.value)}>
                      <option value="fsc">{t('dv.providerKind.fsc')}</option>
                      <option value="health">{t('dv.providerKind.health')}</option>
                    </select>
                  </div>
                )}
              </div>
              <div className={`form-field${textError ? ' has-error' : ''}`}>
                <label htmlFor="dv-entry-text">{t('dv.notifications.text')}</label>
                <textarea id="dv-entry-text" rows={4} value={text} onChange={(event) => setText(event.target.value)} />
                {textError && <p className="field-error">{dvFieldIssueText(t, textError)}</p>}
              </div>
              <div className="form-actions">
                <button type="submit" className="button primary" disabled={record.isPending}>
                  {kind === 'help_request' ? t('dv.notifications.requestHelp') : t('common.save')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </div>
  );
}
