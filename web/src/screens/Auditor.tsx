import { FormEvent, useState } from 'react';
import { api, download } from '../api';
import { Problem, Screen, Status, When, useReported, useWord } from '../components';
import { categories, Category, ItemStatus, statuses } from '../model';
import { href } from '../links';
import { queries, reads } from '../queries';
import { describeError, holds, useSession } from '../session';

/** What auditors check: the whole ledger, its signed checkpoints, the year's figures, and any item anywhere. */
export function AuditorDesk() {
  const { t, user } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const failed = (error: unknown) => setProblem(describeError(error, t));
  return (
    <Screen title={t('auditor.title')}>
      <Problem text={problem} />
      <LedgerSection onError={failed} canCheckpoint={holds(user, 'admin')} />
      <StatisticsSection onError={failed} />
      <SearchSection onError={failed} />
    </Screen>
  );
}

function LedgerSection({ onError, canCheckpoint }: { onError: (error: unknown) => void; canCheckpoint: boolean }) {
  const { t } = useSession();
  // verifying reads the whole ledger: only when asked
  const verifying = queries.useQuery('get', '/ledger/verify', {}, { enabled: false });
  const verdict = verifying.data;
  const busy = verifying.isFetching;
  const checkpointsRead = queries.useQuery('get', '/ledger/checkpoints', { params: { query: { pageSize: 10 } } });
  const checkpoints = checkpointsRead.data?.data ?? [];
  const making = queries.useMutation('post', '/ledger/checkpoints', { meta: { invalidates: [reads('/ledger/checkpoints')] }, onError });
  useReported(verifying.error ?? checkpointsRead.error, onError);
  const verify = () => void verifying.refetch();
  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('auditor.ledger')}</h2>
      <div className="row">
        <button type="button" onClick={verify} disabled={busy}>
          {busy ? t('auditor.verifying') : t('auditor.verify')}
        </button>
        {canCheckpoint && (
          <button type="button" className="secondary" onClick={() => making.mutate({})}>
            {t('auditor.makeCheckpoint')}
          </button>
        )}
      </div>
      {verdict && (
        <p className={`verification ${verdict.ok ? 'ok' : 'broken'}`} role="status" data-testid="ledger-verdict" data-ok={String(verdict.ok)}>
          <strong>
            {verdict.ok ? t('auditor.ledgerOk', { events: verdict.events }) : t('auditor.ledgerBroken', { sequence: verdict.firstBroken?.sequence ?? '?' })}
          </strong>
          {verdict.firstBroken && ` ${verdict.firstBroken.reason}`}
          {verdict.head && (
            <span className="hash">
              {' '}
              · {t('auditor.head')} #{verdict.head.sequence} {verdict.head.hash.slice(0, 16)}…
            </span>
          )}
        </p>
      )}
      <table>
        <caption>{t('auditor.checkpoints')}</caption>
        <thead>
          <tr>
            <th>{t('auditor.checkpointSize')}</th>
            <th>{t('auditor.checkpointRoot')}</th>
            <th>{t('auditor.checkpointKey')}</th>
            <th>{t('common.when')}</th>
          </tr>
        </thead>
        <tbody>
          {checkpoints.map((checkpoint) => (
            <tr key={checkpoint.treeSize}>
              <td>{checkpoint.treeSize}</td>
              <td className="hash">{checkpoint.rootHash.slice(0, 24)}…</td>
              <td>{checkpoint.keyId}</td>
              <td>
                <When at={checkpoint.createdAt} />
              </td>
            </tr>
          ))}
          {checkpoints.length === 0 && (
            <tr>
              <td colSpan={4}>{t('auditor.noCheckpoint')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function StatisticsSection({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const [year, setYear] = useState(new Date().getFullYear());
  const read = queries.useQuery('get', '/statistics', { params: { query: { year } } });
  const statistics = read.data;
  useReported(read.error, onError);
  const rows = statistics ? [...statistics.sites, { ...statistics.total, site: t('auditor.allSites'), name: '' }] : [];
  return (
    <section aria-labelledby="statistics-title">
      <h2 id="statistics-title">{t('auditor.statistics')}</h2>
      <div className="row">
        <label>
          {t('auditor.year')}
          <input type="number" min={2000} max={2100} value={year} onChange={(event) => setYear(Number(event.target.value))} />
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => download(api.GET('/statistics.csv', { params: { query: { year } }, parseAs: 'blob' }), `statistics-${year}.csv`).catch(onError)}
        >
          {t('auditor.csv')}
        </button>
      </div>
      <table data-testid="statistics">
        <thead>
          <tr>
            <th>{t('field.site')}</th>
            <th>{t('auditor.seizures')}</th>
            <th>{t('auditor.items')}</th>
            <th>{t('auditor.received')}</th>
            <th>{t('auditor.transferred')}</th>
            <th>{t('auditor.disposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.site}>
              <td>
                {row.site} {row.name && <span className="muted">{row.name}</span>}
              </td>
              <td>{row.seizures}</td>
              <td>{row.items}</td>
              <td>{row.received}</td>
              <td>{row.transferred}</td>
              <td>{row.disposed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SearchSection({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const [filters, setFilters] = useState({ caseNumber: '', site: '', status: '', category: '' });
  // the filters as last searched: the results follow them, not each key typed
  const [searched, setSearched] = useState<typeof filters | null>(null);
  const query = searched && {
    pageSize: 100,
    ...(searched.caseNumber && { caseNumber: searched.caseNumber }),
    ...(searched.site && { site: searched.site }),
    ...(searched.status && { status: searched.status as ItemStatus }),
    ...(searched.category && { category: searched.category as Category }),
  };
  const read = queries.useQuery('get', '/items', { params: { query: query ?? {} } }, { enabled: !!query });
  const results = read.data;
  useReported(read.error, onError);
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (JSON.stringify(searched) === JSON.stringify(filters)) void read.refetch();
    else setSearched({ ...filters });
  };
  const set = (field: keyof typeof filters) => (event: { target: { value: string } }) => setFilters({ ...filters, [field]: event.target.value });
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('auditor.search')}</h2>
      <form onSubmit={search} className="row">
        <label>
          {t('field.caseNumber')}
          <input value={filters.caseNumber} onChange={set('caseNumber')} />
        </label>
        <label>
          {t('field.site')}
          <input value={filters.site} onChange={set('site')} size={8} />
        </label>
        <label>
          {t('field.status')}
          <select value={filters.status} onChange={set('status')}>
            <option value="">{t('auditor.any')}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {word('status', status)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.category')}
          <select value={filters.category} onChange={set('category')}>
            <option value="">{t('auditor.any')}</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {word('category', category)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('auditor.searchButton')}</button>
      </form>
      {results && (
        <table data-testid="search-results">
          <caption>{t('auditor.found', { count: results.total })}</caption>
          <thead>
            <tr>
              <th>{t('field.item')}</th>
              <th>{t('field.site')}</th>
              <th>{t('field.caseNumber')}</th>
              <th>{t('field.category')}</th>
              <th>{t('field.description')}</th>
              <th>{t('field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {results.data.map((item) => (
              <tr key={item.code}>
                <td>
                  <a href={href('items', item.code)}>{item.code}</a>
                </td>
                <td>{item.site}</td>
                <td>{item.caseNumber}</td>
                <td>{word('category', item.category)}</td>
                <td>{item.description}</td>
                <td>
                  <Status status={item.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
