import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import type { OmEvidenceArtefact } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';

/** A resource's evidence (om.evidence): artefacts with their SHA-256, and the court package download. */
export function OmEvidenceList({ resourceId }: { resourceId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const base = `/api/online-markets/resources/${encodeURIComponent(resourceId)}`;
  const { data, error, isLoading } = useApiQuery<{ items: OmEvidenceArtefact[] }>(`${base}/evidence`, { redirectOnForbidden: false });
  return (
    <section className="om-section" data-testid="om-evidence">
      <h2>{t('om.evidence.title')}</h2>
      <p className="muted">{t('om.evidence.intro')}</p>
      <ProblemMessage error={error} />
      <DataTable
        caption={t('om.evidence.title')}
        rows={data?.items}
        isLoading={isLoading}
        rowKey={(a) => a.id}
        columns={[
          { key: 'kind', header: t('om.evidence.kind'), render: (a) => a.kind },
          { key: 'retrieved', header: t('om.evidence.retrievedAt'), render: (a) => format.dateTime(a.retrievedAt) },
          { key: 'url', header: t('om.field.locator'), render: (a) => <span className="om-locator">{a.url ?? '—'}</span> },
          { key: 'http', header: t('om.evidence.http'), render: (a) => a.httpStatus ?? '—', isNumeric: true },
          { key: 'ips', header: t('om.evidence.ips'), render: (a) => a.resolvedIps.join(', ') || '—' },
          { key: 'size', header: t('om.evidence.size'), render: (a) => format.number(a.size), isNumeric: true },
          { key: 'sha', header: 'SHA-256', render: (a) => <span className="om-hash">{a.sha256}</span> },
          {
            key: 'open',
            header: t('om.evidence.file'),
            render: (a) => (
              <a href={`/api/online-markets/evidence/${encodeURIComponent(a.id)}/content`} download>
                {t('om.evidence.download')}
              </a>
            ),
          },
        ]}
      />
      {data && data.items.length > 0 && (
        <p>
          <a className="button" href={`${base}/evidence-package`} download data-testid="om-evidence-package">
            {t('om.evidence.package')}
          </a>
        </p>
      )}
    </section>
  );
}
