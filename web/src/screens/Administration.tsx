import { FormEvent, useState } from 'react';
import { QueryKey } from '@tanstack/react-query';
import { LabelPreview, Problem, Screen, When, useReported, useWord } from '../components';
import { Language, Location, Role } from '../model';
import { href } from '../links';
import { queries, reads } from '../queries';
import { describeError, useSession } from '../session';

type Tab = 'sites' | 'printers' | 'users';

/** Sites and their storage, printers with their status and jobs, users and their roles. */
export function Administration({ tab = 'sites' }: { tab?: string }) {
  const { t } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const failed = (error: unknown) => setProblem(error ? describeError(error, t) : null);
  const current = (['sites', 'printers', 'users'].includes(tab) ? tab : 'sites') as Tab;
  return (
    <Screen title={t('admin.title')}>
      <nav className="tabs" aria-label={t('admin.title')}>
        {(['sites', 'printers', 'users'] as Tab[]).map((name) => (
          <a key={name} className="button secondary" href={href('admin', name)} aria-current={current === name ? 'page' : undefined}>
            {t(`admin.${name}`)}
          </a>
        ))}
      </nav>
      <Problem text={problem} />
      {current === 'sites' && <SitesAdmin onError={failed} />}
      {current === 'printers' && <PrintersAdmin onError={failed} />}
      {current === 'users' && <UsersAdmin onError={failed} />}
    </Screen>
  );
}

function SitesAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const sitesRead = queries.useQuery('get', '/sites');
  const organizationsRead = queries.useQuery('get', '/organizations', { params: { query: { pageSize: 100 } } });
  useReported(sitesRead.error ?? organizationsRead.error, onError);
  const sites = sitesRead.data ?? [];
  const organizations = organizationsRead.data?.data ?? [];
  const [picked, setSite] = useState('');
  const site = picked || (sites[0]?.code ?? '');
  const [form, setForm] = useState({ code: '', name: '', organization: '' });
  const creating = queries.useMutation('post', '/sites', administering([reads('/sites')], onError));
  const create = (event: FormEvent) => {
    event.preventDefault();
    creating.mutate({ body: { ...form, code: form.code.trim().toUpperCase() } }, { onSuccess: () => setForm({ code: '', name: '', organization: '' }) });
  };
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>{t('field.site')}</th>
            <th>{t('field.name')}</th>
            <th>{t('admin.organization')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sites.map((row) => (
            <tr key={row.code}>
              <td>{row.code}</td>
              <td>{row.name}</td>
              <td>{row.organization.name}</td>
              <td>
                <button type="button" className="secondary" aria-pressed={site === row.code} onClick={() => setSite(row.code)}>
                  {t('admin.locations')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="row" aria-label={t('admin.newSite')}>
        <label>
          {t('admin.siteCode')}
          <input
            required
            pattern="[A-Za-z0-9]+(-[A-Za-z0-9]+)*"
            maxLength={20}
            value={form.code}
            onChange={(event) => setForm({ ...form, code: event.target.value })}
          />
        </label>
        <label>
          {t('field.name')}
          <input required maxLength={200} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </label>
        <label>
          {t('admin.organization')}
          <select required value={form.organization} onChange={(event) => setForm({ ...form, organization: event.target.value })}>
            <option value="" />
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('admin.newSite')}</button>
      </form>
      {site && <LocationsAdmin site={site} onError={onError} />}
    </>
  );
}

function LocationsAdmin({ site, onError }: { site: string; onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const path = { code: site };
  const treeRead = queries.useQuery('get', '/sites/{code}/locations', { params: { path } });
  useReported(treeRead.error, onError);
  const tree = treeRead.data ?? [];
  const [form, setForm] = useState({ name: '', kind: 'room' as Location['kind'], parent: '' });
  const [shown, setShown] = useState<string | null>(null);
  const flat: (Location & { depth: number })[] = [];
  const walk = (nodes: Location[], depth: number) => nodes.forEach((node) => (flat.push({ ...node, depth }), walk(node.children, depth + 1)));
  walk(tree, 0);
  const creating = queries.useMutation('post', '/sites/{code}/locations', administering([reads('/sites/{code}/locations', { path })], onError));
  const create = (event: FormEvent) => {
    event.preventDefault();
    creating.mutate(
      { params: { path }, body: { name: form.name, kind: form.kind, ...(form.parent && { parent: form.parent }) } },
      { onSuccess: () => setForm({ ...form, name: '' }) },
    );
  };
  return (
    <section aria-label={t('admin.locations')}>
      <h2>{t('admin.locationsOf', { site })}</h2>
      <ul className="tree">
        {flat.map((node) => (
          <li key={node.code} style={{ marginLeft: `${node.depth * 1.5}rem` }}>
            <a href={href('locations', node.code)}>{node.name}</a>{' '}
            <span className="muted">
              {word('locationKind', node.kind)} · {node.code}
            </span>{' '}
            <button type="button" className="secondary small" onClick={() => setShown(shown === node.code ? null : node.code)}>
              {t('admin.label')}
            </button>
            {shown === node.code && <LabelPreview code={node.code} />}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="row" aria-label={t('admin.newLocation')}>
        <label>
          {t('field.name')}
          <input required maxLength={200} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </label>
        <label>
          {t('admin.kind')}
          <select value={form.kind} onChange={(event) => setForm({ ...form, kind: event.target.value as Location['kind'] })}>
            {locationKinds.map((kind) => (
              <option key={kind} value={kind}>
                {word('locationKind', kind)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.parent')}
          <select value={form.parent} onChange={(event) => setForm({ ...form, parent: event.target.value })}>
            <option value="">—</option>
            {flat
              .filter((node) => node.kind !== 'bin')
              .map((node) => (
                <option key={node.code} value={node.code}>
                  {node.name} ({node.code})
                </option>
              ))}
          </select>
        </label>
        <button type="submit">{t('admin.newLocation')}</button>
      </form>
    </section>
  );
}

const locationKinds: Location['kind'][] = ['room', 'shelf', 'bin'];

function PrintersAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const printersRead = queries.useQuery('get', '/printers');
  useReported(printersRead.error, onError);
  const printers = printersRead.data ?? [];
  const [jobsOf, setJobsOf] = useState<{ id: string; name: string } | null>(null);
  const jobsRead = queries.useQuery('get', '/print-jobs', { params: { query: { printer: jobsOf?.id, pageSize: 20 } } }, { enabled: !!jobsOf });
  useReported(jobsRead.error, onError);
  const jobs = jobsOf && jobsRead.data ? { printer: jobsOf.name, jobs: jobsRead.data.data } : null;
  const [form, setForm] = useState({ site: '', name: '', host: '', port: '9100', type: 'epson' as 'epson' | 'star' | 'zpl', widthMm: '80', dpi: '203' });
  const creating = queries.useMutation('post', '/printers', administering([reads('/printers')], onError));
  const switching = queries.useMutation('patch', '/printers/{id}', administering([reads('/printers')], onError));
  const create = (event: FormEvent) => {
    event.preventDefault();
    creating.mutate({
      body: {
        site: form.site.trim().toUpperCase(),
        name: form.name,
        host: form.host,
        port: Number(form.port),
        type: form.type,
        widthMm: Number(form.widthMm) as 58 | 80 | 51 | 102,
        dpi: Number(form.dpi) as 203 | 300,
      },
    });
  };
  return (
    <>
      <table data-testid="printers">
        <thead>
          <tr>
            <th>{t('field.site')}</th>
            <th>{t('field.name')}</th>
            <th>{t('admin.address')}</th>
            <th>{t('admin.kind')}</th>
            <th>{t('field.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {printers.map((printer) => (
            <tr key={printer.id}>
              <td>{printer.site}</td>
              <td>{printer.name}</td>
              <td>
                {printer.host}:{printer.port}
              </td>
              <td>
                {printer.type} · {printer.widthMm} mm · {printer.dpi} dpi
              </td>
              <td>{printer.disabled ? t('admin.disabled') : <PrinterState id={printer.id} />}</td>
              <td>
                <button type="button" className="secondary small" onClick={() => setJobsOf({ id: printer.id, name: printer.name })}>
                  {t('admin.jobs')}
                </button>{' '}
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => switching.mutate({ params: { path: { id: printer.id } }, body: { disabled: !printer.disabled } })}
                >
                  {printer.disabled ? t('admin.enable') : t('admin.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {jobs && (
        <table>
          <caption>{t('admin.jobsOf', { printer: jobs.printer })}</caption>
          <thead>
            <tr>
              <th>{t('common.when')}</th>
              <th>{t('field.status')}</th>
              <th>{t('admin.labels')}</th>
              <th>{t('admin.attempts')}</th>
              <th>{t('admin.error')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.jobs.map((job) => (
              <tr key={job.id}>
                <td>
                  <When at={job.createdAt} />
                </td>
                <td>{word('job', job.status)}</td>
                <td>{job.codes.length}</td>
                <td>{job.attempts}</td>
                <td>{job.errorCode ? word('printerProblem', job.errorCode) : (job.error ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={create} className="row" aria-label={t('admin.newPrinter')}>
        <label>
          {t('field.site')}
          <input required size={8} value={form.site} onChange={(event) => setForm({ ...form, site: event.target.value })} />
        </label>
        <label>
          {t('field.name')}
          <input required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </label>
        <label>
          {t('admin.host')}
          <input required value={form.host} onChange={(event) => setForm({ ...form, host: event.target.value })} />
        </label>
        <label>
          {t('admin.port')}
          <input required type="number" min={1} max={65535} value={form.port} onChange={(event) => setForm({ ...form, port: event.target.value })} />
        </label>
        <label>
          {t('admin.kind')}
          <select
            value={form.type}
            onChange={(event) => setForm({ ...form, type: event.target.value as typeof form.type, widthMm: event.target.value === 'zpl' ? '102' : '80' })}
          >
            <option value="epson">Epson (ESC/POS)</option>
            <option value="star">Star (ESC/POS)</option>
            <option value="zpl">Zebra (ZPL)</option>
          </select>
        </label>
        <label>
          {t('admin.width')}
          <select value={form.widthMm} onChange={(event) => setForm({ ...form, widthMm: event.target.value })}>
            {(form.type === 'zpl' ? ['51', '102'] : ['58', '80']).map((width) => (
              <option key={width}>{width}</option>
            ))}
          </select>
        </label>
        <label>
          dpi
          <select value={form.dpi} onChange={(event) => setForm({ ...form, dpi: event.target.value })}>
            <option>203</option>
            <option>300</option>
          </select>
        </label>
        <button type="submit">{t('admin.newPrinter')}</button>
      </form>
    </>
  );
}

/** What a printer answers to a status check now: ready (and how fast), a named problem, or nothing at all. */
function PrinterState({ id }: { id: string }) {
  const { t } = useSession();
  const word = useWord();
  const known = queries.useQuery('get', '/printers/{id}/status', { params: { path: { id } } }).data;
  if (!known) return <>…</>;
  if (known.state === 'ready') return <span className="badge status-in_custody">{t('admin.reachable', { ms: Math.round(known.latencyMs ?? 0) })}</span>;
  return (
    <span className="badge status-missing" data-state={known.state}>
      {known.reachable ? word('printerState', known.state) : t('admin.unreachable')}
    </span>
  );
}

const roles: Role[] = ['evidence_officer', 'registry_clerk', 'confiscation_officer', 'lab_analyst', 'auditor', 'admin'];

function UsersAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const usersRead = queries.useQuery('get', '/users', { params: { query: { pageSize: 200 } } });
  useReported(usersRead.error, onError);
  const users = usersRead.data?.data ?? [];
  const [form, setForm] = useState({ username: '', displayName: '', password: '', language: 'fr' as Language, role: 'evidence_officer' as Role, site: '' });
  const creating = queries.useMutation('post', '/users', administering([reads('/users')], onError));
  const switching = queries.useMutation('patch', '/users/{id}', administering([reads('/users')], onError));
  const create = (event: FormEvent) => {
    event.preventDefault();
    const global = form.role === 'auditor' || form.role === 'admin';
    creating.mutate(
      {
        body: {
          username: form.username.trim().toLowerCase(),
          displayName: form.displayName,
          password: form.password,
          language: form.language,
          roles: [{ role: form.role, ...(!global && { site: form.site.trim().toUpperCase() }) }],
        },
      },
      { onSuccess: () => setForm({ ...form, username: '', displayName: '', password: '' }) },
    );
  };
  return (
    <>
      <table data-testid="users">
        <thead>
          <tr>
            <th>{t('signIn.username')}</th>
            <th>{t('field.name')}</th>
            <th>{t('admin.roles')}</th>
            <th>{t('nav.language')}</th>
            <th>{t('field.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{user.roles.map((held) => `${word('role', held.role)}${held.site ? ` (${held.site})` : ''}`).join(', ')}</td>
              <td>{user.language}</td>
              <td>
                {user.disabled ? t('admin.disabled') : user.lockedUntil && new Date(user.lockedUntil) > new Date() ? t('admin.locked') : t('admin.active')}
              </td>
              <td>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => switching.mutate({ params: { path: { id: user.id } }, body: { disabled: !user.disabled } })}
                >
                  {user.disabled ? t('admin.enable') : t('admin.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="row" aria-label={t('admin.newUser')}>
        <label>
          {t('signIn.username')}
          <input required pattern="[a-z0-9][a-z0-9._\-]{1,63}" value={form.username} onChange={(event) => setForm({ ...form, username: event.target.value })} />
        </label>
        <label>
          {t('field.name')}
          <input required value={form.displayName} onChange={(event) => setForm({ ...form, displayName: event.target.value })} />
        </label>
        <label>
          {t('signIn.password')}
          <input
            required
            type="password"
            minLength={12}
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
          />
        </label>
        <label>
          {t('nav.language')}
          <select value={form.language} onChange={(event) => setForm({ ...form, language: event.target.value as Language })}>
            <option value="en">English</option>
            <option value="fr">Français</option>
            <option value="nl">Nederlands</option>
          </select>
        </label>
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {word('role', role)}
              </option>
            ))}
          </select>
        </label>
        {form.role !== 'auditor' && form.role !== 'admin' && (
          <label>
            {t('field.site')}
            <input required size={8} value={form.site} onChange={(event) => setForm({ ...form, site: event.target.value })} />
          </label>
        )}
        <button type="submit">{t('admin.newUser')}</button>
      </form>
    </>
  );
}

/** What an administrator's change does after: its lists load again, and a refusal (or none, once it succeeded) is shown at the top of the screen. */
function administering(invalidates: QueryKey[], onError: (error: unknown) => void) {
  return { meta: { invalidates }, onSuccess: () => onError(null), onError };
}
