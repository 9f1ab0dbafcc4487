import { useCallback, useEffect, useState } from 'react';
import { download, encode, get } from '../api';
import { LabelPreview, Problem, Screen, Status, When, useWord } from '../components';
import { CustodyEvent, Item, Page, Printer, ScanResult, Verification } from '../model';
import { href } from '../router';
import { describeError, holds, sitesOf, useSession } from '../session';
import { PrintLabels } from './Printing';
import { ItemActions } from './ItemActions';

/** Everything about an item, its custody timeline, and whether its chain verifies. */
export function ItemPage({ code }: { code: string }) {
  const { t, user } = useSession();
  const word = useWord();
  const [item, setItem] = useState<Item | null>(null);
  const [history, setHistory] = useState<CustodyEvent[]>([]);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [printer, setPrinter] = useState<Printer | null>(null);
  const [place, setPlace] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(async () => {
    setProblem(null);
    const failed = (error: unknown) => setProblem(describeError(error, t));
    await Promise.all([
      get<Item>(`/items/${encode(code)}`)
        .then(setItem)
        .catch(failed),
      get<CustodyEvent[]>(`/items/${encode(code)}/history`)
        .then(setHistory)
        .catch(failed),
      get<Verification>(`/items/${encode(code)}/verification`)
        .then(setVerification)
        .catch(failed),
    ]);
  }, [code]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    setPlace(null);
    if (item?.location)
      get<ScanResult>(`/scan/${encode(item.location)}`)
        .then((found) => setPlace(found.path ?? null))
        .catch(() => undefined);
  }, [item?.location]);
  if (!item)
    return (
      <Screen title={code}>
        <Problem text={problem} />
      </Screen>
    );
  const fetchFile = (path: string, name: string) => download(path, name).catch((error) => setProblem(describeError(error, t)));
  return (
    <Screen
      title={t('item.title', { code: item.code })}
      actions={
        <>
          <button type="button" className="secondary" onClick={() => fetchFile(`/items/${encode(code)}/custody-report.pdf`, `custody-report-${code}.pdf`)}>
            {t('item.report')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!verification?.checkpoint}
            title={verification?.checkpoint ? undefined : t('item.noCheckpoint')}
            onClick={() => fetchFile(`/items/${encode(code)}/proof`, `proof-${code}.json`)}
          >
            {t('item.proof')}
          </button>
        </>
      }
    >
      <Problem text={problem} />
      <VerificationBadge verification={verification} />
      <div className="item-head">
        <LabelPreview code={item.code} printer={printer} />
        <dl className="facts" data-testid="item-facts">
          <div>
            <dt>{t('field.status')}</dt>
            <dd>
              <Status status={item.status} />
              {item.sealDamaged && <span className="badge status-missing">{t('item.sealDamaged')}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('field.category')}</dt>
            <dd>{word('category', item.category)}</dd>
          </div>
          <div>
            <dt>{t('field.description')}</dt>
            <dd>{item.description}</dd>
          </div>
          <div>
            <dt>{t('field.quantity')}</dt>
            <dd>
              {item.quantity} {item.unit}
            </dd>
          </div>
          <div>
            <dt>{t('field.caseNumber')}</dt>
            <dd>
              <a href={href('seizures', item.seizure)}>{item.caseNumber}</a>
            </dd>
          </div>
          <div>
            <dt>{t('field.site')}</dt>
            <dd>{item.site}</dd>
          </div>
          <div>
            <dt>{t('field.location')}</dt>
            <dd>{item.location ? <a href={href('locations', item.location)}>{place ?? item.location}</a> : '—'}</dd>
          </div>
          <div>
            <dt>{t('field.transfer')}</dt>
            <dd>{item.transfer ? <a href={href('transfers', item.transfer)}>{item.transfer}</a> : '—'}</dd>
          </div>
          <div>
            <dt>{t('field.custodian')}</dt>
            <dd>{item.custodian ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('field.sealNumber')}</dt>
            <dd>{item.sealNumber ?? '—'}</dd>
          </div>
          {item.parent && (
            <div>
              <dt>{t('item.sampledFrom')}</dt>
              <dd>
                <a href={href('items', item.parent)}>{item.parent}</a>
              </dd>
            </div>
          )}
          {item.reviewOn && (
            <div>
              <dt>{t('item.reviewOn')}</dt>
              <dd>{item.reviewOn}</dd>
            </div>
          )}
        </dl>
      </div>
      {sitesOf(user).includes(item.site) && (
        <>
          <PrintLabels site={item.site} codes={[item.code]} label={t('labels.reprint')} onPrinter={setPrinter} />
          <ItemActions item={item} onDone={load} />
        </>
      )}
      {holds(user, 'auditor', 'admin') && <ItemReads code={item.code} onProblem={setProblem} />}
      <h2>{t('item.timeline')}</h2>
      <ol className="timeline" data-testid="timeline">
        {history.map((event) => (
          <li key={event.sequence} data-type={event.type}>
            <span className={`badge event-${event.type}`}>{word('event', event.type)}</span>
            <When at={event.occurredAt} /> · {event.actor}
            {event.site && ` · ${event.site}`}
            {event.location && (
              <>
                {' '}
                · <a href={href('locations', event.location)}>{event.location}</a>
              </>
            )}
            {event.transfer && (
              <>
                {' '}
                · <a href={href('transfers', event.transfer)}>{event.transfer}</a>
              </>
            )}
            {event.reason && <div className="reason">{event.reason}</div>}
            <div className="hash" title={t('item.hash')}>
              #{event.sequence} · {event.hash.slice(0, 16)}…
            </div>
          </li>
        ))}
      </ol>
    </Screen>
  );
}

interface ItemRead {
  readAt: string;
  reader: string;
  what: string;
  sourceAddress: string;
}

/** For auditors and administrators: who read this item, newest first, and the whole list as CSV. */
function ItemReads({ code, onProblem }: { code: string; onProblem: (problem: string) => void }) {
  const { t } = useSession();
  const word = useWord();
  const [reads, setReads] = useState<Page<ItemRead> | null>(null);
  useEffect(() => {
    get<Page<ItemRead>>(`/items/${encode(code)}/reads?pageSize=50`)
      .then(setReads)
      .catch((error) => onProblem(describeError(error, t)));
  }, [code]);
  return (
    <section data-testid="item-reads">
      <h2>{t('item.reads', { count: reads?.total ?? 0 })}</h2>
      <button
        type="button"
        className="secondary"
        onClick={() => download(`/items/${encode(code)}/reads.csv`, `reads-${code}.csv`).catch((error) => onProblem(describeError(error, t)))}
      >
        {t('item.readsCsv')}
      </button>
      <table>
        <thead>
          <tr>
            <th>{t('item.readAt')}</th>
            <th>{t('item.reader')}</th>
            <th>{t('item.readWhat')}</th>
            <th>{t('item.readFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {reads?.data.map((read, index) => (
            <tr key={index}>
              <td>
                <When at={read.readAt} />
              </td>
              <td>{read.reader}</td>
              <td>{word('read', read.what)}</td>
              <td>{read.sourceAddress}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function VerificationBadge({ verification }: { verification: Verification | null }) {
  const { t } = useSession();
  if (!verification)
    return (
      <p className="verification pending" role="status">
        {t('item.verifying')}
      </p>
    );
  if (!verification.ok) {
    return (
      <div className="verification broken" role="alert" data-testid="verification" data-ok="false">
        <strong>{t('item.chainBroken')}</strong>
        <ul>
          {verification.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="verification ok" role="status" data-testid="verification" data-ok="true">
      <strong>{t('item.chainVerified')}</strong>{' '}
      {verification.checkpoint
        ? t('item.chainAnchored', { events: verification.events, anchored: verification.anchoredEvents, size: verification.checkpoint.treeSize })
        : t('item.chainNotAnchored', { events: verification.events })}
    </p>
  );
}
