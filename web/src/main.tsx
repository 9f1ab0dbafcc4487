import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { get, patch, refreshTimeOf, SignedIn, holdToken, whenRefreshed, whenSignedOut } from './api';
import { CustodyPolicy, Language, languages, User } from './model';
import { href, useRoute } from './router';
import { LanguageSelect } from './components';
import { holds, SessionContext, Session, translator, useSession } from './session';
import { SignIn } from './screens/SignIn';
import { EnrolSecondFactor } from './screens/SecondFactor';
import { ScanDesk } from './screens/ScanDesk';
import { SeizureForm, SeizurePage } from './screens/Seizure';
import { Storage, LocationPage } from './screens/Storage';
import { Transfers, NewTransfer } from './screens/Transfers';
import { TransferPage } from './screens/TransferPage';
import { ItemPage } from './screens/ItemPage';
import { Audits, AuditPage } from './screens/Audits';
import { AuditorDesk } from './screens/Auditor';
import { Administration } from './screens/Administration';
import './styles.css';

interface Stored {
  token: string;
  user: User;
  refreshAfter: number;
}

const storageKey = 'custody.session';

function readStored(): Stored | null {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  } catch {
    return null;
  }
}

function startLanguage(): Language {
  const chosen = localStorage.getItem('custody.language') as Language | null;
  if (chosen && languages.includes(chosen)) return chosen;
  const browser = navigator.language.slice(0, 2) as Language;
  return languages.includes(browser) ? browser : 'en';
}

function App() {
  const [stored, setStored] = useState<Stored | null>(readStored);
  const [expired, setExpired] = useState(false);
  const [language, setLanguageState] = useState<Language>(() => stored?.user.language ?? startLanguage());
  const [policy, setPolicy] = useState<CustodyPolicy | null>(null);
  // a role that asks a second factor the user has not given: only its enrolment is open
  const [mustEnrol, setMustEnrol] = useState(false);
  holdToken(stored?.token ?? null, stored?.refreshAfter);
  const signedInAs = stored?.user.userId;
  const heldToken = stored?.token;
  useEffect(() => {
    if (!heldToken) return setMustEnrol(false);
    get<{ secondFactor: { required: boolean; given: boolean } }>('/auth/me')
      .then((me) => setMustEnrol(me.secondFactor.required && !me.secondFactor.given))
      .catch(() => undefined);
  }, [heldToken]);
  useEffect(() => {
    if (!signedInAs) return setPolicy(null);
    get<CustodyPolicy>('/custody/steps')
      .then(setPolicy)
      .catch(() => setPolicy(null));
  }, [signedInAs]);
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('custody.language', language);
  }, [language]);
  useEffect(
    () =>
      whenRefreshed((answer) => {
        const next = { token: answer.accessToken, user: answer.user, refreshAfter: refreshTimeOf(answer) };
        sessionStorage.setItem(storageKey, JSON.stringify(next));
        setStored(next);
      }),
    [],
  );
  useEffect(
    () =>
      whenSignedOut(() => {
        sessionStorage.removeItem(storageKey);
        setStored(null);
        setExpired(true);
      }),
    [],
  );

  const signedIn = (answer: SignedIn) => {
    const next = { token: answer.accessToken, user: answer.user, refreshAfter: refreshTimeOf(answer) };
    sessionStorage.setItem(storageKey, JSON.stringify(next));
    holdToken(next.token, next.refreshAfter);
    setStored(next);
    setExpired(false);
    setLanguageState(answer.user.language);
  };
  const session = useMemo<Session | null>(
    () =>
      stored && {
        user: stored.user,
        policy,
        language,
        t: translator(language),
        setLanguage: (next) => {
          setLanguageState(next);
          patch<User>('/auth/me', { language: next })
            .then((user) => {
              const updated = { ...stored, user };
              sessionStorage.setItem(storageKey, JSON.stringify(updated));
              setStored(updated);
            })
            .catch(() => undefined);
        },
        signOut: () => {
          // the server ends the token too (every token of the user); the screen does not wait for it
          void fetch('/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${stored.token}` } }).catch(() => undefined);
          sessionStorage.removeItem(storageKey);
          holdToken(null);
          setStored(null);
          window.location.hash = '';
        },
      },
    [stored, language, policy],
  );

  if (!session) return <SignIn language={language} onLanguage={setLanguageState} onSignedIn={signedIn} expired={expired} />;
  return <SessionContext.Provider value={session}>{mustEnrol ? <EnrolSecondFactor onEnrolled={signedIn} /> : <Layout />}</SessionContext.Provider>;
}

function Layout() {
  const route = useRoute();
  const { user, t, language, setLanguage, signOut } = useSession();
  const siteRoles = holds(user, 'evidence_officer', 'registry_clerk', 'confiscation_officer', 'lab_analyst');
  const links: [string, string, boolean][] = [
    ['scan', t('nav.scan'), true],
    ['seizures', t('nav.seizure'), holds(user, 'evidence_officer')],
    ['storage', t('nav.storage'), siteRoles],
    ['transfers', t('nav.transfers'), siteRoles],
    ['audits', t('nav.audits'), siteRoles || holds(user, 'auditor')],
    ['auditor', t('nav.auditor'), holds(user, 'auditor', 'admin')],
    ['admin', t('nav.admin'), holds(user, 'admin')],
  ];
  const sites = [...new Set(user.roles.map((role) => role.siteCode).filter(Boolean))].join(', ');
  return (
    <>
      <a className="skip" href="#content" onClick={(event) => (event.preventDefault(), document.getElementById('content')?.focus())}>
        {t('nav.skip')}
      </a>
      <nav className="top" aria-label={t('nav.label')}>
        <strong className="brand">Custody</strong>
        <ul>
          {links
            .filter(([, , shown]) => shown)
            .map(([path, label]) => (
              <li key={path}>
                <a href={href(path)} aria-current={(route[0] ?? 'scan') === path ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
        </ul>
        <div className="who">
          <span data-testid="signed-in-as">
            {user.displayName}
            {sites && ` · ${sites}`}
          </span>
          <LanguageSelect language={language} onChange={setLanguage} label={t('nav.language')} />
          <button type="button" className="secondary" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </nav>
      <div id="content" tabIndex={-1}>
        <Route route={route} />
      </div>
    </>
  );
}

function Route({ route }: { route: string[] }) {
  const [screen, code, more] = route;
  switch (screen) {
    case undefined:
    case 'scan':
      return <ScanDesk />;
    case 'seizures':
      return code ? <SeizurePage code={code} /> : <SeizureForm />;
    case 'storage':
      return <Storage />;
    case 'locations':
      return <LocationPage code={code} />;
    case 'transfers':
      return code === 'new' ? <NewTransfer /> : code ? <TransferPage code={code} mode={more === 'receive' ? 'receive' : 'view'} /> : <Transfers />;
    case 'items':
      return <ItemPage code={code} />;
    case 'audits':
      return code ? <AuditPage id={code} /> : <Audits />;
    case 'auditor':
      return <AuditorDesk />;
    case 'admin':
      return <Administration tab={code} />;
    default:
      return <ScanDesk />;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
