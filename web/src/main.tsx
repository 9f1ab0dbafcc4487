import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { answerOf, api, refreshTimeOf, holdToken, whenRefreshed, whenSignedOut } from './api';
import { Language, languages, SignedIn, User } from './model';
import { queries, queryClient } from './queries';
import { href } from './links';
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
  holdToken(stored?.token ?? null, stored?.refreshAfter);
  const signedInAs = stored?.user.userId;
  // a role that asks a second factor the user has not given: only its enrolment is open
  const me = queries.useQuery('get', '/auth/me', {}, { enabled: !!stored?.token });
  const mustEnrol = !!stored && !!me.data && me.data.secondFactor.required && !me.data.secondFactor.given;
  const policy = queries.useQuery('get', '/custody/steps', {}, { enabled: !!signedInAs, staleTime: Infinity }).data ?? null;
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
        queryClient.clear();
        setStored(null);
        setExpired(true);
      }),
    [],
  );

  const signedIn = (answer: SignedIn) => {
    const next = { token: answer.accessToken, user: answer.user, refreshAfter: refreshTimeOf(answer) };
    sessionStorage.setItem(storageKey, JSON.stringify(next));
    holdToken(next.token, next.refreshAfter);
    // nothing read for someone else, or before the second factor was given, stays on screen
    void queryClient.resetQueries();
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
          answerOf(api.PATCH('/auth/me', { body: { language: next } }))
            .then((user: User) => {
              const updated = { ...stored, user };
              sessionStorage.setItem(storageKey, JSON.stringify(updated));
              setStored(updated);
            })
            .catch(() => undefined);
        },
        signOut: () => {
          // the server ends the token too (every token of the user); the screen does not wait for it
          void api.POST('/auth/logout', { headers: { authorization: `Bearer ${stored.token}` } }).catch(() => undefined);
          sessionStorage.removeItem(storageKey);
          holdToken(null);
          queryClient.clear();
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
  const [location] = useLocation();
  const screen = location.split('/')[1] || 'scan';
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
                <a href={href(path)} aria-current={screen === path ? 'page' : undefined}>
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
        <Screens />
      </div>
    </>
  );
}

/** The screens behind `#/…`, so that the API's own paths (/items/…) stay the API's; an unknown path opens the scan desk. */
function Screens() {
  return (
    <Switch>
      <Route path="/seizures">{() => <SeizureForm />}</Route>
      <Route path="/seizures/:code">{({ code }) => <SeizurePage code={code} />}</Route>
      <Route path="/storage">{() => <Storage />}</Route>
      <Route path="/locations/:code">{({ code }) => <LocationPage code={code} />}</Route>
      <Route path="/transfers">{() => <Transfers />}</Route>
      <Route path="/transfers/new">{() => <NewTransfer />}</Route>
      <Route path="/transfers/:code/:mode?">{({ code, mode }) => <TransferPage code={code} mode={mode === 'receive' ? 'receive' : 'view'} />}</Route>
      <Route path="/items/:code">{({ code }) => <ItemPage code={code} />}</Route>
      <Route path="/audits">{() => <Audits />}</Route>
      <Route path="/audits/:id">{({ id }) => <AuditPage id={id} />}</Route>
      <Route path="/auditor">{() => <AuditorDesk />}</Route>
      <Route path="/admin/:tab?">{({ tab }) => <Administration tab={tab} />}</Route>
      <Route>{() => <ScanDesk />}</Route>
    </Switch>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Router hook={useHashLocation}>
        <App />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
