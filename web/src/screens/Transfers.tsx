import { FormEvent, useState } from 'react';
import { Problem, Screen, When, useWord } from '../components';
import { go, href } from '../links';
import { queries } from '../queries';
import { problemOf, sitesOf, useSession } from '../session';

/** Incoming and outgoing transfers of the user's sites. */
export function Transfers() {
  const { t, user } = useSession();
  const word = useWord();
  const sites = sitesOf(user);
  const [site, setSite] = useState(sites[0] ?? '');
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const read = queries.useQuery('get', '/transfers', { params: { query: { site, direction, pageSize: 100 } } }, { enabled: !!site });
  const transfers = read.data?.data ?? [];
  const problem = problemOf(t, read.error);
  return (
    <Screen
      title={t('transfers.title')}
      actions={
        <a className="button" href={href('transfers', 'new')}>
          {t('transfers.new')}
        </a>
      }
    >
      <div className="row">
        {sites.length > 1 && (
          <label>
            {t('field.site')}
            <select value={site} onChange={(event) => setSite(event.target.value)}>
              {sites.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
        )}
        <div className="tabs" role="group" aria-label={t('transfers.direction')}>
          <button type="button" aria-pressed={direction === 'incoming'} onClick={() => setDirection('incoming')}>
            {t('transfers.incoming')}
          </button>
          <button type="button" aria-pressed={direction === 'outgoing'} onClick={() => setDirection('outgoing')}>
            {t('transfers.outgoing')}
          </button>
        </div>
      </div>
      <Problem text={problem} />
      <table data-testid="transfer-list">
        <thead>
          <tr>
            <th>{t('field.transfer')}</th>
            <th>{t('field.status')}</th>
            <th>{t('transfers.from')}</th>
            <th>{t('transfers.to')}</th>
            <th>{t('transfers.itemsCount')}</th>
            <th>{t('transfers.created')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {transfers.map((transfer) => (
            <tr key={transfer.code}>
              <td>
                <a href={href('transfers', transfer.code)}>{transfer.code}</a>
              </td>
              <td>
                <span className={`badge transfer-${transfer.status}`}>{word('transferStatus', transfer.status)}</span>
              </td>
              <td>{transfer.fromSite}</td>
              <td>{transfer.toSite}</td>
              <td>{transfer.counts.items}</td>
              <td>
                <When at={transfer.createdAt} />
              </td>
              <td>
                {direction === 'incoming' && transfer.status === 'dispatched' && (
                  <a className="button" href={href('transfers', transfer.code, 'receive')}>
                    {t('transfers.receive')}
                  </a>
                )}
              </td>
            </tr>
          ))}
          {transfers.length === 0 && (
            <tr>
              <td colSpan={7}>{t('transfers.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </Screen>
  );
}

/** A new manifest: where it goes and why; its items are then scanned onto it. */
export function NewTransfer() {
  const { t, user } = useSession();
  const sites = sitesOf(user, 'evidence_officer', 'registry_clerk', 'confiscation_officer', 'lab_analyst');
  const [fromSite, setFromSite] = useState(sites[0] ?? '');
  const [toSite, setToSite] = useState('');
  const [purpose, setPurpose] = useState('');
  const directoryRead = queries.useQuery('get', '/sites/directory');
  const directory = directoryRead.data ?? [];
  const creating = queries.useMutation('post', '/transfers', { onSuccess: (transfer) => go('transfers', transfer.code) });
  const problem = problemOf(t, creating.error, directoryRead.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    creating.mutate({ body: { toSite, ...(sites.length > 1 && { fromSite }), ...(purpose.trim() && { purpose: purpose.trim() }) } });
  };
  return (
    <Screen title={t('transfers.new')}>
      <form onSubmit={submit} className="narrow">
        {sites.length > 1 && (
          <label>
            {t('transfers.from')}
            <select value={fromSite} onChange={(event) => setFromSite(event.target.value)}>
              {sites.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('transfers.to')}
          <select name="toSite" required value={toSite} onChange={(event) => setToSite(event.target.value)}>
            <option value="">{t('transfers.chooseSite')}</option>
            {directory
              .filter((site) => site.code !== fromSite)
              .map((site) => (
                <option key={site.code} value={site.code}>
                  {site.code} · {site.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('field.purpose')}
          <input name="purpose" maxLength={500} value={purpose} onChange={(event) => setPurpose(event.target.value)} />
        </label>
        <Problem text={problem} />
        <button type="submit">{t('transfers.create')}</button>
      </form>
    </Screen>
  );
}
