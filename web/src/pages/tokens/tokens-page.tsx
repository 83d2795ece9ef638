import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { permissionName } from '../../i18n/messages';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { ApiToken, CreatedToken, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { useRegions } from '../../lib/use-reference';
import { CreatedTokenNotice } from './created-token-notice';
import { TokenCreateForm } from './token-create-form';

/** Machine-client API tokens: create (shown once), list, revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { regionName } = useRegions();
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken>();
  const [confirmingId, setConfirmingId] = useState<string>();
  useDocumentTitle(t('nav.tokens'));
  const { data, error, isLoading, reload } = useApiQuery<Page<ApiToken>>('/api/tokens');
  const revoke = useMutation((id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`));

  async function onRevoke(id: string) {
    await revoke.run(id);
    setConfirmingId(undefined);
    reload();
  }

  function onCreated(result: CreatedToken) {
    setCreated(result);
    setIsCreating(false);
    reload();
  }

  const organisationName = (token: ApiToken) =>
    typeof token.organisation === 'string' ? token.organisation : localized(token.organisation.name, language);

  const columns: Column<ApiToken>[] = [
    { key: 'name', header: t('token.field.name'), render: (row) => row.name },
    { key: 'organisation', header: t('token.field.organisation'), render: organisationName },
    {
      key: 'permissions',
      header: t('token.field.permissions'),
      render: (row) => (
        <ul className="tag-list">
          {row.permissions.map((permission) => (
            <li key={permission} title={permission}>
              {permissionName(t, permission)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'region',
      header: t('token.field.region'),
      render: (row) => (row.regionCode ? regionName(row.regionCode) : t('layout.nationalScope')),
    },
    { key: 'createdAt', header: t('common.createdAt'), render: (row) => format.date(row.createdAt) },
    { key: 'lastUsedAt', header: t('token.field.lastUsedAt'), render: (row) => format.dateTime(row.lastUsedAt) },
    { key: 'expiresAt', header: t('token.field.expiresAt'), render: (row) => format.date(row.expiresAt) },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (row) =>
        row.revokedAt ? (
          <span className="badge muted">{t('token.revokedOn', { date: format.date(row.revokedAt) })}</span>
        ) : confirmingId === row.id ? (
          <span className="inline-confirm" role="group" aria-label={t('token.confirmRevoke', { name: row.name })}>
            <button type="button" className="button danger small" onClick={() => onRevoke(row.id)} disabled={revoke.isPending}>
              {t('token.confirmRevokeYes')}
            </button>
            <button type="button" className="button small" onClick={() => setConfirmingId(undefined)}>
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button small"
            onClick={() => setConfirmingId(row.id)}
            aria-label={t('token.revokeNamed', { name: row.name })}
          >
            {t('token.revoke')}
          </button>
        ),
    },
  ];

  return (
    <div className="page">
      <header className="page-header with-actions">
        <div>
          <h1>{t('nav.tokens')}</h1>
          <p className="muted">{t('token.intro')}</p>
        </div>
        {!isCreating && (
          <button type="button" className="button primary" onClick={() => setIsCreating(true)}>
            {t('token.create')}
          </button>
        )}
      </header>
      {created && <CreatedTokenNotice created={created} onDismiss={() => setCreated(undefined)} />}
      {isCreating && <TokenCreateForm onCreated={onCreated} onCancel={() => setIsCreating(false)} />}
      <ProblemMessage error={error ?? revoke.error} />
      <DataTable caption={t('nav.tokens')} columns={columns} rows={data?.items} rowKey={(row) => row.id} isLoading={isLoading} />
    </div>
  );
}
