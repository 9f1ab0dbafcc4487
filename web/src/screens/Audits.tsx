import { FormEvent, useState } from 'react';
import { answerOf, api, download } from '../api';
import { Notice, Problem, ScanField, Screen, When, useWord } from '../components';
import { go, href } from '../links';
import { queries, reads } from '../queries';
import { describeError, holds, problemOf, sitesOf, useSession } from '../session';
import { scanProblem } from './ScanDesk';

const sampleKey = (id: string) => `custody.audit-sample.${id}`;

/** Audits of the user's sites (every site for auditors), and starting one: a shelf, the whole site, or a random sample. */
export function Audits() {
  const { t, user } = useSession();
  const word = useWord();
  const own = sitesOf(user);
  // an auditor holds no site role: every site is theirs to audit
  const everySite = queries.useQuery('get', '/sites', {}, { enabled: own.length === 0 && holds(user, 'auditor') });
  const sites = own.length ? own : (everySite.data ?? []).map((entry) => entry.code);
  const [picked, setSite] = useState('');
  const site = picked || (sites[0] ?? '');
  const [kind, setKind] = useState<'location' | 'site' | 'random'>('location');
  const [location, setLocation] = useState('');
  const auditsRead = queries.useQuery('get', '/audits', { params: { query: { site } } }, { enabled: !!site });
  const audits = auditsRead.data ?? [];
  const sampling = queries.useMutation('post', '/audits/random');
  const starting = queries.useMutation('post', '/audits');
  const [startProblem, setStartProblem] = useState<string | null>(null);
  const problem = startProblem ?? problemOf(t, everySite.error, auditsRead.error);
  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStartProblem(null);
    try {
      if (kind === 'random') {
        const sample = await sampling.mutateAsync({ body: { site } });
        sessionStorage.setItem(sampleKey(sample.id), JSON.stringify(sample.items));
        return go('audits', sample.id);
      }
      let place: string | undefined;
      if (kind === 'location') place = (await answerOf(api.GET('/scan/{code}', { params: { path: { code: location.trim().toUpperCase() } } }))).code;
      const audit = await starting.mutateAsync({ body: { site, ...(place && { location: place }) } });
      go('audits', audit.id);
    } catch (error) {
      setStartProblem(kind === 'location' ? scanProblem(error, location, t) : describeError(error, t));
    }
  };
  return (
    <Screen title={t('audits.title')}>
      <form onSubmit={start} className="row">
        {sites.length > 1 && (
          <label>
            {t('field.site')}
            <select name="site" value={site} onChange={(event) => setSite(event.target.value)}>
              {sites.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('audits.kind')}
          <select name="auditKind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            <option value="location">{t('auditKind.location')}</option>
            <option value="site">{t('auditKind.site')}</option>
            <option value="random">{t('auditKind.random')}</option>
          </select>
        </label>
        {kind === 'location' && (
          <label>
            {t('audits.scanLocation')}
            <input name="auditLocation" required value={location} onChange={(event) => setLocation(event.target.value)} autoComplete="off" />
          </label>
        )}
        <button type="submit" disabled={!site}>
          {t('audits.start')}
        </button>
      </form>
      <Problem text={problem} />
      <table>
        <thead>
          <tr>
            <th>{t('audits.started')}</th>
            <th>{t('audits.kind')}</th>
            <th>{t('field.location')}</th>
            <th>{t('field.status')}</th>
            <th>{t('audits.scanned')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {audits.map((audit) => (
            <tr key={audit.id}>
              <td>
                <When at={audit.startedAt} /> · {audit.startedBy}
              </td>
              <td>{word('auditKind', audit.kind)}</td>
              <td>{audit.location ?? '—'}</td>
              <td>{word('auditStatus', audit.status)}</td>
              <td>
                {audit.scanned} / {audit.expected}
              </td>
              <td>
                <a href={href('audits', audit.id)}>{t('audits.open')}</a>
              </td>
            </tr>
          ))}
          {audits.length === 0 && (
            <tr>
              <td colSpan={6}>{t('audits.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </Screen>
  );
}

/** One audit: scan what is on the shelf, then finish for the report. */
export function AuditPage({ id }: { id: string }) {
  const { t, user } = useSession();
  const word = useWord();
  const [notice, setNotice] = useState<Notice | null>(null);
  const sample: string[] = JSON.parse(sessionStorage.getItem(sampleKey(id)) ?? '[]');
  const path = { id };
  const read = queries.useQuery('get', '/audits/{id}', { params: { path } });
  const audit = read.data;
  const changes = { meta: { invalidates: [reads('/audits/{id}', { path })] } };
  const scanning = queries.useMutation('post', '/audits/{id}/scans', changes);
  const finishing = queries.useMutation('post', '/audits/{id}/finish', changes);
  const putting = queries.useMutation('post', '/audits/{id}/misplaced/moves', changes);
  const [fileProblem, setFileProblem] = useState<unknown>(null);
  const problem = problemOf(t, fileProblem, finishing.error, putting.error, read.error);
  const report = audit?.report ?? finishing.data ?? null;
  if (!audit)
    return (
      <Screen title={t('audits.title')}>
        <Problem text={problem} />
      </Screen>
    );
  const scan = async (code: string) => {
    try {
      const result = await scanning.mutateAsync({ params: { path }, body: { items: [code] } });
      setNotice(
        result.alreadyScanned.includes(code)
          ? { outcome: 'warning', text: t('audit.already', { code }) }
          : { outcome: 'ok', text: t('audit.counted', { code, scanned: result.scanned }) },
      );
    } catch (error) {
      setNotice({ outcome: 'error', text: scanProblem(error, code, t) });
    }
  };
  const canAct = sitesOf(user).includes(audit.site);
  return (
    <Screen
      title={`${t('audits.title')} · ${word('auditKind', audit.kind)} · ${audit.location ?? audit.site}`}
      actions={
        audit.status === 'finished' && (
          <button
            type="button"
            className="secondary"
            onClick={() => download(api.GET('/audits/{id}/report.csv', { params: { path }, parseAs: 'blob' }), `audit-${id}.csv`).catch(setFileProblem)}
          >
            {t('audit.csv')}
          </button>
        )
      }
    >
      <p className="lead" data-testid="audit-progress">
        {word('auditStatus', audit.status)} · {t('audit.progress', { scanned: audit.scanned, expected: audit.expected })}
      </p>
      <Problem text={problem} />
      {audit.status === 'open' && (
        <>
          {sample.length > 0 && (
            <p>
              {t('audit.sample', { count: sample.length })}: <span className="codes">{sample.join(' ')}</span>
            </p>
          )}
          <ScanField label={t('audit.scan')} onScan={scan} notice={notice} />
          <button type="button" onClick={() => finishing.mutate({ params: { path } })}>
            {t('audit.finish')}
          </button>
        </>
      )}
      {report && (
        <section className="report" data-testid="audit-report">
          <h2>{t('audit.report')}</h2>
          <ReportList title={t('audit.found')} codes={report.found} tone="ok" />
          <ReportList title={t('audit.misplaced')} codes={report.misplaced} tone="warn" />
          <ReportList title={t('audit.missing')} codes={report.missing} tone="bad" />
          <ReportList title={t('audit.unexpected')} codes={report.unexpected} tone="warn" />
          {report.misplaced.length > 0 && canAct && (
            <button type="button" onClick={() => putting.mutate({ params: { path } })}>
              {t('audit.fixMisplaced')}
            </button>
          )}
        </section>
      )}
    </Screen>
  );
}

function ReportList({ title, codes, tone }: { title: string; codes: string[]; tone: string }) {
  return (
    <div className={`report-${tone}`} data-testid={`report-${tone}`}>
      <h3>
        {title} ({codes.length})
      </h3>
      {codes.length > 0 && (
        <ul>
          {codes.map((code) => (
            <li key={code}>
              <a href={href('items', code)}>{code}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
