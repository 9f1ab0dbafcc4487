import { useEffect, useState } from 'react';
import { get, post, query } from '../api';
import { Problem, When, useWord } from '../components';
import { Printer, PrintJob } from '../model';
import { describeError, useSession } from '../session';

/** Print these codes' labels on one of the site's printers, and follow the job until the printer confirms. */
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
  useEffect(() => {
    get<Printer[]>(`/printers${query({ site })}`)
      .then((found) => {
        const usable = found.filter((candidate) => !candidate.disabled);
        setPrinters(usable);
        setPrinter(usable[0]?.id ?? '');
      })
      .catch((error) => setProblem(describeError(error, t)));
  }, [site]);
  useEffect(() => {
    onPrinter?.(printers.find((candidate) => candidate.id === printer) ?? null);
  }, [printer, printers]);
  useEffect(() => {
    if (!job || job.status === 'printed' || job.status === 'failed') return;
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
          <button
            type="button"
            onClick={print}
            disabled={!printer || codes.length === 0 || (job !== null && job.status !== 'printed' && job.status !== 'failed')}
          >
            {label ?? t('labels.printAll', { count: codes.length })}
          </button>
        </div>
      )}
      {job && (
        <p className={`job job-${job.status}`} role="status" data-testid="print-job" data-status={job.status}>
          {t('labels.job', { count: job.codes.length, printer: job.printerName })} · <strong>{word('job', job.status)}</strong>
          {job.attempts > 1 && ` · ${t('labels.attempts', { count: job.attempts })}`}
          {job.status === 'printed' && (
            <>
              {' '}
              · <When at={job.printedAt} />
            </>
          )}
          {job.status === 'failed' && job.error && (
            <>
              {' '}
              · {t('labels.failedBecause')} {job.error}
            </>
          )}
        </p>
      )}
      <Problem text={problem} />
    </section>
  );
}
