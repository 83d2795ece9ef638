import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';

export type FilterOption = { value: string; label: string };
export type FilterField = {
  name: string;
  label: string;
  type: 'search' | 'text' | 'select' | 'date';
  options?: FilterOption[];
  /** The label of the "no filter" choice of a select. */
  anyLabel?: string;
};

function readDraft(fields: FilterField[], params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.name, params.get(field.name) ?? '']));
}

/** Filters kept in the URL query string, so a filtered list can be bookmarked, shared and reloaded. */
export function FilterBar({ label, fields }: { label: string; fields: FilterField[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => readDraft(fields, params));
  const paramsText = params.toString();

  // Back/forward navigation changes the URL: show what it says.
  useEffect(() => {
    setDraft(readDraft(fields, new URLSearchParams(paramsText)));
    // Only the URL matters here: `fields` is rebuilt on every render of the page.
  }, [paramsText]);

  function apply(values: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const field of fields) {
      const value = values[field.name]?.trim() ?? '';
      if (value) next.set(field.name, value);
      else next.delete(field.name);
    }
    next.delete('page');
    setParams(next);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    apply(draft);
  }

  function onReset() {
    const empty = Object.fromEntries(fields.map((field) => [field.name, '']));
    setDraft(empty);
    apply(empty);
  }

  return (
    <form className="filter-bar" role="search" aria-label={label} onSubmit={onSubmit}>
      {fields.map((field) => {
        const id = `filter-${field.name}`;
        const value = draft[field.name] ?? '';
        const onChange = (next: string) => setDraft((current) => ({ ...current, [field.name]: next }));
        return (
          <div className="filter-field" key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            {field.type === 'select' ? (
              <select id={id} name={field.name} value={value} onChange={(event) => onChange(event.target.value)}>
                <option value="">{field.anyLabel ?? t('common.any')}</option>
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} name={field.name} type={field.type} value={value} onChange={(event) => onChange(event.target.value)} />
            )}
          </div>
        );
      })}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          {t('common.applyFilters')}
        </button>
        <button type="button" className="button" onClick={onReset}>
          {t('common.resetFilters')}
        </button>
      </div>
    </form>
  );
}
