import { FormEvent, useState } from 'react';
import { ApiError, witnessOf } from '../api';
import { Problem } from '../components';
import { Item, Step, witnessNeeded } from '../model';
import { href } from '../links';
import { queries, reads } from '../queries';
import { problemOf, useSession } from '../session';

type Action = 'checkOut' | 'return' | 'reseal' | 'sample' | 'review' | 'dispose';

const dispositionKinds = ['returned_to_owner', 'confiscated', 'sold', 'destroyed'] as const;

/** What the people of the item's site do with it between hand-overs: out to a hearing and back, a new seal, a sample, a review date, its final fate. */
export function ItemActions({ item }: { item: Item }) {
  const { t, policy } = useSession();
  const [open, setOpen] = useState<Action | null>(null);
  const [fields, setFields] = useState({
    person: '',
    purpose: '',
    expectedReturn: '',
    location: '',
    newSealNumber: '',
    reason: '',
    witnessUsername: '',
    witnessPassword: '',
    witnessCode: '',
    description: '',
    quantity: '',
    unit: '',
    sealNumber: '',
    reviewOn: '',
    kind: 'returned_to_owner',
    authority: '',
    decidedAt: '',
  });
  const [sample, setSample] = useState<string | null>(null);
  const [witnessAsked, setWitnessAsked] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const path = { code: item.code };
  const changes = {
    meta: { invalidates: [reads('/items/{code}', { path }), reads('/items/{code}/history', { path }), reads('/items/{code}/verification', { path })] },
    onError: (error: unknown) => error instanceof ApiError && error.code === 'WITNESS_REQUIRED' && setWitnessAsked(true),
  };
  const checkingOut = queries.useMutation('post', '/items/{code}/checkouts', changes);
  const checkingIn = queries.useMutation('post', '/items/{code}/checkins', changes);
  const resealing = queries.useMutation('post', '/items/{code}/seals', changes);
  const sampling = queries.useMutation('post', '/items/{code}/samples', changes);
  const reviewing = queries.useMutation('patch', '/items/{code}/review', changes);
  const disposing = queries.useMutation('post', '/items/{code}/dispositions', changes);
  const changing = [checkingOut, checkingIn, resealing, sampling, reviewing, disposing];
  const problem = problemOf(t, ...changing.map((change) => change.error));
  const step: Step | null =
    open === 'checkOut'
      ? 'check_out'
      : open === 'dispose'
        ? fields.kind === 'destroyed'
          ? 'destroy'
          : 'dispose'
        : open === 'return'
          ? 'check_in'
          : open === 'review'
            ? 'schedule_review'
            : open === 'reseal'
              ? 'reseal'
              : open === 'sample'
                ? 'sample'
                : null;
  const witnessed = witnessAsked || witnessNeeded(policy, step, [item.category]);
  const available: Action[] =
    item.status === 'in_custody' ? ['checkOut', 'reseal', 'sample', 'review', 'dispose'] : item.status === 'checked_out' ? ['return', 'review'] : [];
  if (available.length === 0) return null;
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });
  const witness = witnessed ? { witness: witnessOf(fields.witnessUsername, fields.witnessPassword, fields.witnessCode) } : {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    changing.forEach((change) => change.reset());
    try {
      if (open === 'checkOut')
        await checkingOut.mutateAsync({
          params: { path },
          body: { person: fields.person.trim(), purpose: fields.purpose.trim(), expectedReturn: fields.expectedReturn, ...witness },
        });
      if (open === 'return')
        await checkingIn.mutateAsync({ params: { path }, body: fields.location.trim() ? { location: fields.location.trim().toUpperCase() } : {} });
      if (open === 'reseal')
        await resealing.mutateAsync({ params: { path }, body: { newSealNumber: fields.newSealNumber.trim(), reason: fields.reason.trim(), ...witness } });
      if (open === 'sample') {
        const taken = await sampling.mutateAsync({
          params: { path },
          body: {
            description: fields.description.trim(),
            quantity: Number(fields.quantity.replace(',', '.')),
            unit: fields.unit.trim(),
            ...(fields.sealNumber.trim() && { sealNumber: fields.sealNumber.trim() }),
            ...witness,
          },
        });
        setSample(taken.code);
      }
      if (open === 'review') await reviewing.mutateAsync({ params: { path }, body: { reviewOn: fields.reviewOn || null } });
      if (open === 'dispose') {
        if (!window.confirm(t('actions.confirmFinal'))) return;
        await disposing.mutateAsync({
          params: { path },
          body: {
            kind: fields.kind as (typeof dispositionKinds)[number],
            authority: fields.authority.trim(),
            decidedAt: new Date(fields.decidedAt).toISOString(),
            ...witness,
          },
        });
      }
      setDone(t(`actions.done.${open!}`));
      setOpen(null);
      setFields({ ...fields, witnessPassword: '', witnessCode: '' });
    } catch {
      // the refusal is the mutation's error, shown below the form
    }
  };
  const witnessFields = witnessed && (
    <fieldset className="witness">
      <legend>{t('transfer.witnessLegend')}</legend>
      <p>{t('actions.witnessWhy')}</p>
      <label>
        {t('signIn.username')}
        <input name="witnessUsername" autoComplete="off" required value={fields.witnessUsername} onChange={set('witnessUsername')} />
      </label>
      <label>
        {t('signIn.password')}
        <input name="witnessPassword" type="password" autoComplete="off" required value={fields.witnessPassword} onChange={set('witnessPassword')} />
      </label>
      <label>
        {t('witness.code')}
        <input name="witnessCode" inputMode="numeric" autoComplete="off" value={fields.witnessCode} onChange={set('witnessCode')} />
      </label>
    </fieldset>
  );
  return (
    <section className="print" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions.title')}</h2>
      <div className="row">
        {available.map((action) => (
          <button
            key={action}
            type="button"
            className="secondary"
            aria-pressed={open === action}
            onClick={() => (setDone(null), setSample(null), changing.forEach((change) => change.reset()), setOpen(open === action ? null : action))}
          >
            {t(`actions.${action}`)}
          </button>
        ))}
      </div>
      {done && (
        <p className="job job-printed" role="status">
          {done}
          {sample && (
            <>
              {' '}
              <a href={href('items', sample)}>{sample}</a>
            </>
          )}
        </p>
      )}
      {open && (
        <form onSubmit={submit} className="row" aria-label={t(`actions.${open}`)}>
          {open === 'checkOut' && (
            <>
              <label>
                {t('field.person')}
                <input name="person" required maxLength={200} value={fields.person} onChange={set('person')} />
              </label>
              <label>
                {t('field.purpose')}
                <input name="purpose" required maxLength={500} value={fields.purpose} onChange={set('purpose')} />
              </label>
              <label>
                {t('field.expectedReturn')}
                <input name="expectedReturn" type="date" required value={fields.expectedReturn} onChange={set('expectedReturn')} />
              </label>
              {witnessFields}
            </>
          )}
          {open === 'return' && (
            <label>
              {t('actions.returnTo')}
              <input name="location" autoComplete="off" value={fields.location} onChange={set('location')} />
            </label>
          )}
          {open === 'reseal' && (
            <>
              <label>
                {t('field.newSealNumber')}
                <input name="newSealNumber" required maxLength={64} value={fields.newSealNumber} onChange={set('newSealNumber')} />
              </label>
              <label>
                {t('field.reason')}
                <input name="reason" required maxLength={500} value={fields.reason} onChange={set('reason')} />
              </label>
              {witnessFields}
            </>
          )}
          {open === 'sample' && (
            <>
              <label>
                {t('field.description')}
                <input name="description" required maxLength={2000} value={fields.description} onChange={set('description')} />
              </label>
              <label>
                {t('field.quantity')}
                <input
                  name="quantity"
                  required
                  inputMode="decimal"
                  pattern="[0-9]+([.,][0-9]{1,3})?"
                  size={6}
                  value={fields.quantity}
                  onChange={set('quantity')}
                />
              </label>
              <label>
                {t('field.unit')}
                <input name="unit" required maxLength={20} size={6} value={fields.unit} onChange={set('unit')} />
              </label>
              <label>
                {t('field.sealNumber')}
                <input name="sealNumber" maxLength={64} value={fields.sealNumber} onChange={set('sealNumber')} />
              </label>
            </>
          )}
          {open === 'review' && (
            <label>
              {t('item.reviewOn')}
              <input name="reviewOn" type="date" value={fields.reviewOn} onChange={set('reviewOn')} />
            </label>
          )}
          {open === 'dispose' && (
            <>
              <label>
                {t('field.kind')}
                <select name="kind" value={fields.kind} onChange={set('kind')}>
                  {dispositionKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`disposition.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('field.authority')}
                <input name="authority" required maxLength={300} value={fields.authority} onChange={set('authority')} />
              </label>
              <label>
                {t('field.decidedAt')}
                <input name="decidedAt" type="datetime-local" required value={fields.decidedAt} onChange={set('decidedAt')} />
              </label>
              {witnessFields}
            </>
          )}
          <button type="submit">{t(`actions.confirm.${open}`)}</button>
        </form>
      )}
      <Problem text={problem} />
    </section>
  );
}
