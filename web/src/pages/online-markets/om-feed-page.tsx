import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { Page } from '../../lib/api-types';
import type { FeedChange, FeedPublicKey, FeedVersion, FeedVersionDetail } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { kindName } from './om-labels';
import './online-markets.css';

const PAGE_SIZE = 20;

function ChangeTable({ caption, rows }: { caption: string; rows: FeedChange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(c) => `${c.resourceId}-${c.value}`}
      columns={[
        {
          key: 'value',
          header: t('om.feed.value'),
          render: (c) => (
            <Link className="om-locator" to={`/online-markets/resources/${encodeURIComponent(c.resourceId)}`}>
              {c.value}
            </Link>
          ),
        },
        { key: 'kind', header: t('om.field.kind'), render: (c) => kindName(t, c.kind) },
        { key: 'decision', header: t('om.decision.number'), render: (c) => `${c.decisionNumber}, ${format.date(c.decisionDate)}` },
        { key: 'body', header: t('om.decision.body'), render: (c) => c.decisionBody },
        { key: 'by', header: t('om.decision.by'), render: (c) => c.decidedBy ?? '—' },
        {
          key: 'restore',
          header: t('om.feed.restoredBy'),
          render: (c) => (c.restore ? `${c.restore.decisionNumber} — ${c.restore.reason}` : '—'),
        },
      ]}
    />
  );
}

/** The ISP blocklist feed's versions, one version's changes, and the public key ISPs verify it with. */
export function OmFeedPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const { page } = useListParams([]);
  useDocumentTitle(t('nav.omFeed'));
  const versions = useApiQuery<Page<FeedVersion>>(withQuery('/api/online-markets/feed/versions', { page, pageSize: PAGE_SIZE }));
  const chosen = params.get('version') ?? (versions.data?.items[0] ? String(versions.data.items[0].version) : null);
  const detail = useApiQuery<FeedVersionDetail>(chosen ? `/api/online-markets/feed/versions/${encodeURIComponent(chosen)}` : null);
  const key = useApiQuery<FeedPublicKey>('/api/online-markets/feed/public-key');
  const hrefFor = (version: number) => {
    const next = new URLSearchParams(params);
    next.set('version', String(version));
    return `?${next.toString()}`;
  };

  const columns: Column<FeedVersion>[] = [
    {
      key: 'version',
      header: t('om.feed.version'),
      render: (v) => (
        <Link to={hrefFor(v.version)} aria-current={String(v.version) === chosen ? 'true' : undefined}>
          {t('om.feed.versionN', { version: v.version })}
        </Link>
      ),
    },
    { key: 'created', header: t('om.feed.createdAt'), render: (v) => format.dateTime(v.createdAt) },
    { key: 'entries', header: t('om.feed.entries'), render: (v) => format.number(v.entryCount), isNumeric: true },
    { key: 'added', header: t('om.feed.added'), render: (v) => `+${format.number(v.addedCount)}`, isNumeric: true },
    { key: 'removed', header: t('om.feed.removed'), render: (v) => `−${format.number(v.removedCount)}`, isNumeric: true },
    { key: 'key', header: t('om.feed.keyId'), render: (v) => <span className="om-hash">{v.keyId}</span> },
  ];

  return (
    <div className="page" data-testid="om-feed-page">
      <header className="page-header">
        <h1>{t('nav.omFeed')}</h1>
        <p className="muted">{t('om.feed.intro')}</p>
      </header>
      <ProblemMessage error={versions.error} />
      <DataTable
        caption={t('nav.omFeed')}
        columns={columns}
        rows={versions.data?.items}
        rowKey={(v) => String(v.version)}
        isLoading={versions.isLoading}
      />
      {versions.data && <Pagination total={versions.data.total} page={versions.data.page} pageSize={versions.data.pageSize} />}
      <ProblemMessage error={detail.error} />
      {detail.data && (
        <section className="om-section" data-testid="om-feed-detail">
          <h2>{t('om.feed.versionN', { version: detail.data.version })}</h2>
          <p className="muted">
            {format.dateTime(detail.data.createdAt)} ·{' '}
            {detail.data.previousVersion ? t('om.feed.since', { version: detail.data.previousVersion }) : t('om.feed.first')}
          </p>
          <h3>{t('om.feed.addedTitle', { count: detail.data.added.length })}</h3>
          <ChangeTable caption={t('om.feed.added')} rows={detail.data.added} />
          <h3>{t('om.feed.removedTitle', { count: detail.data.removed.length })}</h3>
          <ChangeTable caption={t('om.feed.removed')} rows={detail.data.removed} />
          <h3>{t('om.feed.formats')}</h3>
          <ul className="om-reasons">
            {detail.data.formats.map((f) => (
              <li key={f.format}>
                <strong>{f.format}</strong> · {format.number(f.bytes)} B · SHA-256 <span className="om-hash">{f.sha256}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="om-section" data-testid="om-feed-key">
        <h2>{t('om.feed.keyTitle')}</h2>
        <p>{t('om.feed.keyIntro')}</p>
        <ProblemMessage error={key.error} />
        {key.data && (
          <>
            <p>
              {key.data.algorithm} · {t('om.feed.keyId')} <span className="om-hash">{key.data.keyId}</span> ·{' '}
              <a href="/api/online-markets/feed/public-key?format=pem" download="tartip-feed-key.pem">
                {t('om.feed.downloadKey')}
              </a>
            </p>
            <pre className="om-pem">{key.data.publicKeyPem}</pre>
          </>
        )}
        <h3>{t('om.feed.howToVerify')}</h3>
        <ol className="om-reasons">
          <li>{t('om.feed.verifyStep1')}</li>
          <li>{t('om.feed.verifyStep2')}</li>
          <li>{t('om.feed.verifyStep3')}</li>
        </ol>
        <pre className="om-pem">{`curl -H "Authorization: Bearer $TOKEN" -D headers.txt -o feed.rpz '${window.location.origin}/api/online-markets/feed?format=rpz'
grep -i '^x-feed-signature:' headers.txt | cut -d' ' -f2 | tr -d '\\r' | base64 -d > feed.rpz.sig
openssl pkeyutl -verify -pubin -inkey tartip-feed-key.pem -rawin -in feed.rpz -sigfile feed.rpz.sig
# or: npx tartip feed verify --file feed.rpz --signature "<X-Feed-Signature>" --public-key tartip-feed-key.pem`}</pre>
      </section>
    </div>
  );
}
