import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/form-field';
import { DV_SOURCES } from '../../lib/api-types';
import { sourceName } from './dv-labels';

type IncidentDraft = { source: string; occurredAt: string; address: string; narrative: string };

type IncidentFieldsProps = {
  draft: IncidentDraft;
  set(name: keyof IncidentDraft): (event: { target: { value: string } }) => void;
  errors: Partial<Record<keyof IncidentDraft, string>>;
  /** Prefix of the fields' names, so two forms on one page keep distinct ids. */
  namePrefix?: string;
  narrativeRows?: number;
};

/** Source, time, address and narrative of an incident: shared by the intake form and the follow-up incident form. */
export function IncidentFields({ draft, set, errors, namePrefix = '', narrativeRows = 3 }: IncidentFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-row">
        <FormField name={`${namePrefix}source`} label={t('dv.field.source')} error={errors.source} required>
          {(control) => (
            <select {...control} value={draft.source} onChange={set('source')}>
              {DV_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {sourceName(t, source)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name={`${namePrefix}occurredAt`} label={t('dv.field.occurredAt')} error={errors.occurredAt} required>
          {(control) => <input {...control} type="datetime-local" value={draft.occurredAt} onChange={set('occurredAt')} />}
        </FormField>
      </div>
      <FormField name={`${namePrefix}address`} label={t('dv.field.address')} error={errors.address} required>
        {(control) => <input {...control} value={draft.address} onChange={set('address')} />}
      </FormField>
      <FormField name={`${namePrefix}narrative`} label={t('dv.field.narrative')} error={errors.narrative} required>
        {(control) => <textarea {...control} rows={narrativeRows} value={draft.narrative} onChange={set('narrative')} />}
      </FormField>
    </>
  );
}
