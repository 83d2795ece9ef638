import { useTranslation } from 'react-i18next';
import { bandName } from './dv-labels';

/** A risk band as a coloured label (the colour repeats the text, never replaces it). */
export function BandBadge({ band }: { band: string | null }) {
  const { t } = useTranslation();
  return <span className={`badge dv-band-${band ?? 'none'}`}>{bandName(t, band)}</span>;
}
