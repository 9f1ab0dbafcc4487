import { FormEvent, useEffect, useState } from 'react';
import { encode, get, patch, post, query } from '../api';
import { LabelPreview, Problem, Screen, When, useWord } from '../components';
import { Language, Location, Page, Printer, PrintJob, Role } from '../model';
import { href } from '../router';
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

interface SiteRow {
  code: string;
  name: string;
  address: string | null;
  organization: { id: string; name: string };
}

function SitesAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const [sites, setSites] = useState<SiteRow[]>([]);
  const [organizations, setOrganizations] = useState<{ id: string; name: string }[]>([]);
  const [site, setSite] = useState('');
  const [form, setForm] = useState({ code: '', name: '', organization: '' });
  const load = () =>
    get<SiteRow[]>('/sites')
      .then((all) => {
        setSites(all);
        setSite((chosen) => chosen || all[0]?.code || '');
      })
      .catch(onError);
  useEffect(() => {
    load();
    get<Page<{ id: string; name: string }>>('/organizations?pageSize=100')
      .then((page) => setOrganizations(page.data))
      .catch(onError);
  }, []);
  const create = submitting(
    async () => {
      await post('/sites', { ...form, code: form.code.trim().toUpperCase() });
      setForm({ code: '', name: '', organization: '' });
    },
    load,
    onError,
  );
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
  const [tree, setTree] = useState<Location[]>([]);
  const [form, setForm] = useState({ name: '', kind: 'room', parent: '' });
  const [shown, setShown] = useState<string | null>(null);
  const load = () =>
    get<Location[]>(`/sites/${encode(site)}/locations`)
      .then(setTree)
      .catch(onError);
  useEffect(() => {
    load();
  }, [site]);
  const flat: (Location & { depth: number })[] = [];
  const walk = (nodes: Location[], depth: number) => nodes.forEach((node) => (flat.push({ ...node, depth }), walk(node.children, depth + 1)));
  walk(tree, 0);
  const create = submitting(
    async () => {
      await post(`/sites/${encode(site)}/locations`, { name: form.name, kind: form.kind, ...(form.parent && { parent: form.parent }) });
      setForm({ ...form, name: '' });
    },
    load,
    onError,
  );
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
          <select value={form.kind} onChange={(event) => setForm({ ...form, kind: event.target.value })}>
            {['room', 'shelf', 'bin'].map((kind) => (
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

interface PrinterStatus {
  reachable: boolean;
  state: string;
  latencyMs: number | null;
  error: string | null;
}

function PrintersAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const [printers, setPrinters] = useState<Printer[]>([]);
  const [status, setStatus] = useState<Record<string, PrinterStatus>>({});
  const [jobs, setJobs] = useState<{ printer: string; jobs: PrintJob[] } | null>(null);
  const [form, setForm] = useState({ site: '', name: '', host: '', port: '9100', type: 'epson', widthMm: '80', dpi: '203' });
  const load = () =>
    get<Printer[]>('/printers')
      .then((all) => {
        setPrinters(all);
        all.forEach((printer) =>
          get<PrinterStatus>(`/printers/${printer.id}/status`)
            .then((answer) => setStatus((known) => ({ ...known, [printer.id]: answer })))
            .catch(() => undefined),
        );
      })
      .catch(onError);
  useEffect(() => {
    load();
  }, []);
  const create = submitting(
    async () => {
      await post('/printers', {
        site: form.site.trim().toUpperCase(),
        name: form.name,
        host: form.host,
        port: Number(form.port),
        type: form.type,
        widthMm: Number(form.widthMm),
        dpi: Number(form.dpi),
      });
    },
    load,
    onError,
  );
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
          {printers.map((printer) => {
            const known = status[printer.id];
            return (
              <tr key={printer.id}>
                <td>{printer.site}</td>
                <td>{printer.name}</td>
                <td>
                  {printer.host}:{printer.port}
                </td>
                <td>
                  {printer.type} · {printer.widthMm} mm · {printer.dpi} dpi
                </td>
                <td>
                  {printer.disabled ? (
                    t('admin.disabled')
                  ) : !known ? (
                    '…'
                  ) : known.state === 'ready' ? (
                    <span className="badge status-in_custody">{t('admin.reachable', { ms: Math.round(known.latencyMs ?? 0) })}</span>
                  ) : known.reachable ? (
                    <span className="badge status-missing" data-state={known.state}>
                      {word('printerState', known.state)}
                    </span>
                  ) : (
                    <span className="badge status-missing" data-state={known.state}>
                      {t('admin.unreachable')}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() =>
                      get<Page<PrintJob>>(`/print-jobs${query({ printer: printer.id, pageSize: 20 })}`)
                        .then((page) => setJobs({ printer: printer.name, jobs: page.data }))
                        .catch(onError)
                    }
                  >
                    {t('admin.jobs')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => patch(`/printers/${printer.id}`, { disabled: !printer.disabled }).then(load).catch(onError)}
                  >
                    {printer.disabled ? t('admin.enable') : t('admin.disable')}
                  </button>
                </td>
              </tr>
            );
          })}
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
          <select value={form.type} onChange={(event) => setForm({ ...form, type: event.target.value, widthMm: event.target.value === 'zpl' ? '102' : '80' })}>
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

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  language: Language;
  disabled: boolean;
  lockedUntil: string | null;
  roles: { role: Role; site: string | null }[];
}

const roles: Role[] = ['evidence_officer', 'registry_clerk', 'confiscation_officer', 'lab_analyst', 'auditor', 'admin'];

function UsersAdmin({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useSession();
  const word = useWord();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [form, setForm] = useState({ username: '', displayName: '', password: '', language: 'fr' as Language, role: 'evidence_officer' as Role, site: '' });
  const load = () =>
    get<Page<UserRow>>('/users?pageSize=200')
      .then((page) => setUsers(page.data))
      .catch(onError);
  useEffect(() => {
    load();
  }, []);
  const create = submitting(
    async () => {
      const global = form.role === 'auditor' || form.role === 'admin';
      await post('/users', {
        username: form.username.trim().toLowerCase(),
        displayName: form.displayName,
        password: form.password,
        language: form.language,
        roles: [{ role: form.role, ...(!global && { site: form.site.trim().toUpperCase() }) }],
      });
      setForm({ ...form, username: '', displayName: '', password: '' });
    },
    load,
    onError,
  );
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
                  onClick={() => patch(`/users/${user.id}`, { disabled: !user.disabled }).then(load).catch(onError)}
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

/** A form's write, then its list loaded again; a refusal (or none) shown at the top of the screen. */
function submitting(write: () => Promise<unknown>, load: () => Promise<unknown>, onError: (error: unknown) => void) {
  return async (event: FormEvent) => {
    event.preventDefault();
    try {
      await write();
      onError(null);
      await load();
    } catch (error) {
      onError(error);
    }
  };
}
