import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api';
import { errorText, fieldIssueText } from '../i18n/messages';

type ProblemMessageProps = {
  error: ApiError | undefined;
  /** Paths already shown next to their fields; the rest are listed here. */
  shownPaths?: readonly string[];
};

/** Shows an API failure in the reader's language, by its stable `code`. */
export function ProblemMessage({ error, shownPaths = [] }: ProblemMessageProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const otherIssues = error.errors.filter((issue) => !shownPaths.includes(issue.path));
  return (
    <div className="problem" role="alert" data-code={error.code}>
      <p className="problem-title">{errorText(t, error)}</p>
      {otherIssues.length > 0 && (
        <ul>
          {otherIssues.map((issue, index) => (
            <li key={`${issue.path}-${index}`}>
              {issue.path ? <code>{issue.path}</code> : null} {fieldIssueText(t, issue)}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && <p className="problem-ref">{t('error.reference', { id: error.requestId })}</p>}
    </div>
  );
}

/** Field-path → translated message, for FormField `error` props. */
export function useFieldErrors(error: ApiError | undefined): Record<string, string> {
  const { t } = useTranslation();
  const messages: Record<string, string> = {};
  for (const issue of error?.errors ?? []) {
    messages[issue.path] ??= fieldIssueText(t, issue);
  }
  return messages;
}
