import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { FormField } from '../../components/form-field';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { statusName } from '../../i18n/messages';
import { api } from '../../lib/api';
import { SETTLEMENT_STATUSES, type Settlement } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';

type Draft = Record<'name' | 'regionCode' | 'district' | 'status' | 'population' | 'activists' | 'joinedOn' | 'notes', string>;
const FIELD_PATHS = ['name', 'regionCode', 'district', 'status', 'population', 'activists', 'joinedOn', 'notes', 'version'];

function toDraft(record: Settlement | undefined, regionCode: string): Draft {
  return {
    name: record?.name ?? '',
    regionCode: record?.regionCode ?? regionCode,
    district: record?.district ?? '',
    status: record?.status ?? 'candidate',
    population: record ? String(record.population) : '',
    activists: record ? String(record.activists) : '',
    joinedOn: record?.joinedOn?.slice(0, 10) ?? '',
    notes: record?.notes ?? '',
  };
}

// Empty numbers go to the server as null so its validation, not the browser's, explains the problem.
function toBody(draft: Draft): Record<string, unknown> {
  const number = (value: string) => (value.trim() === '' ? null : Number(value));
  return {
    name: draft.name.trim(),
    regionCode: draft.regionCode,
    district: draft.district.trim(),
    status: draft.status,
    population: number(draft.population),
    activists: number(draft.activists),
    joinedOn: draft.joinedOn,
    notes: draft.notes,
  };
}

/** Create (`/settlements/new`) or edit (`/settlements/:id/edit`) a settlement. */
export function SettlementFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data, error, reload } = useApiQuery<Settlement>(id ? `/api/settlements/${encodeURIComponent(id)}` : null);
  useDocumentTitle(id ? t('settlement.editTitle') : t('settlement.create'));

  if (error?.code === 'not_found') return <NotFoundPage />;
  if (id && !data) return error ? <ProblemMessage error={error} /> : <p role="status">{t('common.loading')}</p>;
  // Keyed by version, so loading the latest version after a conflict starts the form afresh.
  return <SettlementForm key={data?.version ?? 'new'} record={data} onReload={reload} />;
}

function SettlementForm({ record, onReload }: { record: Settlement | undefined; onReload(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const { regions, regionName } = useRegions();
  const ownRegion = session.user.region?.code;
  const [draft, setDraft] = useState(() => toDraft(record, ownRegion ?? ''));
  const save = useMutation(async (body: Record<string, unknown>) =>
    record
      ? api.patch<Settlement>(`/api/settlements/${encodeURIComponent(record.id)}`, body)
      : api.post<Settlement>('/api/settlements', body),
  );
  const fieldErrors = useFieldErrors(save.error);
  const isConflict = save.error?.code === 'conflict';

  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = toBody(draft);
    let payload = body;
    if (record) {
      // PATCH sends only what changed, with the version it was based on.
      const before = toBody(toDraft(record, ''));
      const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => value !== before[key]));
      payload = { version: record.version, ...changes };
    }
    const saved = await save.run(payload);
    if (saved) void navigate(`/settlements/${encodeURIComponent(saved.id)}`);
  }

  const regionOptions = regions
    .filter((region) => !ownRegion || region.code === ownRegion)
    .sort((a, b) => regionName(a.code).localeCompare(regionName(b.code)));

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/settlements">{t('nav.settlements')}</Link>
        {record && (
          <>
            {' / '}
            <Link to={`/settlements/${encodeURIComponent(record.id)}`}>{record.name}</Link>
          </>
        )}
      </nav>
      <h1>{record ? t('settlement.editTitle') : t('settlement.create')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="settlement-form">
        {isConflict ? (
          <div className="problem" role="alert" data-code="conflict">
            <p className="problem-title">{t('settlement.conflict')}</p>
            <button type="button" className="button" onClick={onReload}>
              {t('settlement.loadLatest')}
            </button>
          </div>
        ) : (
          <ProblemMessage error={save.error} shownPaths={FIELD_PATHS} />
        )}
        <FormField name="name" label={t('settlement.field.name')} error={fieldErrors.name} required>
          {(control) => <input {...control} value={draft.name} onChange={set('name')} />}
        </FormField>
        <div className="form-row">
          <FormField name="regionCode" label={t('settlement.field.region')} error={fieldErrors.regionCode} required>
            {(control) => (
              <select {...control} value={draft.regionCode} onChange={set('regionCode')}>
                <option value="">{t('common.choose')}</option>
                {regionOptions.map((region) => (
                  <option key={region.code} value={region.code}>
                    {regionName(region.code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="district" label={t('settlement.field.district')} error={fieldErrors.district} required>
            {(control) => <input {...control} value={draft.district} onChange={set('district')} />}
          </FormField>
        </div>
        <div className="form-row">
          <FormField name="status" label={t('settlement.field.status')} error={fieldErrors.status} required>
            {(control) => (
              <select {...control} value={draft.status} onChange={set('status')}>
                {SETTLEMENT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {statusName(t, status)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="joinedOn" label={t('settlement.field.joinedOn')} error={fieldErrors.joinedOn} required>
            {(control) => <input {...control} type="date" value={draft.joinedOn} onChange={set('joinedOn')} />}
          </FormField>
        </div>
        <div className="form-row">
          <FormField name="population" label={t('settlement.field.population')} error={fieldErrors.population} required>
            {(control) => (
              <input {...control} type="number" min={0} inputMode="numeric" value={draft.population} onChange={set('population')} />
            )}
          </FormField>
          <FormField name="activists" label={t('settlement.field.activists')} error={fieldErrors.activists} required>
            {(control) => (
              <input {...control} type="number" min={0} inputMode="numeric" value={draft.activists} onChange={set('activists')} />
            )}
          </FormField>
        </div>
        <FormField name="notes" label={t('settlement.field.notes')} error={fieldErrors.notes}>
          {(control) => <textarea {...control} rows={4} value={draft.notes} onChange={set('notes')} />}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
          <Link className="button" to={record ? `/settlements/${encodeURIComponent(record.id)}` : '/settlements'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
