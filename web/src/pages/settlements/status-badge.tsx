import { useTranslation } from 'react-i18next';
import { statusName } from '../../i18n/messages';

/** A settlement status as a coloured label (the colour repeats the text, never replaces it). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{statusName(t, status)}</span>;
}
