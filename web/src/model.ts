/** The shapes the API answers with, as far as the screens read them. */

export type Role = 'evidence_officer' | 'registry_clerk' | 'confiscation_officer' | 'lab_analyst' | 'auditor' | 'admin';
export type Language = 'en' | 'fr' | 'nl';
export const languages: Language[] = ['en', 'fr', 'nl'];

export interface User {
  userId: string;
  username: string;
  displayName: string;
  language: Language;
  roles: { role: Role; siteId: string | null; siteCode: string | null }[];
}

export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const categories = ['drugs', 'cash', 'firearm', 'valuables', 'document', 'digital_device', 'vehicle', 'other'] as const;
export type Category = (typeof categories)[number];
/** The custody steps and the two-person rule of this installation, as GET /custody/steps serves them. */
export interface CustodyPolicy {
  steps: { step: string; witness: string | null; witnessed: boolean }[];
  witnessCategories: Category[];
}

/** Whether the server will ask a witness for this step on items of these categories; before the policy is loaded, the server's WITNESS_REQUIRED says so. */
export function witnessNeeded(policy: CustodyPolicy | null, step: string, itemCategories: Category[]): boolean {
  const rule = policy?.steps.find((each) => each.step === step);
  if (!policy || !rule?.witnessed) return false;
  return rule.witness === 'always' || itemCategories.some((category) => policy.witnessCategories.includes(category));
}
export type ItemStatus = 'in_custody' | 'in_transit' | 'checked_out' | 'missing' | 'disposed';

export interface Item {
  code: string;
  status: ItemStatus;
  category: Category;
  description: string;
  quantity: number;
  unit: string;
  sealNumber: string | null;
  sealDamaged: boolean;
  site: string;
  location: string | null;
  transfer: string | null;
  custodian: string | null;
  parent: string | null;
  reviewOn: string | null;
  seizure: string;
  caseNumber: string;
}

export interface Seizure {
  code: string;
  caseNumber: string;
  seizedAt: string;
  seizingUnit: string | null;
  legalReference: string | null;
  site: string;
  registeredBy: string;
  items: Item[];
}

export type EventType =
  | 'seized'
  | 'moved'
  | 'dispatched'
  | 'received'
  | 'discrepancy'
  | 'checked_out'
  | 'checked_in'
  | 'sampled'
  | 'seal_replaced'
  | 'label_printed'
  | 'audited'
  | 'disposed'
  | 'corrected'
  | 'review_set'
  | 'imported';

export interface CustodyEvent {
  sequence: number;
  type: EventType;
  occurredAt: string;
  actor: string;
  site: string | null;
  location: string | null;
  transfer: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface Verification {
  ok: boolean;
  events: number;
  anchoredEvents: number;
  checkpoint: { treeSize: number; createdAt: string; keyId: string } | null;
  problems: string[];
}

export interface Location {
  code: string;
  name: string;
  kind: 'room' | 'shelf' | 'bin';
  children: Location[];
}

export interface ScanResult {
  kind: 'item' | 'location' | 'transfer' | 'seizure';
  code: string;
  site?: string;
  name?: string;
  path?: string;
  status?: string;
  description?: string;
}

export interface SiteEntry {
  code: string;
  name: string;
}

export type TransferStatus = 'draft' | 'dispatched' | 'closed' | 'cancelled';
export type LineState = 'listed' | 'in_transit' | 'received' | 'missing' | 'cancelled';

export interface TransferLine {
  code: string;
  state: LineState;
  category: Category;
  description: string;
  sealNumber: string | null;
  caseNumber: string;
  sealIntact: boolean | null;
  note: string | null;
}

export interface Transfer {
  code: string;
  status: TransferStatus;
  fromSite: string;
  toSite: string;
  purpose: string | null;
  createdBy: string;
  createdAt: string;
  dispatchedAt: string | null;
  witness: string | null;
  counts: { items: number; inTransit: number; received: number; missing: number; damaged: number; unexpected: number };
  items?: TransferLine[];
  missing?: string[];
  damaged?: { code: string; note: string | null }[];
  unexpected?: string[];
}

export interface ReceiptResult {
  received: string[];
  alreadyReceived: string[];
  unexpected: string[];
  damaged: string[];
  outstanding: number;
  status: TransferStatus;
}

export interface Printer {
  id: string;
  site: string;
  name: string;
  host: string;
  port: number;
  type: 'epson' | 'star' | 'zpl';
  widthMm: number;
  dpi: number;
  size: string;
  disabled: boolean;
  confirmation: 'status' | 'send';
  /** What the printer was last seen to be (ready, paper_out, unreachable…), by a print job or a status check. */
  lastState: string | null;
  lastStateAt: string | null;
}

export interface PrintJob {
  id: string;
  status: 'queued' | 'sending' | 'printed' | 'sent' | 'failed';
  printerName: string;
  codes: string[];
  attempts: number;
  error: string | null;
  /** Why the last attempt failed, as a stable code the screens word (PRINTER_UNREACHABLE…); null once printed. */
  errorCode: string | null;
  createdAt: string;
  printedAt: string | null;
}

export interface AuditReport {
  found: string[];
  misplaced: string[];
  missing: string[];
  unexpected: string[];
}

export interface Audit {
  id: string;
  kind: 'location' | 'site' | 'random';
  status: 'open' | 'finished';
  site: string;
  location: string | null;
  startedBy: string;
  startedAt: string;
  expected: number;
  scanned: number;
  sampleSize: number | null;
  report: AuditReport | null;
}

export interface Statistics {
  year: number;
  sites: { site: string; name: string; seizures: number; items: number; received: number; transferred: number; disposed: number }[];
  total: { seizures: number; items: number; received: number; transferred: number; disposed: number };
}
