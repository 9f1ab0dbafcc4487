import { KeyboardEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { Outcome, sound } from './feedback';
import { queries } from './queries';
import { knows, useSession } from './session';
import { Phrase } from './i18n/en';
import { Language, Printer } from './model';

export interface Notice {
  outcome: Outcome;
  text: string;
}

/**
 * The field a USB scanner types into (code, then Enter). It takes the focus back whenever nothing
 * else holds it, so a clerk can scan without touching the mouse.
 */
export function ScanField({
  label,
  onScan,
  notice,
  busy,
  testId = 'scan-field',
}: {
  label: string;
  onScan: (code: string) => void;
  notice?: Notice | null;
  busy?: boolean;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const { t } = useSession();
  useEffect(() => {
    // focus lost to nothing (a click on the page, a list that re-rendered): back to the field
    const lost = () =>
      setTimeout(() => {
        if (!document.activeElement || document.activeElement === document.body) input.current?.focus();
      }, 0);
    // after a button or a tick box, the next thing a clerk does is scan: the field takes the keys again
    const clicked = () =>
      setTimeout(() => {
        if (!takesTyping(document.activeElement)) input.current?.focus();
      }, 0);
    input.current?.focus();
    document.addEventListener('focusout', lost);
    document.addEventListener('click', clicked);
    return () => {
      document.removeEventListener('focusout', lost);
      document.removeEventListener('click', clicked);
    };
  }, []);
  // counts the answers shown, so that a test (or a screen reader) can tell a repeated answer from the last one
  const [answers, setAnswers] = useState(0);
  useEffect(() => {
    if (!notice) return;
    sound(notice.outcome);
    setAnswers((count) => count + 1);
  }, [notice]);
  const scanned = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const code = value.trim().toUpperCase();
    setValue('');
    if (code) onScan(code);
  };
  return (
    <div className={`scan ${notice ? `scan-${notice.outcome}` : ''}`}>
      <label htmlFor={testId}>{label}</label>
      <div className="scan-row">
        <input
          id={testId}
          data-testid={testId}
          ref={input}
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-busy={busy}
          placeholder={t('scan.placeholder')}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={scanned}
        />
        <CameraScanner onScan={onScan} />
      </div>
      <p
        className="scan-notice"
        role="status"
        aria-live="assertive"
        data-testid={`${testId}-notice`}
        data-outcome={notice?.outcome ?? ''}
        data-answers={answers}
      >
        {notice?.text ?? ' '}
      </p>
    </div>
  );
}

function takesTyping(element: Element | null): boolean {
  if (element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type);
}

/** Scanning with a phone's or tablet's camera, for desks without a USB scanner. */
function CameraScanner({ onScan }: { onScan: (code: string) => void }) {
  const { t } = useSession();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!open) return;
    let stop = () => undefined as void;
    let cancelled = false;
    (async () => {
      try {
        const { BrowserMultiFormatReader } = await import('@zxing/library');
        const reader = new BrowserMultiFormatReader();
        stop = () => reader.reset();
        if (cancelled) return stop();
        await reader.decodeFromVideoDevice(null, video.current!, (result) => {
          if (!result) return;
          stop();
          setOpen(false);
          onScan(result.getText().trim().toUpperCase());
        });
      } catch {
        setProblem(t('scan.cameraUnavailable'));
        setOpen(false);
      }
    })();
    return () => {
      cancelled = true;
      stop();
    };
  }, [open]);
  if (!navigator.mediaDevices?.getUserMedia) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => (setProblem(null), setOpen(!open))} aria-pressed={open}>
        {open ? t('scan.cameraStop') : t('scan.camera')}
      </button>
      {open && <video ref={video} className="camera" muted playsInline aria-label={t('scan.camera')} />}
      {problem && <span className="problem">{problem}</span>}
    </>
  );
}

export function Screen({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Custody`;
  }, [title]);
  return (
    <main>
      <header className="screen-header">
        <h1>{title}</h1>
        {actions && <div className="actions">{actions}</div>}
      </header>
      {children}
    </main>
  );
}

export function Problem({ text }: { text: string | null }) {
  return text ? (
    <p className="problem" role="alert">
      {text}
    </p>
  ) : null;
}

/** A word for an API enum value (status, category, event type), or the value itself if the screens do not know it yet. */
export function useWord() {
  const { t } = useSession();
  return (group: string, value: string | null | undefined) => {
    if (!value) return '—';
    const key = `${group}.${value}`;
    return knows(key) ? t(key as Phrase) : value;
  };
}

export function Status({ status }: { status: string }) {
  const word = useWord();
  return <span className={`badge status-${status}`}>{word('status', status)}</span>;
}

/** The label as the chosen printer will print it (its media and resolution), or on 4×2 in labels when none is chosen. */
export function LabelPreview({ code, printer }: { code: string; printer?: Printer | null }) {
  const { t } = useSession();
  const label = queries.useQuery('get', '/labels/{file}', {
    params: { path: { file: `${code}.png` }, query: printer ? { size: printer.size, dpi: printer.dpi as 203 | 300 } : {} },
    parseAs: 'blob',
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!label.data) return setUrl(null);
    const made = URL.createObjectURL(label.data as unknown as Blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [label.data]);
  return url ? <img className="label-preview" src={url} alt={t('labels.previewOf', { code })} /> : <div className="label-preview placeholder">{code}</div>;
}

export function When({ at }: { at: string | null | undefined }) {
  const { language } = useSession();
  if (!at) return <>—</>;
  return <time dateTime={at}>{new Date(at).toLocaleString(language === 'en' ? 'en-GB' : `${language}-BE`, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}

/** Hands a read's refusal to a screen's one problem line, once per refusal. */
export function useReported(error: unknown, onError: (error: unknown) => void) {
  useEffect(() => {
    if (error) onError(error);
  }, [error]);
}

export function LanguageSelect({ language, onChange, label }: { language: Language; onChange: (language: Language) => void; label: string }) {
  return (
    <label className="language">
      <span className="visually-hidden">{label}</span>
      <select value={language} onChange={(event) => onChange(event.target.value as Language)} data-testid="language">
        <option value="en">English</option>
        <option value="fr">Français</option>
        <option value="nl">Nederlands</option>
      </select>
    </label>
  );
}
