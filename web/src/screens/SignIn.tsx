import { FormEvent, useState } from 'react';
import { ApiError, post, SignedIn } from '../api';
import { Language } from '../model';
import { describeError, translator } from '../session';
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
  const t = translator(language);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // asked once the password holds, of a user who enrolled an authenticator app
  const [otp, setOtp] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(expired ? t('signIn.expired') : null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await post<SignedIn>('/auth/login', { username, password, ...(otp === null ? {} : { otp }) }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED' && otp === null) return setOtp('');
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Custody</h1>
        <p className="lead">{t('signIn.lead')}</p>
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
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <LanguageSelect language={language} onChange={onLanguage} label={t('nav.language')} />
      </form>
    </main>
  );
}
