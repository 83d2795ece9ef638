import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { FormField } from '../../components/form-field';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { permissionName } from '../../i18n/messages';
import { useLanguage } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { CreatedToken } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useMutation } from '../../lib/use-mutation';
import { useOrganisations, useRegions } from '../../lib/use-reference';

const FIELD_PATHS = ['name', 'organisationCode', 'permissions', 'regionCode', 'expiresInDays'];

type TokenCreateFormProps = { onCreated(result: CreatedToken): void; onCancel(): void };

/** The new-token form: the creator's permissions that the registry allows on a machine client. */
export function TokenCreateForm({ onCreated, onCancel }: TokenCreateFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const organisations = useOrganisations();
  const { regions, regionName } = useRegions();
  const [name, setName] = useState('');
  const [organisationCode, setOrganisationCode] = useState(session.user.organisation.code);
  const [permissions, setPermissions] = useState<string[]>([]);
  const [regionCode, setRegionCode] = useState(session.user.region?.code ?? '');
  const [expiresInDays, setExpiresInDays] = useState('90');
  const save = useMutation((body: unknown) => api.post<CreatedToken>('/api/tokens', body));
  const fieldErrors = useFieldErrors(save.error);
  const registry = useApiQuery<{ permissions: { name: string; tokenGrantable: boolean }[] }>('/api/permissions', {
    redirectOnForbidden: false,
  });
  const grantable = new Set(registry.data?.permissions.filter((p) => p.tokenGrantable).map((p) => p.name) ?? []);
  const offered = session.permissions.filter((permission) => grantable.has(permission));

  function toggle(permission: string, isChecked: boolean) {
    setPermissions((current) => (isChecked ? [...current, permission] : current.filter((item) => item !== permission)));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run({
      name: name.trim(),
      organisationCode,
      permissions,
      regionCode: regionCode || null,
      ...(expiresInDays.trim() ? { expiresInDays: Number(expiresInDays) } : {}),
    });
    if (result) onCreated(result);
  }

  return (
    <form className="form panel" onSubmit={onSubmit} noValidate aria-labelledby="token-form-title" data-testid="token-form">
      <h2 id="token-form-title">{t('token.create')}</h2>
      <ProblemMessage error={save.error} shownPaths={FIELD_PATHS} />
      <div className="form-row">
        <FormField name="name" label={t('token.field.name')} error={fieldErrors.name} required>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField name="expiresInDays" label={t('token.field.expiresInDays')} error={fieldErrors.expiresInDays}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              inputMode="numeric"
              value={expiresInDays}
              onChange={(event) => setExpiresInDays(event.target.value)}
            />
          )}
        </FormField>
      </div>
      <div className="form-row">
        <FormField name="organisationCode" label={t('token.field.organisation')} error={fieldErrors.organisationCode} required>
          {(control) => (
            <select {...control} value={organisationCode} onChange={(event) => setOrganisationCode(event.target.value)}>
              {organisations.length === 0 && <option value={organisationCode}>{organisationCode}</option>}
              {organisations.map((organisation) => (
                <option key={organisation.code} value={organisation.code}>
                  {localized(organisation.name, language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="regionCode" label={t('token.field.region')} error={fieldErrors.regionCode}>
          {(control) => (
            <select {...control} value={regionCode} onChange={(event) => setRegionCode(event.target.value)}>
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
      <fieldset className={`checkbox-group${fieldErrors.permissions ? ' has-error' : ''}`}>
        <legend>{t('token.field.permissions')}</legend>
        {offered.map((permission) => (
          <label key={permission} className="checkbox">
            <input
              type="checkbox"
              name="permissions"
              value={permission}
              checked={permissions.includes(permission)}
              onChange={(event) => toggle(permission, event.target.checked)}
            />
            {permissionName(t, permission)} <code>{permission}</code>
          </label>
        ))}
        {fieldErrors.permissions && <p className="field-error">{fieldErrors.permissions}</p>}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('token.createSubmit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
