import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { FormField } from '../../components/form-field';
import { api } from '../../lib/api';
import { DV_PROVIDER_KINDS, type DvProvider } from '../../lib/api-types';
import { useMutation } from '../../lib/use-mutation';
import { useRegions } from '../../lib/use-reference';
import { DvFormProblem, useDvFieldErrors } from './dv-form';
import { providerKindName, providerStatusName } from './dv-labels';

type Draft = {
  code: string;
  kind: string;
  regionCode: string;
  name: string;
  address: string;
  phone: string;
  services: string;
  capacity: string;
  status: string;
  opensOn: string;
};

const toDraft = (p: DvProvider | null, regionCode: string): Draft => ({
  code: p?.code ?? '',
  kind: p?.kind ?? 'fsc',
  regionCode: p?.regionCode ?? regionCode,
  name: p?.name ?? '',
  address: p?.address ?? '',
  phone: p?.phone ?? '',
  services: p?.services.join(', ') ?? '',
  capacity: String(p?.capacity ?? 0),
  status: p?.status ?? 'open',
  opensOn: p?.opensOn ?? '',
});

/** Adds a provider to the registry, or edits one (with its version: a stale one gets the conflict message). */
export function ProviderForm({ provider, onSaved, onCancel }: { provider: DvProvider | null; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { regions, regionName } = useRegions();
  const ownRegion = session.user.region?.code ?? '';
  const [draft, setDraft] = useState(() => toDraft(provider, ownRegion));
  const save = useMutation((body: unknown) =>
    provider
      ? api.patch<DvProvider>(`/api/family-safety/providers/${provider.id}`, body)
      : api.post<DvProvider>('/api/family-safety/providers', body),
  );
  const errors = useDvFieldErrors(save.error);
  const set = (name: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value }));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const common = {
      name: draft.name.trim(),
      address: draft.address.trim(),
      phone: draft.phone.trim(),
      services: draft.services
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      capacity: Number(draft.capacity),
      status: draft.status,
      opensOn: draft.opensOn || null,
    };
    const body = provider
      ? { version: provider.version, ...common }
      : { code: draft.code.trim(), kind: draft.kind, regionCode: draft.regionCode, ...common };
    if (await save.run(body)) onSaved();
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-provider-form">
      <h2>{provider ? t('dv.registry.edit', { name: provider.name }) : t('dv.registry.add')}</h2>
      <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onCancel} />
      {!provider && (
        <div className="form-row">
          <FormField name="provider-code" label={t('dv.field.code')} error={errors.code} required hint={t('dv.registry.codeHint')}>
            {(control) => <input {...control} value={draft.code} onChange={set('code')} />}
          </FormField>
          <FormField name="provider-kind" label={t('dv.field.kind')} error={errors.kind} required>
            {(control) => (
              <select {...control} value={draft.kind} onChange={set('kind')}>
                {DV_PROVIDER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {providerKindName(t, kind)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="provider-region" label={t('dv.field.region')} error={errors.regionCode} required>
            {(control) => (
              <select {...control} value={draft.regionCode} onChange={set('regionCode')}>
                <option value="">—</option>
                {regions
                  .filter((region) => !ownRegion || region.code === ownRegion)
                  .map((region) => (
                    <option key={region.code} value={region.code}>
                      {regionName(region.code)}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
        </div>
      )}
      <FormField name="provider-name" label={t('dv.field.name')} error={errors.name} required>
        {(control) => <input {...control} value={draft.name} onChange={set('name')} />}
      </FormField>
      <div className="form-row">
        <FormField name="provider-address" label={t('dv.field.address')} error={errors.address} required>
          {(control) => <input {...control} value={draft.address} onChange={set('address')} />}
        </FormField>
        <FormField name="provider-phone" label={t('dv.field.phone')} error={errors.phone} required>
          {(control) => <input {...control} value={draft.phone} onChange={set('phone')} />}
        </FormField>
      </div>
      <div className="form-row">
        <FormField name="provider-services" label={t('dv.field.services')} error={errors.services} hint={t('dv.registry.servicesHint')}>
          {(control) => <input {...control} value={draft.services} onChange={set('services')} />}
        </FormField>
        <FormField name="provider-capacity" label={t('dv.field.capacity')} error={errors.capacity} required>
          {(control) => <input {...control} type="number" min={0} value={draft.capacity} onChange={set('capacity')} />}
        </FormField>
        <FormField name="provider-status" label={t('dv.field.status')} error={errors.status} required>
          {(control) => (
            <select {...control} value={draft.status} onChange={set('status')}>
              {(['open', 'planned', 'closed'] as const).map((status) => (
                <option key={status} value={status}>
                  {providerStatusName(t, status)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="provider-opensOn" label={t('dv.registry.opensOn')} error={errors.opensOn}>
          {(control) => <input {...control} type="date" value={draft.opensOn} onChange={set('opensOn')} />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
