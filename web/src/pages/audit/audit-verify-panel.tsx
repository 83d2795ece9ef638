import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { AuditVerification } from '../../lib/api-types';
import { useMutation } from '../../lib/use-mutation';

/** The "verify chain" button and its result. */
export function AuditVerifyPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [result, setResult] = useState<AuditVerification>();
  const verify = useMutation(() => api.get<AuditVerification>('/api/audit/verify'));

  async function onVerify() {
    setResult(undefined);
    setResult(await verify.run());
  }

  return (
    <section className="verify-panel" aria-labelledby="verify-title">
      <h2 id="verify-title" className="visually-hidden">
        {t('audit.verify')}
      </h2>
      <button type="button" className="button primary" onClick={onVerify} disabled={verify.isPending}>
        {verify.isPending ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div aria-live="polite" className="verify-result" data-testid="verify-result">
        {result?.ok && <p className="banner ok">{t('audit.chainOk', { checked: format.number(result.checked) })}</p>}
        {result && !result.ok && (
          <p className="banner danger">
            {t('audit.chainBroken', {
              checked: format.number(result.checked),
              seq: result.firstBroken?.seq ?? '?',
              reason: result.firstBroken?.reason ?? '',
            })}
          </p>
        )}
      </div>
      <ProblemMessage error={verify.error} />
    </section>
  );
}
