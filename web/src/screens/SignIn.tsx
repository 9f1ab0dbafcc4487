import { FormEvent, useEffect, useState } from 'react';
import { ApiError, answerOf, api } from '../api';
import { Language, SignedIn } from '../model';
import { queries } from '../queries';
import { describeError, knows, translator } from '../session';
import { LanguageSelect } from '../components';

export function SignIn({
  language,
  onLanguage,
  onSignedIn,
  expired,
}: {
  language: Language;
  onLanguage: (language: Language) => void;
  onSignedIn: (answer: SignedIn) => void;
  expired: boolean;
}) {
  // back from the identity provider: a one-time code to trade for a token, or the reason it refused
  const [handoff] = useState(() => /^#\/sso\/([A-Za-z0-9_-]+)$/.exec(window.location.hash)?.[1] ?? null);
  const [refused] = useState(() => /^#\/sso-refused\/([A-Z_]+)$/.exec(window.location.hash)?.[1] ?? null);
  const options = queries.useQuery('get', '/auth/options').data ?? { localPasswords: true, singleSignOn: null };
  useEffect(() => {
    if (handoff || refused) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  const t = translator(language);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // asked once the password holds, of a user who enrolled an authenticator app
  const [otp, setOtp] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(() => {
    if (refused) return knows(`error.${refused}`) ? t(`error.${refused}` as Parameters<typeof t>[0]) : t('error.UNKNOWN');
    return expired ? t('signIn.expired') : null;
  });
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const code = otp === null ? {} : { otp };
      onSignedIn(
        await answerOf(
          handoff ? api.POST('/auth/oidc/exchange', { body: { code: handoff, ...code } }) : api.POST('/auth/login', { body: { username, password, ...code } }),
        ),
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED' && otp === null) return setOtp('');
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  // the identity provider signed the user in: trade its code at once (asking the one-time code if they have one)
  useEffect(() => {
    if (handoff) void submit({ preventDefault: () => undefined } as FormEvent);
  }, []);
  const passwords = options.localPasswords && !handoff;
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Custody</h1>
        <p className="lead">{t('signIn.lead')}</p>
        {passwords && (
          <>
            <label>
              {t('signIn.username')}
              <input name="username" autoComplete="username" autoFocus required value={username} onChange={(event) => setUsername(event.target.value)} />
            </label>
            <label>
              {t('signIn.password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </label>
          </>
        )}
        {otp !== null && (
          <label>
            {t('signIn.otp')}
            <input
              name="otp"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              required
              value={otp}
              onChange={(event) => setOtp(event.target.value)}
              aria-describedby="otp-help"
            />
            <span id="otp-help" className="help">
              {t('signIn.otpHelp')}
            </span>
          </label>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        {(passwords || otp !== null) && (
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
        )}
        {options.singleSignOn && !handoff && (
          <a className="button secondary" href="/auth/oidc">
            {t('signIn.singleSignOn', { name: options.singleSignOn })}
          </a>
        )}
        <LanguageSelect language={language} onChange={onLanguage} label={t('nav.language')} />
      </form>
    </main>
  );
}
