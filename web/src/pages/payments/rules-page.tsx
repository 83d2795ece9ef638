import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { PayEngineStatus, PayRuleOverview, PayRuleSetDetail, PayRuleSetSummary } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { Facts } from './facts';
import { percent, roleName, ruleDescription, ruleKindName } from './pay-labels';

type Rule = PayRuleOverview['rules'][number];

const paramText = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join('; ');

/** Rules and thresholds as versioned data: the active version with each rule's precision, edit → new version, activate. */
export function RulesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const can = useCan();
  useDocumentTitle(t('nav.payRules'));
  const overview = useApiQuery<PayRuleOverview>('/api/payments/rules');
  const versions = useApiQuery<{ items: PayRuleSetSummary[] }>('/api/payments/rule-sets');
  const activate = useMutation((version: number) => api.post<PayRuleSetDetail>(`/api/payments/rule-sets/${version}/activate`));
  const reload = () => {
    overview.reload();
    versions.reload();
  };

  const ruleColumns: Column<Rule>[] = [
    { key: 'id', header: t('pay.rules.rule'), render: (r) => <code>{r.id}</code> },
    {
      key: 'description',
      header: t('pay.rules.description'),
      // the version's own text is English; other languages get what the rule checks (its id is fixed in code)
      render: (r) => (language === 'en' ? r.description : <span title={r.description}>{ruleDescription(t, r.id) ?? r.description}</span>),
    },
    {
      key: 'kind',
      header: t('pay.rules.kind'),
      render: (r) => (
        <>
          {ruleKindName(t, r.kind)}
          {!r.enabled && (
            <>
              <br />
              <small className="muted">{t('pay.rules.disabled')}</small>
            </>
          )}
        </>
      ),
    },
    { key: 'params', header: t('pay.rules.thresholds'), render: (r) => <span className="pay-reasons">{paramText(r.params)}</span> },
    {
      key: 'sim',
      header: t('pay.rules.simulatorPrecision'),
      render: (r) => (
        <span title={r.measuredOn ?? undefined}>
          {percent(r.simulatorPrecision)}
          {r.measuredOn ? <small className="muted"> ({r.measuredOn})</small> : null}
        </span>
      ),
    },
    {
      key: 'live',
      header: t('pay.rules.livePrecision'),
      render: (r) => (
        <>
          {percent(r.livePrecision)}
          <br />
          <small className="muted">
            {t('pay.rules.counts', {
              confirmed: r.dispositions.confirmed,
              escalate: r.dispositions.escalate,
              falsePositive: r.dispositions.false_positive,
            })}
          </small>
        </>
      ),
    },
  ];
  const versionColumns: Column<PayRuleSetSummary>[] = [
    { key: 'version', header: t('pay.rules.version'), render: (v) => format.number(v.version), isNumeric: true },
    { key: 'note', header: t('pay.rules.note'), render: (v) => v.note || '—' },
    { key: 'created', header: t('pay.field.createdAt'), render: (v) => `${format.dateTime(v.createdAt)} (${v.createdBy})` },
    {
      key: 'active',
      header: t('pay.rules.active'),
      render: (v) =>
        v.isActive ? (
          <strong data-testid="pay-active-version">{t('pay.rules.isActive')}</strong>
        ) : can('payments.rules_activate') ? (
          <button
            type="button"
            className="button"
            disabled={activate.isPending}
            onClick={async () => (await activate.run(v.version)) && reload()}
          >
            {t('pay.rules.activate')}
          </button>
        ) : v.activatedAt ? (
          t('pay.rules.wasActive', { at: format.dateTime(v.activatedAt) })
        ) : (
          '—'
        ),
    },
  ];

  const o = overview.data;
  return (
    <div className="page" data-testid="pay-rules-page">
      <header className="page-header">
        <h1>{t('nav.payRules')}</h1>
        <p className="muted">{t('pay.rules.intro')}</p>
      </header>
      <ProblemMessage error={overview.error ?? versions.error ?? activate.error} />
      {o && (
        <Facts
          items={[
            { label: t('pay.rules.version'), value: `${o.version} (${o.ruleSetVersion})`, testId: 'pay-rules-version' },
            { label: t('pay.rules.flagThreshold'), value: format.number(o.flagThreshold) },
            ...Object.entries(o.roleThresholds).map(([role, v]) => ({
              label: t('pay.rules.roleThreshold', { role: roleName(t, role) }),
              value: format.number(v),
            })),
          ]}
        />
      )}
      <p className="banner" role="note">
        {t('pay.rules.precisionNote')}
      </p>
      <DataTable caption={t('pay.rules.title')} columns={ruleColumns} rows={o?.rules} rowKey={(r) => r.id} isLoading={overview.isLoading} />
      <EngineStatus />
      {o && can('payments.rules') && <RuleSetEditor version={o.version} onSaved={reload} />}
      <section className="dv-section">
        <h2>{t('pay.rules.history')}</h2>
        <DataTable
          caption={t('pay.rules.history')}
          columns={versionColumns}
          rows={versions.data?.items}
          rowKey={(v) => String(v.version)}
        />
      </section>
    </div>
  );
}

/** Edits a copy of a version's body as JSON and stores it as the next version (not active until activated). */
function RuleSetEditor({ version, onSaved }: { version: number; onSaved(): void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const source = useApiQuery<PayRuleSetDetail>(isOpen ? `/api/payments/rule-sets/${version}` : null);
  const save = useMutation((body: unknown) => api.post<PayRuleSetDetail>('/api/payments/rule-sets', body));
  const draft = text || (source.data ? JSON.stringify(source.data.body, null, 2) : '');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(draft);
    } catch (cause) {
      setParseError(String(cause));
      return;
    }
    setParseError(null);
    const created = await save.run({ body, note: note.trim() });
    if (created) {
      setSaved(created.version);
      setIsOpen(false);
      setText('');
      setNote('');
      onSaved();
    }
  }

  return (
    <section className="dv-section pay-rule-editor" data-testid="pay-rule-editor">
      <h2>{t('pay.rules.editTitle')}</h2>
      {saved !== null && (
        <p className="banner ok" role="status">
          {t('pay.rules.saved', { version: saved })}
        </p>
      )}
      {!isOpen ? (
        <button type="button" className="button" onClick={() => setIsOpen(true)}>
          {t('pay.rules.edit', { version })}
        </button>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <ProblemMessage error={save.error ?? source.error} />
          {parseError && (
            <div className="problem" role="alert">
              <p className="problem-title">{t('pay.rules.badJson')}</p>
              <p>{parseError}</p>
            </div>
          )}
          <div className="form-field">
            <label htmlFor="pay-rule-body">{t('pay.rules.body')}</label>
            <textarea id="pay-rule-body" rows={18} value={draft} onChange={(event) => setText(event.target.value)} spellCheck={false} />
          </div>
          <div className="form-field">
            <label htmlFor="pay-rule-note">{t('pay.rules.note')}</label>
            <input id="pay-rule-note" value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={save.isPending || !draft}>
              {t('pay.rules.saveVersion')}
            </button>
            <button type="button" className="button" onClick={() => setIsOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** This server's live engine: the rule set it applies, its size, and how fresh its graph verdicts are. */
function EngineStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useApiQuery<PayEngineStatus>('/api/payments/engine');
  const e = status.data;
  if (!e) return <ProblemMessage error={status.error} />;
  const g = e.graphPass;
  return (
    <section className="dv-section" data-testid="pay-engine-status">
      <h2>{t('pay.rules.engineTitle')}</h2>
      <p className="muted">{t('pay.rules.engineIntro')}</p>
      <Facts
        items={[
          { label: t('pay.rules.engineRuleSet'), value: e.ruleSetVersion },
          { label: t('pay.rules.engineAccounts'), value: format.number(e.accounts) },
          { label: t('pay.rules.engineProcessed'), value: format.number(e.processed) },
          {
            label: t('pay.rules.engineGraphEvery'),
            value:
              g.intervalSeconds === null
                ? t('pay.rules.engineOff')
                : g.intervalSeconds === 0
                  ? t('pay.rules.engineOnDemand')
                  : t('pay.rules.engineEvery', { seconds: format.number(g.intervalSeconds) }),
          },
          {
            label: t('pay.rules.engineLastPass'),
            testId: 'pay-engine-last-pass',
            value: g.last
              ? t('pay.rules.engineLastPassValue', {
                  at: format.dateTime(g.last.at),
                  accounts: format.number(g.last.accounts),
                  ms: format.number(g.last.ms),
                  flagged: format.number(g.last.flagged),
                })
              : t('pay.rules.engineNoPass'),
          },
        ]}
      />
    </section>
  );
}
