import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api, type ApiError } from '../../lib/api';
import { PAY_DISPOSITIONS, type PayComment, type PayDisposition, type PayDispositionRecord } from '../../lib/payments-types';
import { useMutation } from '../../lib/use-mutation';
import { dispositionName } from './pay-labels';

/** A stale version answers 409: say so and offer to load the latest instead of a bare error. */
export function WriteProblem({ error, onReload }: { error: ApiError | undefined; onReload(): void }) {
  const { t } = useTranslation();
  if (error?.code !== 'conflict') return <ProblemMessage error={error} />;
  return (
    <div className="problem" role="alert" data-code="conflict">
      <p className="problem-title">{t('pay.conflict')}</p>
      <button type="button" className="button" onClick={onReload}>
        {t('settlement.loadLatest')}
      </button>
    </div>
  );
}

/** Comments of an alert or a case, newest last, with a form for one more when allowed. */
export function Comments({
  comments,
  postPath,
  canWrite,
  onChanged,
}: {
  comments: PayComment[];
  postPath: string;
  canWrite: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [body, setBody] = useState('');
  const post = useMutation((text: string) => api.post<PayComment>(postPath, { body: text }));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await post.run(body.trim())) {
      setBody('');
      onChanged();
    }
  }
  return (
    <section className="dv-section" data-testid="pay-comments">
      <h2>{t('pay.comments.title')}</h2>
      {comments.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="dv-list">
        {comments.map((c) => (
          <li key={c.id}>
            <time dateTime={c.createdAt}>{format.dateTime(c.createdAt)}</time> · <strong>{c.author}</strong>: {c.body}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="pay-comment-form">
          <ProblemMessage error={post.error} />
          <div className="form-field">
            <label htmlFor="pay-comment">{t('pay.comments.new')}</label>
            <textarea id="pay-comment" rows={2} value={body} onChange={(event) => setBody(event.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={post.isPending || body.trim() === ''}>
              {t('pay.comments.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Disposition history and, when allowed, the form: false positive / escalate / confirmed with a reason. */
export function DispositionForm({
  dispositions,
  postPath,
  version,
  canWrite,
  onChanged,
}: {
  dispositions: PayDispositionRecord[];
  postPath: string;
  version: number;
  canWrite: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [disposition, setDisposition] = useState<PayDisposition>('escalate');
  const [reason, setReason] = useState('');
  const save = useMutation((body: unknown) => api.post<unknown>(postPath, body));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await save.run({ version, disposition, reason: reason.trim() })) {
      setReason('');
      onChanged();
    }
  }
  return (
    <section className="dv-section" data-testid="pay-dispositions">
      <h2>{t('pay.disposition.title')}</h2>
      <ul className="dv-list">
        {dispositions.map((d) => (
          <li key={d.id} data-disposition={d.disposition}>
            <time dateTime={d.decidedAt}>{format.dateTime(d.decidedAt)}</time> · <strong>{dispositionName(t, d.disposition)}</strong> —{' '}
            {d.reason} <span className="muted">({d.decidedBy})</span>
          </li>
        ))}
      </ul>
      {canWrite && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="pay-disposition-form">
          <WriteProblem error={save.error} onReload={onChanged} />
          <div className="form-field">
            <label htmlFor="pay-disposition">{t('pay.disposition.choice')}</label>
            <select id="pay-disposition" value={disposition} onChange={(event) => setDisposition(event.target.value as PayDisposition)}>
              {PAY_DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {dispositionName(t, d)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="pay-disposition-reason">{t('pay.disposition.reason')}</label>
            <textarea id="pay-disposition-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('pay.disposition.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
