import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { FormField } from '../../components/form-field';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api, withQuery } from '../../lib/api';
import type { Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { PAY_WATCH_TYPES, type PayWatchEntry, type PayWatchResult } from '../../lib/payments-types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import './payments.css';
import { percent, watchTypeName } from './pay-labels';

const EMPTY = { identifier: '', type: 'card', source: '', provenance: '', confidence: '1', shopRef: '', evidenceRef: '' };

/**
 * The payments watchlist: add identifiers from drug ads, analysts or other agencies with provenance and
 * confidence, and the list itself, newest first (identifiers masked to their last four characters).
 */
export function WatchlistPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  useDocumentTitle(t('nav.payWatchlist'));
  const { page } = useListParams([] as const);
  const list = useApiQuery<Page<PayWatchEntry>>(withQuery('/api/payments/watchlist', { page, pageSize: 20 }));
  const [form, setForm] = useState(EMPTY);
  const [added, setAdded] = useState<PayWatchEntry[]>([]);
  const [skipped, setSkipped] = useState(0);
  const add = useMutation((body: unknown) => api.post<PayWatchResult>('/api/payments/watchlist', body));
  const errors = useFieldErrors(add.error);
  const set = (name: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await add.run({
      identifier: form.identifier.trim(),
      type: form.type,
      source: form.source.trim(),
      provenance: form.provenance.trim(),
      confidence: Number(form.confidence),
      shopRef: form.shopRef.trim() || null,
      evidenceRef: form.evidenceRef.trim() || null,
    });
    if (result) {
      setAdded((list) => [...result.items, ...list]);
      setSkipped(result.skipped);
      setForm(EMPTY);
      list.reload();
    }
  }

  const columns: Column<PayWatchEntry>[] = [
    { key: 'identifier', header: t('pay.watch.identifier'), render: (w) => w.identifier },
    { key: 'type', header: t('pay.watch.type'), render: (w) => watchTypeName(t, w.type) },
    { key: 'source', header: t('pay.field.source'), render: (w) => w.source },
    { key: 'provenance', header: t('pay.watch.provenance'), render: (w) => w.provenance || '—' },
    { key: 'confidence', header: t('pay.watch.confidence'), render: (w) => percent(w.confidence), isNumeric: true },
    { key: 'shop', header: t('pay.field.shopRef'), render: (w) => w.shopRef ?? '—' },
    { key: 'evidence', header: t('pay.field.evidenceRef'), render: (w) => w.evidenceRef ?? '—' },
    { key: 'created', header: t('pay.field.createdAt'), render: (w) => `${format.dateTime(w.createdAt)} (${w.createdBy})` },
  ];
  const text = (name: keyof typeof EMPTY, label: string, hint?: string) => (
    <FormField name={name} label={label} error={errors[name]} {...(hint ? { hint } : {})}>
      {(control) => <input {...control} value={form[name]} onChange={(event) => set(name)(event.target.value)} />}
    </FormField>
  );

  return (
    <div className="page" data-testid="pay-watchlist-page">
      <header className="page-header">
        <h1>{t('nav.payWatchlist')}</h1>
        <p className="muted">{t('pay.watch.intro')}</p>
      </header>
      {can('payments.watchlist') && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="pay-watch-form">
          <ProblemMessage error={add.error} shownPaths={Object.keys(EMPTY)} />
          {text('identifier', t('pay.watch.identifier'), t('pay.watch.identifierHint'))}
          <div className="form-row">
            <FormField name="type" label={t('pay.watch.type')}>
              {(control) => (
                <select {...control} value={form.type} onChange={(event) => set('type')(event.target.value)}>
                  {PAY_WATCH_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {watchTypeName(t, type)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            {text('source', t('pay.field.source'))}
            <FormField name="confidence" label={t('pay.watch.confidence')} error={errors.confidence}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0}
                  max={1}
                  step={0.05}
                  value={form.confidence}
                  onChange={(event) => set('confidence')(event.target.value)}
                />
              )}
            </FormField>
          </div>
          {text('provenance', t('pay.watch.provenance'))}
          <div className="form-row">
            {text('shopRef', t('pay.field.shopRef'))}
            {text('evidenceRef', t('pay.field.evidenceRef'))}
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={add.isPending}>
              {t('pay.watch.add')}
            </button>
          </div>
        </form>
      )}
      {skipped > 0 && (
        <p className="banner" role="status">
          {t('pay.watch.skipped', { count: skipped })}
        </p>
      )}
      <section className="dv-section pay-added">
        <h2>{t('pay.watch.addedTitle')}</h2>
        <DataTable
          caption={t('pay.watch.addedTitle')}
          columns={columns}
          rows={added}
          rowKey={(w) => w.id}
          emptyText={t('pay.watch.noneAdded')}
        />
      </section>
      <section className="dv-section">
        <h2>{t('pay.watch.listTitle')}</h2>
        <ProblemMessage error={list.error} />
        <DataTable
          caption={t('pay.watch.listTitle')}
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(w) => w.id}
          emptyText={list.isLoading ? t('common.loading') : t('pay.watch.listEmpty')}
        />
        {list.data && <Pagination total={list.data.total} page={list.data.page} pageSize={list.data.pageSize} />}
      </section>
    </div>
  );
}
