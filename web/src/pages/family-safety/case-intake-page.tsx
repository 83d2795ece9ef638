import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { FormField } from '../../components/form-field';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { api, withQuery } from '../../lib/api';
import {
  DV_PERSON_ROLES,
  type DvCaseDetail,
  type DvSchool,
  type DvSearchResult,
  type LegalReference,
  type Page,
} from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { IncidentFields } from './incident-fields';
import { dvFieldIssueText, personRoleName } from './dv-labels';

type PersonDraft = {
  role: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  age: string;
  phone: string;
  address: string;
  wasPresent: boolean;
  schoolId: string;
  schoolClass: string;
  personId: string;
};

const emptyPerson = (role: string): PersonDraft => ({
  role,
  lastName: '',
  firstName: '',
  patronymic: '',
  birthDate: '',
  age: '',
  phone: '',
  address: '',
  wasPresent: role === 'child',
  schoolId: '',
  schoolClass: '',
  personId: '',
});

type Draft = { source: string; occurredAt: string; address: string; narrative: string; legalCode: string; firstActions: string };

function personBody(person: PersonDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { role: person.role, wasPresent: person.wasPresent };
  if (person.personId) body.personId = person.personId;
  for (const key of ['lastName', 'firstName', 'patronymic', 'birthDate', 'phone', 'address', 'schoolId', 'schoolClass'] as const) {
    if (person[key].trim()) body[key] = person[key].trim();
  }
  if (person.age.trim()) body.age = Number(person.age);
  return body;
}

// datetime-local has no offset: the browser's own offset turns it into an instant.
const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');

/** Intake of a new case: search for existing persons and cases first, then create once (idempotent). */
export function CaseIntakePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  useDocumentTitle(t('dv.intake.title'));
  const regionCode = session.user.region?.code ?? '';
  // One key per opened form: a second click or a retry after a lost answer returns the same case.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [draft, setDraft] = useState<Draft>({
    source: 'police_call',
    occurredAt: '',
    address: '',
    narrative: '',
    legalCode: '',
    firstActions: '',
  });
  const [people, setPeople] = useState<PersonDraft[]>([emptyPerson('victim'), emptyPerson('offender')]);
  const legal = useApiQuery<{ items: LegalReference[] }>('/api/reference/legal', { redirectOnForbidden: false });
  const schools = useApiQuery<Page<DvSchool>>(
    regionCode ? withQuery('/api/family-safety/schools', { region: regionCode, pageSize: 200 }) : null,
    { redirectOnForbidden: false },
  );
  const search = useMutation(async () => {
    const results: DvSearchResult = { persons: [], casesAtAddress: [] };
    const queries: Array<Record<string, string | undefined>> = people
      .filter((p) => p.lastName.trim() && p.firstName.trim())
      .map((p) => ({ lastName: p.lastName.trim(), firstName: p.firstName.trim(), birthDate: p.birthDate || undefined }));
    if (draft.address.trim().length >= 3) queries.push({ address: draft.address.trim() });
    for (const query of queries) {
      const found = await api.get<DvSearchResult>(withQuery('/api/family-safety/search', query));
      for (const person of found.persons) if (!results.persons.some((p) => p.personId === person.personId)) results.persons.push(person);
      for (const item of found.casesAtAddress) if (!results.casesAtAddress.some((c) => c.id === item.id)) results.casesAtAddress.push(item);
    }
    return { ...results, searched: queries.length };
  });
  const [searchResult, setSearchResult] = useState<(DvSearchResult & { searched: number }) | null>(null);
  const save = useMutation((body: Record<string, unknown>) =>
    api.post<DvCaseDetail>('/api/family-safety/cases', body, { headers: { 'idempotency-key': idempotencyKey } }),
  );
  const fieldErrors: Record<string, string> = {};
  for (const issue of save.error?.errors ?? []) fieldErrors[issue.path] ??= dvFieldIssueText(t, issue);

  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));
  const setPerson = (index: number, patch: Partial<PersonDraft>) =>
    setPeople((current) => current.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  async function onSearch() {
    const result = await search.run();
    if (result) setSearchResult(result);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      regionCode,
      source: draft.source,
      occurredAt: toInstant(draft.occurredAt),
      address: draft.address.trim(),
      narrative: draft.narrative.trim(),
      legalCode: draft.legalCode || null,
      firstActions: draft.firstActions.trim(),
      people: people.map(personBody),
    };
    const saved = await save.run(body);
    if (saved) void navigate(`/family-safety/cases/${encodeURIComponent(saved.id)}`);
  }

  const shownPaths = Object.keys(fieldErrors);
  const legalOptions = legal.data?.items ?? [];
  const schoolOptions = schools.data?.items ?? [];

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/cases">{t('nav.dvCases')}</Link>
      </nav>
      <h1>{t('dv.intake.title')}</h1>
      <p className="muted">{t('dv.intake.intro')}</p>
      <form className="form dv-intake" onSubmit={onSubmit} noValidate data-testid="dv-intake-form">
        <ProblemMessage error={save.error} shownPaths={shownPaths} />
        <IncidentFields draft={draft} set={set} errors={fieldErrors} narrativeRows={4} />
        <div className="form-row">
          <FormField name="legalCode" label={t('dv.field.legalCode')} error={fieldErrors.legalCode}>
            {(control) => (
              <select {...control} value={draft.legalCode} onChange={set('legalCode')}>
                <option value="">{t('common.none')}</option>
                {legalOptions.map((item) => (
                  <option key={item.code} value={item.code}>
                    {item.code} — {localized(item.wording, language)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField name="firstActions" label={t('dv.field.firstActions')} error={fieldErrors.firstActions}>
          {(control) => <textarea {...control} rows={2} value={draft.firstActions} onChange={set('firstActions')} />}
        </FormField>

        <fieldset className="dv-people">
          <legend>{t('dv.people.title')}</legend>
          {fieldErrors.people && <p className="field-error">{fieldErrors.people}</p>}
          {people.map((person, index) => {
            const path = (name: string) => `people.${index}.${name}`;
            const input = (name: 'lastName' | 'firstName' | 'patronymic' | 'phone' | 'address' | 'schoolClass', label: string) => (
              <FormField name={path(name)} label={label} error={fieldErrors[path(name)]}>
                {(control) => (
                  <input {...control} value={person[name]} onChange={(event) => setPerson(index, { [name]: event.target.value })} />
                )}
              </FormField>
            );
            return (
              <div className="dv-person" key={index} data-testid={`person-${index}`}>
                <div className="form-row">
                  <FormField name={path('role')} label={t('dv.field.role')} error={fieldErrors[path('role')]} required>
                    {(control) => (
                      <select {...control} value={person.role} onChange={(event) => setPerson(index, { role: event.target.value })}>
                        {DV_PERSON_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {personRoleName(t, role)}
                          </option>
                        ))}
                      </select>
                    )}
                  </FormField>
                  {input('lastName', t('dv.field.lastName'))}
                  {input('firstName', t('dv.field.firstName'))}
                  {input('patronymic', t('dv.field.patronymic'))}
                </div>
                {fieldErrors[`people.${index}`] && <p className="field-error">{fieldErrors[`people.${index}`]}</p>}
                <div className="form-row">
                  <FormField name={path('birthDate')} label={t('dv.field.birthDate')} error={fieldErrors[path('birthDate')]}>
                    {(control) => (
                      <input
                        {...control}
                        type="date"
                        value={person.birthDate}
                        onChange={(event) => setPerson(index, { birthDate: event.target.value })}
                      />
                    )}
                  </FormField>
                  <FormField name={path('age')} label={t('dv.field.age')} error={fieldErrors[path('age')]}>
                    {(control) => (
                      <input
                        {...control}
                        type="number"
                        min={0}
                        max={120}
                        value={person.age}
                        onChange={(event) => setPerson(index, { age: event.target.value })}
                      />
                    )}
                  </FormField>
                  {person.role === 'child' ? (
                    <>
                      <FormField name={path('schoolId')} label={t('dv.field.school')} error={fieldErrors[path('schoolId')]}>
                        {(control) => (
                          <select
                            {...control}
                            value={person.schoolId}
                            onChange={(event) => setPerson(index, { schoolId: event.target.value })}
                          >
                            <option value="">{t('common.none')}</option>
                            {schoolOptions.map((school) => (
                              <option key={school.id} value={school.id}>
                                {school.code} — {school.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </FormField>
                      {input('schoolClass', t('dv.field.schoolClass'))}
                    </>
                  ) : (
                    <>
                      {input('phone', t('dv.field.phone'))}
                      {input('address', t('dv.field.personAddress'))}
                    </>
                  )}
                </div>
                <div className="dv-person-actions">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      name={path('wasPresent')}
                      checked={person.wasPresent}
                      onChange={(event) => setPerson(index, { wasPresent: event.target.checked })}
                    />{' '}
                    {t('dv.field.wasPresent')}
                  </label>
                  {person.personId && <span className="badge">{t('dv.search.linked')}</span>}
                  <button type="button" className="button" onClick={() => setPeople((current) => current.filter((_, i) => i !== index))}>
                    {t('dv.people.remove')}
                  </button>
                </div>
              </div>
            );
          })}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setPeople((current) => [...current, emptyPerson('victim')])}>
              {t('dv.people.addVictim')}
            </button>
            <button type="button" className="button" onClick={() => setPeople((current) => [...current, emptyPerson('offender')])}>
              {t('dv.people.addOffender')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="add-child"
              onClick={() => setPeople((current) => [...current, emptyPerson('child')])}
            >
              {t('dv.people.addChild')}
            </button>
          </div>
        </fieldset>

        <section className="dv-search" aria-live="polite">
          <h2>{t('dv.search.title')}</h2>
          <p className="muted">{t('dv.search.intro')}</p>
          <button type="button" className="button" data-testid="dv-search" onClick={() => void onSearch()} disabled={search.isPending}>
            {t('dv.search.run')}
          </button>
          <ProblemMessage error={search.error} />
          {searchResult && (
            <div data-testid="dv-search-result">
              {searchResult.searched === 0 && <p>{t('dv.search.needTerms')}</p>}
              {searchResult.searched > 0 && searchResult.persons.length === 0 && searchResult.casesAtAddress.length === 0 && (
                <p>{t('dv.search.nothing')}</p>
              )}
              {searchResult.persons.length > 0 && (
                <ul className="dv-list">
                  {searchResult.persons.map((person) => (
                    <li key={person.personId}>
                      {person.lastName} {person.firstName} {person.patronymic ?? ''} · {format.date(person.birthDate)} ·{' '}
                      {person.cases.map((c) => (
                        <Link key={c.id} to={`/family-safety/cases/${encodeURIComponent(c.id)}`}>
                          {c.code} ({personRoleName(t, c.role)}){' '}
                        </Link>
                      ))}
                      <button
                        type="button"
                        className="button small"
                        onClick={() => {
                          const index = people.findIndex(
                            (p) => p.lastName.trim() === person.lastName && p.firstName.trim() === person.firstName,
                          );
                          if (index >= 0) setPerson(index, { personId: person.personId });
                        }}
                      >
                        {t('dv.search.useThis')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {searchResult.casesAtAddress.length > 0 && (
                <>
                  <h3>{t('dv.search.atAddress')}</h3>
                  <ul className="dv-list">
                    {searchResult.casesAtAddress.map((item) => (
                      <li key={item.id}>
                        <Link to={`/family-safety/cases/${encodeURIComponent(item.id)}`}>{item.code}</Link> ·{' '}
                        {format.dateTime(item.lastIncidentAt)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </section>

        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('dv.intake.submit')}
          </button>
          <Link className="button" to="/family-safety/cases">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
