import { FormEvent, useState } from 'react';
import { LabelPreview, Problem, Screen, Status, When, useWord } from '../components';
import { categories, Category, Printer } from '../model';
import { go, href } from '../links';
import { queries } from '../queries';
import { problemOf, sitesOf, useSession } from '../session';
import { PrintLabels } from './Printing';

interface Row {
  category: Category;
  description: string;
  quantity: string;
  unit: string;
  sealNumber: string;
}

const emptyRow = (unit: string): Row => ({ category: 'other', description: '', quantity: '1', unit, sealNumber: '' });

function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The case and its items in one form; then the labels, previewed and printed. */
export function SeizureForm() {
  const { t, user } = useSession();
  const word = useWord();
  const sites = sitesOf(user, 'evidence_officer');
  const [site, setSite] = useState(sites[0] ?? '');
  const [caseNumber, setCaseNumber] = useState('');
  const [seizedAt, setSeizedAt] = useState(localNow);
  const [seizingUnit, setSeizingUnit] = useState('');
  const [legalReference, setLegalReference] = useState('');
  const [rows, setRows] = useState<Row[]>(() => [emptyRow(t('seizure.defaultUnit'))]);
  const registering = queries.useMutation('post', '/seizures', { onSuccess: (seizure) => go('seizures', seizure.code) });
  const problem = problemOf(t, registering.error);
  const change = (index: number, field: keyof Row, value: string) => setRows(rows.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    registering.mutate({
      body: {
        site,
        caseNumber: caseNumber.trim(),
        seizedAt: new Date(seizedAt).toISOString(),
        ...(seizingUnit.trim() && { seizingUnit: seizingUnit.trim() }),
        ...(legalReference.trim() && { legalReference: legalReference.trim() }),
        items: rows.map((row) => ({
          category: row.category,
          description: row.description.trim(),
          quantity: Number(row.quantity.replace(',', '.')),
          unit: row.unit.trim(),
          ...(row.sealNumber.trim() && { sealNumber: row.sealNumber.trim() }),
        })),
      },
    });
  };
  return (
    <Screen title={t('seizure.title')}>
      <form onSubmit={submit} className="seizure-form">
        <fieldset>
          <legend>{t('seizure.case')}</legend>
          <div className="grid">
            {sites.length > 1 && (
              <label>
                {t('field.site')}
                <select value={site} onChange={(event) => setSite(event.target.value)}>
                  {sites.map((code) => (
                    <option key={code}>{code}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('field.caseNumber')}
              <input name="caseNumber" required maxLength={64} value={caseNumber} onChange={(event) => setCaseNumber(event.target.value)} />
            </label>
            <label>
              {t('field.seizedAt')}
              <input name="seizedAt" type="datetime-local" required max={localNow()} value={seizedAt} onChange={(event) => setSeizedAt(event.target.value)} />
            </label>
            <label>
              {t('field.seizingUnit')}
              <input name="seizingUnit" maxLength={200} value={seizingUnit} onChange={(event) => setSeizingUnit(event.target.value)} />
            </label>
            <label>
              {t('field.legalReference')}
              <input name="legalReference" maxLength={200} value={legalReference} onChange={(event) => setLegalReference(event.target.value)} />
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('seizure.items')}</legend>
          <table className="rows">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('field.category')}</th>
                <th>{t('field.description')}</th>
                <th>{t('field.quantity')}</th>
                <th>{t('field.unit')}</th>
                <th>{t('field.sealNumber')}</th>
                <th>
                  <span className="visually-hidden">{t('seizure.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} data-testid="seizure-row">
                  <td>{index + 1}</td>
                  <td>
                    <select
                      aria-label={`${t('field.category')} ${index + 1}`}
                      value={row.category}
                      onChange={(event) => change(index, 'category', event.target.value)}
                    >
                      {categories.map((category) => (
                        <option key={category} value={category}>
                          {word('category', category)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`${t('field.description')} ${index + 1}`}
                      required
                      maxLength={500}
                      value={row.description}
                      onChange={(event) => change(index, 'description', event.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('field.quantity')} ${index + 1}`}
                      required
                      inputMode="decimal"
                      pattern="[0-9]+([.,][0-9]{1,3})?"
                      size={6}
                      value={row.quantity}
                      onChange={(event) => change(index, 'quantity', event.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('field.unit')} ${index + 1}`}
                      required
                      maxLength={20}
                      size={6}
                      value={row.unit}
                      onChange={(event) => change(index, 'unit', event.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t('field.sealNumber')} ${index + 1}`}
                      maxLength={64}
                      value={row.sealNumber}
                      onChange={(event) => change(index, 'sealNumber', event.target.value)}
                    />
                  </td>
                  <td>
                    {rows.length > 1 && (
                      <button type="button" className="secondary" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
                        {t('seizure.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="secondary" onClick={() => setRows([...rows, emptyRow(t('seizure.defaultUnit'))])} disabled={rows.length >= 500}>
            {t('seizure.addItem')}
          </button>
        </fieldset>
        <Problem text={problem} />
        <button type="submit" disabled={registering.isPending || registering.isSuccess || !site}>
          {t('seizure.register', { count: rows.length })}
        </button>
      </form>
    </Screen>
  );
}

/** A seizure's items with their labels: previews on screen, one button to print them all. */
export function SeizurePage({ code }: { code: string }) {
  const { t } = useSession();
  const word = useWord();
  const read = queries.useQuery('get', '/seizures/{code}', { params: { path: { code } } });
  const seizure = read.data;
  const [printer, setPrinter] = useState<Printer | null>(null);
  const problem = problemOf(t, read.error);
  if (!seizure)
    return (
      <Screen title={code}>
        <Problem text={problem} />
      </Screen>
    );
  return (
    <Screen title={t('seizure.pageTitle', { case: seizure.caseNumber })}>
      <p className="lead" data-testid="seizure-summary">
        {t('seizure.summary', { code: seizure.code, count: seizure.items.length, site: seizure.site })} · <When at={seizure.seizedAt} />
      </p>
      <PrintLabels site={seizure.site} codes={seizure.items.map((item) => item.code)} onPrinter={setPrinter} />
      <ul className="labels">
        {seizure.items.map((item) => (
          <li key={item.code} data-testid="seized-item">
            <LabelPreview code={item.code} printer={printer} />
            <div>
              <a href={href('items', item.code)} className="code">
                {item.code}
              </a>{' '}
              <Status status={item.status} />
              <div>
                {word('category', item.category)} · {item.description} · {item.quantity} {item.unit}
              </div>
              {item.sealNumber && (
                <div>
                  {t('field.sealNumber')}: {item.sealNumber}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
