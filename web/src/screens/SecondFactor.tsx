import { FormEvent, useState } from 'react';
import { Problem } from '../components';
import { SignedIn } from '../model';
import { queries } from '../queries';
import { describeError, useSession } from '../session';

/**
 * For a user whose role asks a second factor and who has none yet: read the QR code (or type the
 * secret) into an authenticator app, confirm with its first code, write down the recovery codes.
 * Nothing else is open until then.
 */
export function EnrolSecondFactor({ onEnrolled }: { onEnrolled: (answer: SignedIn) => void }) {
  const { t, signOut } = useSession();
  const [code, setCode] = useState('');
  const enrolling = queries.useMutation('post', '/auth/second-factor');
  const confirming = queries.useMutation('post', '/auth/second-factor/confirm');
  const enrolment = enrolling.data ?? null;
  const confirmed = confirming.data ?? null;
  const failure = confirming.error ?? enrolling.error;
  const problem = failure ? describeError(failure, t) : null;
  const begin = () => enrolling.mutate({});
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    confirming.mutate({ body: { otp: code.trim() } });
  };
  return (
    <main className="sign-in enrol" id="content">
      <h1>{t('secondFactor.title')}</h1>
      <p className="lead">{t('secondFactor.lead')}</p>
      <Problem text={problem} />
      {!enrolment && !confirmed && (
        <button type="button" onClick={begin} autoFocus>
          {t('secondFactor.begin')}
        </button>
      )}
      {enrolment && !confirmed && (
        <form onSubmit={confirm}>
          <img src={enrolment.qrCode} alt={t('secondFactor.qrAlt')} width={240} height={240} data-testid="enrolment-qr" />
          <p>
            {t('secondFactor.secret')} <code data-testid="enrolment-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <label>
            {t('secondFactor.code')}
            <input name="otp" inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
          <button type="submit">{t('secondFactor.confirm')}</button>
        </form>
      )}
      {confirmed && (
        <section aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('secondFactor.recoveryTitle')}</h2>
          <p>{t('secondFactor.recoveryLead')}</p>
          <ol className="recovery-codes" data-testid="recovery-codes">
            {confirmed.recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => onEnrolled(confirmed)}>
            {t('secondFactor.done')}
          </button>
        </section>
      )}
      <button type="button" className="secondary" onClick={signOut}>
        {t('nav.signOut')}
      </button>
    </main>
  );
}
