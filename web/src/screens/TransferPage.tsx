import { FormEvent, useState } from 'react';
import { ApiError, api, download, witnessOf } from '../api';
import { Notice, Problem, ScanField, Screen, When, useWord } from '../components';
import { Transfer, witnessNeeded } from '../model';
import { href } from '../links';
import { queries, reads } from '../queries';
import { describeError, problemOf, sitesOf, useSession } from '../session';
import { scanProblem } from './ScanDesk';
import { PrintLabels } from './Printing';

/** One transfer: built by scanning while a draft, dispatched with a witness if needed, received by scanning at the other end. */
export function TransferPage({ code, mode }: { code: string; mode: 'view' | 'receive' }) {
  const { t, user, policy } = useSession();
  const word = useWord();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [witnessAsked, setWitnessAsked] = useState(false);
  const [witness, setWitness] = useState({ username: '', password: '', otp: '' });
  const [damaged, setDamaged] = useState(false);
  const [damageNote, setDamageNote] = useState('');
  const [fileProblem, setFileProblem] = useState<unknown>(null);
  const path = { code };
  const read = queries.useQuery('get', '/transfers/{code}', { params: { path } });
  const transfer = read.data;
  const changes = { meta: { invalidates: [reads('/transfers/{code}', { path })] } };
  const adding = queries.useMutation('post', '/transfers/{code}/items', changes);
  const receiving = queries.useMutation('post', '/transfers/{code}/receipts', changes);
  const removing = queries.useMutation('delete', '/transfers/{code}/items/{item}', changes);
  const cancelling = queries.useMutation('post', '/transfers/{code}/cancel', changes);
  const closing = queries.useMutation('post', '/transfers/{code}/close', changes);
  const dispatching = queries.useMutation('post', '/transfers/{code}/dispatch', {
    ...changes,
    onError: (error) => error instanceof ApiError && error.code === 'WITNESS_REQUIRED' && setWitnessAsked(true),
  });
  const missingAfterClose = closing.data ? (closing.data.missing ?? []) : null;
  const problem = problemOf(t, fileProblem, dispatching.error, cancelling.error, closing.error, removing.error, read.error);
  if (!transfer)
    return (
      <Screen title={code}>
        <Problem text={problem} />
      </Screen>
    );

  const mySites = sitesOf(user);
  const sending = mySites.includes(transfer.fromSite);
  const receivingHere = mySites.includes(transfer.toSite) && transfer.status === 'dispatched';
  const lines = transfer.items ?? [];
  const needsWitness =
    witnessAsked ||
    witnessNeeded(
      policy,
      'dispatch',
      lines.filter((line) => line.state !== 'cancelled').map((line) => line.category),
    );

  const addItem = async (scanned: string) => {
    if (lines.some((line) => line.code === scanned && line.state === 'listed'))
      return setNotice({ outcome: 'warning', text: t('transfer.alreadyOn', { code: scanned }) });
    try {
      await adding.mutateAsync({ params: { path }, body: { items: [scanned] } });
      setNotice({ outcome: 'ok', text: t('transfer.added', { code: scanned }) });
    } catch (error) {
      setNotice({
        outcome: error instanceof ApiError && error.status === 404 ? 'warning' : 'error',
        text: error instanceof ApiError && error.status === 404 ? scanProblem(error, scanned, t) : `${scanned}: ${describeError(error, t)}`,
      });
    }
  };
  const receive = async (scanned: string) => {
    try {
      const line = damaged ? { code: scanned, sealIntact: false, ...(damageNote.trim() && { note: damageNote.trim() }) } : scanned;
      const result = await receiving.mutateAsync({ params: { path }, body: { items: [line] } });
      if (result.unexpected.includes(scanned)) setNotice({ outcome: 'warning', text: t('receive.unexpected', { code: scanned }) });
      else if (result.alreadyReceived.includes(scanned)) setNotice({ outcome: 'warning', text: t('receive.already', { code: scanned }) });
      else if (result.damaged.includes(scanned)) setNotice({ outcome: 'warning', text: t('receive.damaged', { code: scanned }) });
      else setNotice({ outcome: 'ok', text: t('receive.received', { code: scanned, outstanding: result.outstanding }) });
      setDamaged(false);
      setDamageNote('');
    } catch (error) {
      setNotice({
        outcome: 'error',
        text: error instanceof ApiError && error.status === 400 ? scanProblem(error, scanned, t) : `${scanned}: ${describeError(error, t)}`,
      });
    }
  };
  const dispatch = (event: FormEvent) => {
    event.preventDefault();
    dispatching.mutate({ params: { path }, body: needsWitness ? { witness: witnessOf(witness.username, witness.password, witness.otp) } : {} });
  };
  const close = () => {
    if (!window.confirm(t('receive.confirmClose', { count: transfer.counts.inTransit }))) return;
    closing.mutate({ params: { path } });
  };

  return (
    <Screen
      title={t('transfer.title', { code })}
      actions={
        <>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              download(api.GET('/transfers/{code}/manifest.pdf', { params: { path }, parseAs: 'blob' }), `manifest-${code}.pdf`).catch(setFileProblem)
            }
          >
            {t('transfer.manifest')}
          </button>
          {receivingHere && mode !== 'receive' && (
            <a className="button" href={href('transfers', code, 'receive')}>
              {t('transfers.receive')}
            </a>
          )}
        </>
      }
    >
      <p className="lead" data-testid="transfer-status">
        <span className={`badge transfer-${transfer.status}`}>{word('transferStatus', transfer.status)}</span> {transfer.fromSite} → {transfer.toSite}
        {transfer.purpose && ` · ${transfer.purpose}`} · {t('transfer.createdBy', { user: transfer.createdBy })} <When at={transfer.createdAt} />
        {transfer.witness && ` · ${t('transfer.witness', { user: transfer.witness })}`}
      </p>
      <Problem text={problem} />

      {transfer.status === 'draft' && sending && (
        <section aria-label={t('transfer.build')}>
          <ScanField label={t('transfer.scanToAdd')} onScan={addItem} notice={notice} />
          <form onSubmit={dispatch} className="row">
            {needsWitness && (
              <fieldset className="witness">
                <legend>{t('transfer.witnessLegend')}</legend>
                <p>{t('transfer.witnessWhy')}</p>
                <label>
                  {t('signIn.username')}
                  <input
                    name="witnessUsername"
                    autoComplete="off"
                    required
                    value={witness.username}
                    onChange={(event) => setWitness({ ...witness, username: event.target.value })}
                  />
                </label>
                <label>
                  {t('signIn.password')}
                  <input
                    name="witnessPassword"
                    type="password"
                    autoComplete="off"
                    required
                    value={witness.password}
                    onChange={(event) => setWitness({ ...witness, password: event.target.value })}
                  />
                </label>
                <label>
                  {t('witness.code')}
                  <input
                    name="witnessCode"
                    inputMode="numeric"
                    autoComplete="off"
                    value={witness.otp}
                    onChange={(event) => setWitness({ ...witness, otp: event.target.value })}
                  />
                </label>
              </fieldset>
            )}
            <button type="submit" disabled={lines.filter((line) => line.state === 'listed').length === 0}>
              {t('transfer.dispatch', { count: transfer.counts.items })}
            </button>
            <button type="button" className="secondary" onClick={() => window.confirm(t('transfer.confirmCancel')) && cancelling.mutate({ params: { path } })}>
              {t('transfer.cancel')}
            </button>
          </form>
        </section>
      )}
      {transfer.status !== 'draft' && transfer.status !== 'cancelled' && sending && (
        <PrintLabels site={transfer.fromSite} codes={[code]} label={t('labels.printTransfer')} />
      )}

      {mode === 'receive' && receivingHere && (
        <section aria-label={t('receive.title')} className="receive">
          <ScanField label={t('receive.scan')} onScan={receive} notice={notice} />
          <div className="row">
            <label className="check">
              <input type="checkbox" name="sealDamaged" checked={damaged} onChange={(event) => setDamaged(event.target.checked)} /> {t('receive.sealDamaged')}
            </label>
            {damaged && (
              <label>
                {t('field.note')}
                <input
                  name="damageNote"
                  maxLength={500}
                  value={damageNote}
                  onChange={(event) => setDamageNote(event.target.value)}
                  onKeyDown={(event) => event.key === 'Enter' && (event.preventDefault(), document.getElementById('scan-field')?.focus())}
                />
              </label>
            )}
            <button type="button" onClick={close}>
              {t('receive.close')}
            </button>
          </div>
        </section>
      )}
      {missingAfterClose && (
        <p className="problem" role="status" data-testid="closed-missing">
          {missingAfterClose.length ? t('receive.closedMissing', { codes: missingAfterClose.join(', ') }) : t('receive.closedComplete')}
        </p>
      )}

      {transfer.status !== 'draft' && <Counts transfer={transfer} />}
      <table data-testid="transfer-lines">
        <caption>{t('transfer.lines')}</caption>
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th>{t('field.state')}</th>
            <th>{t('field.category')}</th>
            <th>{t('field.description')}</th>
            <th>{t('field.sealNumber')}</th>
            <th>{t('field.caseNumber')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.code} className={`line-${line.state}`} data-testid="transfer-line" data-code={line.code} data-state={line.state}>
              <td>
                <a href={href('items', line.code)}>{line.code}</a>
              </td>
              <td>
                <span className={`badge line-${line.state}`}>{word('line', line.state)}</span>
                {line.sealIntact === false && <span className="badge status-missing">{t('receive.sealDamagedShort')}</span>}
              </td>
              <td>{word('category', line.category)}</td>
              <td>{line.description}</td>
              <td>{line.sealNumber ?? '—'}</td>
              <td>{line.caseNumber}</td>
              <td>
                {transfer.status === 'draft' && sending && line.state === 'listed' && (
                  <button type="button" className="secondary" onClick={() => removing.mutate({ params: { path: { code, item: line.code } } })}>
                    {t('transfer.removeItem')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(transfer.unexpected?.length ?? 0) > 0 && (
        <section className="unexpected" data-testid="unexpected">
          <h2>{t('receive.unexpectedTitle')}</h2>
          <ul>
            {transfer.unexpected!.map((item) => (
              <li key={item}>
                <a href={href('items', item)}>{item}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Screen>
  );
}

function Counts({ transfer }: { transfer: Transfer }) {
  const { t } = useSession();
  const { counts } = transfer;
  const expected = counts.items;
  return (
    <dl className="counts" data-testid="transfer-counts">
      <div>
        <dt>{t('receive.expected')}</dt>
        <dd data-testid="count-expected">{expected}</dd>
      </div>
      <div className="ok">
        <dt>{t('receive.receivedCount')}</dt>
        <dd data-testid="count-received">{counts.received}</dd>
      </div>
      <div className="waiting">
        <dt>{t('receive.outstanding')}</dt>
        <dd data-testid="count-outstanding">{counts.inTransit}</dd>
      </div>
      <div className="bad">
        <dt>{t('receive.missing')}</dt>
        <dd data-testid="count-missing">{counts.missing}</dd>
      </div>
      <div className="warn">
        <dt>{t('receive.unexpectedCount')}</dt>
        <dd data-testid="count-unexpected">{counts.unexpected}</dd>
      </div>
      <div className="warn">
        <dt>{t('receive.damagedCount')}</dt>
        <dd data-testid="count-damaged">{counts.damaged}</dd>
      </div>
    </dl>
  );
}
