import { useState } from 'react';
import { api, download } from '../api';
import { LabelPreview, Problem, Screen, Status, When, useReported, useWord } from '../components';
import { Printer, Schemas } from '../model';
import { href } from '../links';
import { queries } from '../queries';
import { describeError, holds, problemOf, sitesOf, useSession } from '../session';
import { PrintLabels } from './Printing';
import { ItemActions } from './ItemActions';

/** Everything about an item, its custody timeline, and whether its chain verifies. */
export function ItemPage({ code }: { code: string }) {
  const { t, user } = useSession();
  const word = useWord();
  const path = { code };
  const itemRead = queries.useQuery('get', '/items/{code}', { params: { path } });
  const historyRead = queries.useQuery('get', '/items/{code}/history', { params: { path } });
  const verificationRead = queries.useQuery('get', '/items/{code}/verification', { params: { path } });
  const item = itemRead.data;
  const history = historyRead.data ?? [];
  const verification = verificationRead.data ?? null;
  const place = queries.useQuery('get', '/locations/{code}', { params: { path: { code: item?.location ?? '' } } }, { enabled: !!item?.location }).data?.path;
  const [printer, setPrinter] = useState<Printer | null>(null);
  const [fileProblem, setFileProblem] = useState<unknown>(null);
  const [readsProblem, setReadsProblem] = useState<string | null>(null);
  const problem = problemOf(t, fileProblem, itemRead.error, historyRead.error, verificationRead.error) ?? readsProblem;
  if (!item)
    return (
      <Screen title={code}>
        <Problem text={problem} />
      </Screen>
    );
  const fetchFile = (file: Promise<{ data?: unknown }>, name: string) => download(file, name).catch(setFileProblem);
  return (
    <Screen
      title={t('item.title', { code: item.code })}
      actions={
        <>
          <button
            type="button"
            className="secondary"
            onClick={() => fetchFile(api.GET('/items/{code}/custody-report.pdf', { params: { path }, parseAs: 'blob' }), `custody-report-${code}.pdf`)}
          >
            {t('item.report')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!verification?.checkpoint}
            title={verification?.checkpoint ? undefined : t('item.noCheckpoint')}
            onClick={() => fetchFile(api.GET('/items/{code}/proof', { params: { path }, parseAs: 'blob' }), `proof-${code}.json`)}
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
          <ItemActions item={item} />
        </>
      )}
      {holds(user, 'auditor', 'admin') && <ItemReads code={item.code} onProblem={setReadsProblem} />}
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

/** For auditors and administrators: who read this item, newest first, and the whole list as CSV. */
function ItemReads({ code, onProblem }: { code: string; onProblem: (problem: string) => void }) {
  const { t } = useSession();
  const word = useWord();
  const path = { code };
  const reads = queries.useQuery('get', '/items/{code}/reads', { params: { path, query: { pageSize: 50 } } });
  useReported(reads.error, (error) => onProblem(describeError(error, t)));
  return (
    <section data-testid="item-reads">
      <h2>{t('item.reads', { count: reads.data?.total ?? 0 })}</h2>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          download(api.GET('/items/{code}/reads.csv', { params: { path }, parseAs: 'blob' }), `reads-${code}.csv`).catch((error) =>
            onProblem(describeError(error, t)),
          )
        }
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
          {reads.data?.data.map((read, index) => (
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

function VerificationBadge({ verification }: { verification: Schemas['ItemVerificationDoc'] | null }) {
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
