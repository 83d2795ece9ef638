import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/form-field';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { KNOWN_ROLES, roleName } from '../../i18n/messages';
import { useLanguage } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { User } from '../../lib/api-types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { useOrganisations, useRegions } from '../../lib/use-reference';

const FIELD_PATHS = ['username', 'displayName', 'password', 'role', 'organisationCode', 'regionCode'];

/** Creates an account (users.write). */
export function UserCreatePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { regions, regionName } = useRegions();
  const organisations = useOrganisations();
  const [draft, setDraft] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'regional_coordinator',
    organisationCode: '',
    regionCode: '',
  });
  useDocumentTitle(t('user.create'));
  const save = useMutation((body: unknown) => api.post<User>('/api/users', body));
  const fieldErrors = useFieldErrors(save.error);

  const set = (name: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const created = await save.run({
      ...draft,
      username: draft.username.trim(),
      displayName: draft.displayName.trim(),
      regionCode: draft.regionCode || null,
    });
    if (created) void navigate(`/users/${encodeURIComponent(created.id)}`);
  }

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/users">{t('nav.users')}</Link>
      </nav>
      <h1>{t('user.create')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="user-form">
        <ProblemMessage error={save.error} shownPaths={FIELD_PATHS} />
        <div className="form-row">
          <FormField name="username" label={t('user.field.username')} error={fieldErrors.username} required>
            {(control) => <input {...control} autoComplete="off" value={draft.username} onChange={set('username')} />}
          </FormField>
          <FormField name="displayName" label={t('user.field.displayName')} error={fieldErrors.displayName} required>
            {(control) => <input {...control} value={draft.displayName} onChange={set('displayName')} />}
          </FormField>
        </div>
        <FormField name="password" label={t('user.field.password')} hint={t('user.passwordHint')} error={fieldErrors.password} required>
          {(control) => (
            <input {...control} type="password" autoComplete="new-password" value={draft.password} onChange={set('password')} />
          )}
        </FormField>
        <div className="form-row">
          <FormField name="role" label={t('user.field.role')} error={fieldErrors.role} required>
            {(control) => (
              <select {...control} value={draft.role} onChange={set('role')}>
                {KNOWN_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleName(t, role)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="organisationCode" label={t('user.field.organisation')} error={fieldErrors.organisationCode} required>
            {(control) => (
              <select {...control} value={draft.organisationCode} onChange={set('organisationCode')}>
                <option value="">{t('common.choose')}</option>
                {organisations.map((organisation) => (
                  <option key={organisation.code} value={organisation.code}>
                    {localized(organisation.name, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="regionCode" label={t('user.field.region')} error={fieldErrors.regionCode}>
            {(control) => (
              <select {...control} value={draft.regionCode} onChange={set('regionCode')}>
                <option value="">{t('layout.nationalScope')}</option>
                {regions.map((region) => (
                  <option key={region.code} value={region.code}>
                    {regionName(region.code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
          <Link className="button" to="/users">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
