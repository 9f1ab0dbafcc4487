import { useEffect, useState } from 'react';
import { Problem, When, useWord } from '../components';
import { Printer, PrintJob } from '../model';
import { queries, queryClient, reads } from '../queries';
import { problemOf, useSession } from '../session';

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
  const printersRead = queries.useQuery('get', '/printers', { params: { query: { site } } });
  const printers = (printersRead.data ?? []).filter((candidate) => !candidate.disabled);
  const [picked, setPrinter] = useState('');
  const printer = printers.some((candidate) => candidate.id === picked) ? picked : (printers[0]?.id ?? '');
  const chosen = printers.find((candidate) => candidate.id === printer) ?? null;
  useEffect(() => {
    onPrinter?.(chosen);
  }, [printer, printersRead.data]);
  const printing = queries.useMutation('post', '/print-jobs');
  // the job followed until the printer confirms or it fails for good
  const following = queries.useQuery(
    'get',
    '/print-jobs/{id}',
    { params: { path: { id: printing.data?.id ?? '' } } },
    { enabled: !!printing.data, refetchInterval: (query) => (query.state.data && finished(query.state.data) ? false : 400) },
  );
  const job = following.data ?? printing.data ?? null;
  // the site's printers with their last known state, again once a job has ended (it saw the printer)
  const ended = job !== null && finished(job);
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: reads('/printers') });
  }, [ended]);
  const problem = problemOf(t, printing.error, following.error, printersRead.error);
  const print = () => printing.mutate({ body: { printer, codes } });
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
