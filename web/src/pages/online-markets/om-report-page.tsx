import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { useLanguage } from '../../i18n/use-language';
import { api, ApiError, isApiError } from '../../lib/api';
import type { OmReportForm, OmReportInput, OmReportResult } from '../../lib/online-markets-types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { REPORT_REGIONS } from './report-regions';
import './online-markets.css';

const PHOTO_TYPES = ['image/png', 'image/jpeg'] as const;
type PhotoType = (typeof PHOTO_TYPES)[number];
// The API's bounds for a location in Kazakhstan.
const inKazakhstan = (lat: number, lon: number) => lat >= 40 && lat <= 56 && lon >= 46 && lon <= 88;

/** A file's bytes as base64 (the data: URL's payload), read in the browser. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The citizens' report page (no login): a link, a Telegram handle, a text or a photo of a wall ad. */
export function OmReportPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('report.title'));
  const [form, setForm] = useState<{ token: OmReportForm; loadedAt: number } | null>(null);
  const [values, setValues] = useState({ link: '', handle: '', text: '', regionCode: '', website: '' });
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState('');
  const [location, setLocation] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locationNote, setLocationNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [isSending, setIsSending] = useState(false);
  const [result, setResult] = useState<OmReportResult | null>(null);
  const photoRef = useRef<HTMLInputElement>(null);

  async function loadForm() {
    try {
      const token = await api.get<OmReportForm>('/api/online-markets/report/form');
      setForm({ token, loadedAt: Date.now() });
    } catch (cause) {
      setError(isApiError(cause) ? cause : new ApiError({ status: 0, code: 'network_error' }));
    }
  }
  useEffect(() => {
    void loadForm();
  }, []);

  const set = (key: keyof typeof values, v: string) => setValues((current) => ({ ...current, [key]: v }));

  function onPhoto(file: File | null) {
    setPhotoError('');
    setPhoto(null);
    if (!file) return;
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) setPhotoError(t('report.photoType'));
    else if (form && file.size > form.token.maxPhotoBytes) setPhotoError(t('report.photoSize'));
    else setPhoto(file);
  }

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocationNote(t('report.noGeolocation'));
      return;
    }
    setLocationNote(t('report.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const { latitude, longitude } = pos.coords;
        if (!inKazakhstan(latitude, longitude)) {
          setLocation(null);
          setLocationNote(t('report.outsideKazakhstan'));
          return;
        }
        setLocation({ latitude: Math.round(latitude * 1e5) / 1e5, longitude: Math.round(longitude * 1e5) / 1e5 });
        setLocationNote('');
      },
      () => setLocationNote(t('report.locationDenied')),
      { enableHighAccuracy: false, timeout: 15_000 },
    );
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form || isSending) return;
    setError(undefined);
    if (!values.link.trim() && !values.handle.trim() && !values.text.trim() && !photo) {
      setError(
        new ApiError({ status: 400, code: 'validation_failed', errors: [{ path: '', message: t('report.empty'), code: 'custom' }] }),
      );
      return;
    }
    setIsSending(true);
    try {
      const body: OmReportInput = { formToken: form.token.formToken };
      if (values.link.trim()) body.link = values.link.trim();
      if (values.handle.trim()) body.handle = values.handle.trim();
      if (values.text.trim()) body.text = values.text.trim();
      if (values.regionCode) body.regionCode = values.regionCode;
      if (values.website) body.website = values.website;
      if (location) Object.assign(body, location);
      if (photo) body.photo = { contentType: photo.type as PhotoType, base64: await readBase64(photo) };
      // The server refuses forms sent faster than a person fills them; a quick person just waits a moment.
      const wait = form.token.minFillSeconds * 1000 + 300 - (Date.now() - form.loadedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      setResult(await api.post<OmReportResult>('/api/online-markets/report', body));
    } catch (cause) {
      const failure = isApiError(cause) ? cause : new ApiError({ status: 0, code: 'network_error', detail: String(cause) });
      setError(failure);
      // An expired or spent token: a fresh one for the next try.
      if (failure.errors.some((i) => i.path === 'formToken')) void loadForm();
    } finally {
      setIsSending(false);
    }
  }

  function another() {
    setResult(null);
    setValues({ link: '', handle: '', text: '', regionCode: values.regionCode, website: '' });
    setPhoto(null);
    if (photoRef.current) photoRef.current.value = '';
    void loadForm();
  }

  return (
    <div className="report-screen">
      <header className="login-top">
        <span className="brand-name">Tartip</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="report-card" data-testid="report-page">
        <h1>{t('report.title')}</h1>
        <p>{t('report.intro')}</p>
        <p className="muted">{t('report.privacy')}</p>
        {result ? (
          <div className="report-thanks" role="status" data-testid="report-thanks">
            <p>
              <strong>{t('report.thanks')}</strong>
            </p>
            {result.reference && (
              <p>
                {t('report.reference')}{' '}
                <span className="report-reference" data-testid="report-reference">
                  {result.reference}
                </span>
              </p>
            )}
            <p>{t('report.next')}</p>
            <button type="button" className="button" onClick={another}>
              {t('report.another')}
            </button>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate data-testid="report-form">
            <ProblemMessage error={error} />
            <div className="form-field">
              <label htmlFor="report-link">{t('report.link')}</label>
              <input
                id="report-link"
                name="link"
                type="text"
                inputMode="url"
                maxLength={2000}
                value={values.link}
                onChange={(e) => set('link', e.target.value)}
              />
            </div>
            <div className="form-field">
              <label htmlFor="report-handle">{t('report.handle')}</label>
              <p className="field-hint">{t('report.handleHint')}</p>
              <input
                id="report-handle"
                name="handle"
                type="text"
                maxLength={100}
                value={values.handle}
                onChange={(e) => set('handle', e.target.value)}
              />
            </div>
            <div className="form-field">
              <label htmlFor="report-text">{t('report.text')}</label>
              <textarea
                id="report-text"
                name="text"
                rows={4}
                maxLength={4000}
                value={values.text}
                onChange={(e) => set('text', e.target.value)}
              />
            </div>
            <div className={`form-field${photoError ? ' has-error' : ''}`}>
              <label htmlFor="report-photo">{t('report.photo')}</label>
              <p className="field-hint">{t('report.photoHint')}</p>
              <input
                ref={photoRef}
                id="report-photo"
                name="photo"
                type="file"
                accept="image/png,image/jpeg"
                aria-invalid={Boolean(photoError)}
                onChange={(e) => onPhoto(e.target.files?.[0] ?? null)}
              />
              {photoError && <p className="field-error">{photoError}</p>}
            </div>
            <div className="form-field">
              <label htmlFor="report-region">{t('report.region')}</label>
              <select id="report-region" name="regionCode" value={values.regionCode} onChange={(e) => set('regionCode', e.target.value)}>
                <option value="">{t('report.regionUnknown')}</option>
                {REPORT_REGIONS.map((r) => (
                  <option key={r.code} value={r.code}>
                    {localized(r.name, language)}
                  </option>
                ))}
              </select>
            </div>
            <div className="report-location">
              <button type="button" className="button" onClick={locate} data-testid="report-locate">
                {t('report.useLocation')}
              </button>
              {location && (
                <span data-testid="report-location">
                  {location.latitude}, {location.longitude}{' '}
                  <button type="button" className="button link" onClick={() => setLocation(null)}>
                    {t('report.clearLocation')}
                  </button>
                </span>
              )}
              {locationNote && <span className="muted">{locationNote}</span>}
            </div>
            <div className="report-trap" aria-hidden="true">
              <label htmlFor="report-website">Website</label>
              <input
                id="report-website"
                name="website"
                type="text"
                tabIndex={-1}
                autoComplete="off"
                value={values.website}
                onChange={(e) => set('website', e.target.value)}
              />
            </div>
            <button type="submit" className="button primary wide" disabled={!form || isSending}>
              {isSending ? t('report.sending') : t('report.send')}
            </button>
          </form>
        )}
        <p className="muted">
          <Link to="/login">{t('report.staffLogin')}</Link>
        </p>
      </main>
      <footer className="login-footer">
        <p>{t('layout.demoNote')}</p>
      </footer>
    </div>
  );
}
