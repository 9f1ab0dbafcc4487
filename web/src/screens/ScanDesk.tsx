import { useState } from 'react';
import { ApiError, answerOf, api } from '../api';
import { Notice, ScanField, Screen } from '../components';
import { go, pageOf } from '../links';
import { describeError, useSession } from '../session';

/** One field: scan anything, its page opens. */
export function ScanDesk() {
  const { t } = useSession();
  const [notice, setNotice] = useState<Notice | null>(null);
  const scan = async (code: string) => {
    try {
      const found = await answerOf(api.GET('/scan/{code}', { params: { path: { code } } }));
      setNotice({ outcome: 'ok', text: t('scan.opened', { code }) });
      go(...pageOf(found.kind, found.code));
    } catch (error) {
      setNotice({ outcome: error instanceof ApiError && error.status === 404 ? 'warning' : 'error', text: scanProblem(error, code, t) });
    }
  };
  return (
    <Screen title={t('scanDesk.title')}>
      <p className="lead">{t('scanDesk.lead')}</p>
      <ScanField label={t('scanDesk.field')} onScan={scan} notice={notice} />
    </Screen>
  );
}

/** Unknown, another site's, or misread: the three things a scan can go wrong with, in words. */
export function scanProblem(error: unknown, code: string, t: ReturnType<typeof useSession>['t']): string {
  if (error instanceof ApiError && error.status === 404) return t('scan.unknown', { code });
  if (error instanceof ApiError && error.status === 400) return t('scan.misread', { code });
  return describeError(error, t);
}
