import { useEffect, useState } from 'react';
import { get, post, query } from '../api';
import { Problem, When, useWord } from '../components';
import { Printer, PrintJob } from '../model';
import { describeError, useSession } from '../session';

const finished = (job: PrintJob) => job.status === 'printed' || job.status === 'sent' || job.status === 'failed';

/**
 * Print these codes' labels on one of the site's printers, and follow the job until the printer
 * confirms: a failed attempt is said at once in the user's words while the retries go on, and a
 * printer last seen unreachable (or out of paper, open…) is warned about before printing.
 */
export function PrintLabels({
  site,
  codes,
  label,
  onPrinter,
}: {
  site: string;
  codes: string[];
  label?: string;
  onPrinter?: (printer: Printer | null) => void;
}) {
  const { t } = useSession();
  const word = useWord();
  const [printers, setPrinters] = useState<Printer[]>([]);
  const [printer, setPrinter] = useState('');
  const [job, setJob] = useState<PrintJob | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // the site's printers with their last known state, again once a job has ended (it saw the printer)
  useEffect(() => {
    if (job && !finished(job)) return;
    get<Printer[]>(`/printers${query({ site })}`)
      .then((found) => {
        const usable = found.filter((candidate) => !candidate.disabled);
        setPrinters(usable);
        setPrinter((current) => (usable.some((candidate) => candidate.id === current) ? current : (usable[0]?.id ?? '')));
      })
      .catch((error) => setProblem(describeError(error, t)));
  }, [site, job?.status]);
  const chosen = printers.find((candidate) => candidate.id === printer) ?? null;
  useEffect(() => {
    onPrinter?.(chosen);
  }, [printer, printers]);
  useEffect(() => {
    if (!job || finished(job)) return;
    const timer = setTimeout(
      () =>
        get<PrintJob>(`/print-jobs/${job.id}`)
          .then(setJob)
          .catch((error) => setProblem(describeError(error, t))),
      400,
    );
    return () => clearTimeout(timer);
  }, [job]);
  const print = async () => {
    setProblem(null);
    try {
      setJob(await post<PrintJob>('/print-jobs', { printer, codes }));
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };
  return (
    <section className="print" aria-label={t('labels.print')}>
      {printers.length === 0 ? (
        <p>{t('labels.noPrinter')}</p>
      ) : (
        <div className="row">
          <label>
            {t('labels.printer')}
            <select value={printer} onChange={(event) => setPrinter(event.target.value)}>
              {printers.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={print} disabled={!printer || codes.length === 0 || (job !== null && !finished(job))}>
            {label ?? t('labels.printAll', { count: codes.length })}
          </button>
        </div>
      )}
      {chosen && chosen.lastState && chosen.lastState !== 'ready' && (!job || !finished(job)) && (
        <p className="warning" role="alert" data-testid="printer-warning" data-state={chosen.lastState}>
          {t('labels.lastSeen')} {word('printerState', chosen.lastState)} (<When at={chosen.lastStateAt} />
          ). {t('labels.checkFirst')}
        </p>
      )}
      {job && (
        <p className={`job job-${job.status}`} role="status" data-testid="print-job" data-status={job.status} data-error={job.errorCode ?? undefined}>
          {t('labels.job', { count: job.codes.length, printer: job.printerName })} · <strong>{word('job', job.status)}</strong>
          {job.attempts > 1 && ` · ${t('labels.attempts', { count: job.attempts })}`}
          {job.status === 'printed' && (
            <>
              {' '}
              · <When at={job.printedAt} />
            </>
          )}
          {job.errorCode && (job.status === 'failed' || job.status === 'queued' || job.status === 'sending') && (
            <>
              {' '}
              · {t('labels.failedBecause')} {word('printerProblem', job.errorCode)}
              {job.status !== 'failed' && ` ${t('labels.retrying')}`}
            </>
          )}
        </p>
      )}
      <Problem text={problem} />
    </section>
  );
}
