import { useState } from 'react';
import { answerOf, api } from '../api';
import { Notice, Problem, ScanField, Screen, Status, useWord } from '../components';
import { ScanResult } from '../model';
import { href } from '../links';
import { queries, reads } from '../queries';
import { describeError, problemOf, useSession } from '../session';
import { scanProblem } from './ScanDesk';
import { PrintLabels } from './Printing';

type Mode = 'single' | 'stocking';

/** Scan an item, scan a location, done. In stocking mode: scan a location once, then every item put there. */
export function Storage() {
  const { t } = useSession();
  const [mode, setMode] = useState<Mode>('single');
  const [item, setItem] = useState<string | null>(null);
  const [location, setLocation] = useState<ScanResult | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [stored, setStored] = useState<{ item: string; place: string }[]>([]);
  const moving = queries.useMutation('post', '/items/{code}/moves', { meta: { invalidates: [reads('/items')] } });

  const move = async (code: string, place: ScanResult) => {
    try {
      await moving.mutateAsync({ params: { path: { code } }, body: { location: place.code } });
      setStored((done) => [{ item: code, place: place.path ?? place.code }, ...done].slice(0, 50));
      setNotice({ outcome: 'ok', text: t('storage.stored', { item: code, place: place.path ?? place.code }) });
    } catch (error) {
      setNotice({ outcome: 'error', text: `${code}: ${describeError(error, t)}` });
    }
  };
  const scan = async (code: string) => {
    let found: ScanResult;
    try {
      found = await answerOf(api.GET('/scan/{code}', { params: { path: { code } } }));
    } catch (error) {
      return setNotice({ outcome: 'warning', text: scanProblem(error, code, t) });
    }
    if (found.kind === 'location') {
      if (mode === 'stocking') {
        setLocation(found);
        return setNotice({ outcome: 'ok', text: t('storage.stockingAt', { place: found.path ?? found.code }) });
      }
      if (!item) return setNotice({ outcome: 'warning', text: t('storage.itemFirst') });
      await move(item, found);
      return setItem(null);
    }
    if (found.kind !== 'item') return setNotice({ outcome: 'warning', text: t('storage.notAnItem', { code }) });
    if (mode === 'stocking') {
      if (!location) return setNotice({ outcome: 'warning', text: t('storage.locationFirst') });
      return move(found.code, location);
    }
    setItem(found.code);
    setNotice({ outcome: 'ok', text: t('storage.nowLocation', { item: found.code }) });
  };
  const switchTo = (next: Mode) => {
    setMode(next);
    setItem(null);
    setLocation(null);
    setNotice(null);
  };
  const prompt =
    mode === 'stocking'
      ? location
        ? t('storage.promptStockingItem', { place: location.path ?? location.code })
        : t('storage.promptStockingLocation')
      : item
        ? t('storage.promptLocation', { item })
        : t('storage.promptItem');
  return (
    <Screen title={t('storage.title')}>
      <div className="tabs" role="group" aria-label={t('storage.mode')}>
        <button type="button" aria-pressed={mode === 'single'} onClick={() => switchTo('single')}>
          {t('storage.single')}
        </button>
        <button type="button" aria-pressed={mode === 'stocking'} onClick={() => switchTo('stocking')}>
          {t('storage.stocking')}
        </button>
      </div>
      <ScanField label={prompt} onScan={scan} notice={notice} />
      {stored.length > 0 && (
        <table>
          <caption>{t('storage.done')}</caption>
          <thead>
            <tr>
              <th>{t('field.item')}</th>
              <th>{t('field.location')}</th>
            </tr>
          </thead>
          <tbody>
            {stored.map((entry, index) => (
              <tr key={index}>
                <td>
                  <a href={href('items', entry.item)}>{entry.item}</a>
                </td>
                <td>{entry.place}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Screen>
  );
}

/** A scanned location: where it is, what is stored there, and its label. */
export function LocationPage({ code }: { code: string }) {
  const { t } = useSession();
  const word = useWord();
  const locationRead = queries.useQuery('get', '/locations/{code}', { params: { path: { code } } });
  const itemsRead = queries.useQuery('get', '/items', { params: { query: { location: code, pageSize: 200 } } });
  const location = locationRead.data;
  const items = itemsRead.data?.data ?? [];
  const problem = problemOf(t, locationRead.error, itemsRead.error);
  return (
    <Screen title={location?.path ?? code}>
      <Problem text={problem} />
      {location && (
        <p className="lead">
          {location.code} · {location.site}
        </p>
      )}
      {location?.site && <PrintLabels site={location.site} codes={[code]} label={t('labels.printLocation')} />}
      <table>
        <caption>{t('location.items', { count: items.length })}</caption>
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th>{t('field.category')}</th>
            <th>{t('field.description')}</th>
            <th>{t('field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.code}>
              <td>
                <a href={href('items', item.code)}>{item.code}</a>
              </td>
              <td>{word('category', item.category)}</td>
              <td>{item.description}</td>
              <td>
                <Status status={item.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Screen>
  );
}
