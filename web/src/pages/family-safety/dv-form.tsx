import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import type { ApiError } from '../../lib/api';
import { dvFieldIssueText } from './dv-labels';

/** Field path → translated family-safety message, for FormField `error` props. */
export function useDvFieldErrors(error: ApiError | undefined): Record<string, string> {
  const { t } = useTranslation();
  const messages: Record<string, string> = {};
  for (const issue of error?.errors ?? []) messages[issue.path] ??= dvFieldIssueText(t, issue);
  return messages;
}

/** A form's failure: a stale version offers to reload; anything else by its code (field errors stay by their fields). */
export function DvFormProblem({ error, shownPaths, onReload }: { error: ApiError | undefined; shownPaths: string[]; onReload(): void }) {
  const { t } = useTranslation();
  if (error?.code === 'conflict')
    return (
      <div className="problem" role="alert" data-code="conflict">
        <p className="problem-title">{t('dv.conflict')}</p>
        <button type="button" className="button" onClick={onReload}>
          {t('settlement.loadLatest')}
        </button>
      </div>
    );
  return <ProblemMessage error={error} shownPaths={shownPaths} />;
}

/** Today as YYYY-MM-DD in Kazakhstan (UTC+5). */
export const localToday = () => new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);

/** A datetime-local value (local wall time) → ISO with the browser's offset. */
export const localToIso = (value: string) => (value ? new Date(value).toISOString() : '');

/** Now as a datetime-local input value. */
export const nowLocalInput = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
