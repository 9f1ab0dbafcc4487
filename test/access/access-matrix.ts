/**
 * Who may do what, as a table: every route × every role × own site / other site → the status
 * expected. The officer works at POL-BRU ("own"), nobody but the clerk at TPI-BRU ("other").
 * The spec fails on any route of the running app that this table does not list.
 */
export const actors = ['anonymous', 'officer', 'clerk', 'confiscation', 'analyst', 'auditor', 'admin'] as const;
export type Who = (typeof actors)[number];

export interface Fixture {
  clerk2Id: string;
  organizationId: string;
  ownLocation: string;
  otherLocation: string;
  /** A shelf at POL-BRU and one at TPI-BRU, where items can be stored. */
  ownShelf: string;
  otherShelf: string;
  /** An item and its seizure at POL-BRU, and at TPI-BRU. */
  ownItem: string;
  otherItem: string;
  ownSeizure: string;
  otherSeizure: string;
  /**
   * Transfers from POL-BRU to TPI-BRU, one per step that changes them ("own" to the officer, who
   * sends; the clerk receives), and a draft from TPI-BRU to OCSC that is none of the officer's business.
   */
  transfers: { draft: string; toCancel: string; toDispatch: string; toReceive: string; toClose: string; other: string };
  /** Items on the draft, at POL-BRU: one to add to it, one to take off it. */
  itemToAdd: string;
  itemToRemove: string;
  /** A dispatched item of `transfers.toReceive`, to scan in. */
  itemToReceive: string;
  /** Audits of POL-BRU: one open, one to finish, one finished (of a shelf). */
  audits: { open: string; toFinish: string; finished: string };
  /** Items at POL-BRU for the steps of an item's life, one a step; `toCheckIn` is checked out. */
  life: { toCheckOut: string; toCheckIn: string; toSample: string; toReseal: string; toDispose: string; toReview: string };
  /** A printer at POL-BRU and one at TPI-BRU (emulated), and a print job on each. */
  ownPrinter: string;
  otherPrinter: string;
  ownPrintJob: string;
  otherPrintJob: string;
  /** A webhook of POL-BRU, and a failed delivery of it to send again. */
  webhook: { id: string; failedDelivery: string };
  /** A checkpoint made before the matrix runs, as an auditor would have saved it. */
  checkpoint: object;
  unique: () => string;
}

export interface AccessCase {
  route: string;
  scope?: 'own site' | 'other site';
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (fixture: Fixture) => string;
  body?: (fixture: Fixture) => object;
  /** A POST that only checks what it is sent (sign-in, a consistency proof) and changes nothing. */
  readsOnly?: boolean;
  /** Taking inventory: auditors record what they find (audits, scans, `audited` events) and change no evidence. */
  recordsInventory?: boolean;
  /** Changes only the signed-in user's own preferences (their language), never evidence. */
  ownPreferences?: boolean;
  expect: Record<Who, number>;
}

const everyone = (status: number, anonymous = 401): Record<Who, number> => ({
  anonymous,
  officer: status,
  clerk: status,
  confiscation: status,
  analyst: status,
  auditor: status,
  admin: status,
});
const adminOnly = (adminStatus: number): Record<Who, number> => ({ ...everyone(403), admin: adminStatus });
const readers = (): Record<Who, number> => ({ ...everyone(403), auditor: 200, admin: 200 });
const siteReaders = (officerStatus: number, clerkStatus: number): Record<Who, number> => ({
  ...everyone(404),
  officer: officerStatus,
  clerk: clerkStatus,
  auditor: 200,
  admin: 200,
});
/** Acting on evidence: people of the item's site; auditors and administrators are refused by role. */
const siteActors = (officerStatus: number, clerkStatus: number): Record<Who, number> => ({
  ...everyone(404),
  officer: officerStatus,
  clerk: clerkStatus,
  auditor: 403,
  admin: 403,
});
const seizure = (site: string) => () => ({
  site,
  caseNumber: 'PV/ACCESS/1',
  seizedAt: '2026-11-01T10:00:00Z',
  items: [{ category: 'document', description: 'Letter', quantity: 1, unit: 'piece' }],
});

export const accessMatrix: AccessCase[] = [
  { route: 'GET /health', method: 'get', path: () => '/health', expect: everyone(200, 200) },
  {
    route: 'POST /auth/login',
    method: 'post',
    readsOnly: true,
    path: () => '/auth/login',
    body: () => ({ username: 'officer2', password: 'custody-demo' }),
    expect: everyone(200, 200),
  },
  { route: 'GET /auth/me', method: 'get', path: () => '/auth/me', expect: everyone(200) },
  { route: 'GET /custody/steps', method: 'get', path: () => '/custody/steps', expect: everyone(200) },
  { route: 'POST /auth/refresh', method: 'post', readsOnly: true, path: () => '/auth/refresh', expect: everyone(200) },
  { route: 'PATCH /auth/me', method: 'patch', ownPreferences: true, path: () => '/auth/me', body: () => ({ language: 'en' }), expect: everyone(200) },
  // how one signs in, and single sign-on (not configured in the matrix's installation: 404; a made-up code: 401)
  { route: 'GET /auth/options', method: 'get', path: () => '/auth/options', expect: everyone(200, 200) },
  { route: 'GET /auth/oidc', method: 'get', path: () => '/auth/oidc', expect: everyone(404, 404) },
  { route: 'GET /auth/oidc/callback', method: 'get', path: () => '/auth/oidc/callback?code=x&state=y', expect: everyone(302, 302) },
  {
    route: 'POST /auth/oidc/exchange',
    method: 'post',
    readsOnly: true,
    path: () => '/auth/oidc/exchange',
    body: () => ({ code: 'a'.repeat(43) }),
    expect: everyone(401, 401),
  },
  // a user's own second factor: begun by anyone signed in; confirmed only with a code of the app (a wrong one: 400)
  { route: 'POST /auth/second-factor', method: 'post', ownPreferences: true, path: () => '/auth/second-factor', expect: everyone(200) },
  {
    route: 'POST /auth/second-factor/confirm',
    method: 'post',
    ownPreferences: true,
    path: () => '/auth/second-factor/confirm',
    body: () => ({ otp: 'abcdef' }),
    expect: everyone(400),
  },
  { route: 'GET /auth/sign-ins', method: 'get', path: () => '/auth/sign-ins', expect: readers() },

  { route: 'GET /organizations', method: 'get', path: () => '/organizations', expect: readers() },
  { route: 'GET /organizations/:id', method: 'get', path: (f) => `/organizations/${f.organizationId}`, expect: readers() },
  {
    route: 'POST /organizations',
    method: 'post',
    path: () => '/organizations',
    body: (f) => ({ name: `Police zone ${f.unique()}`, kind: 'police' }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /organizations/:id',
    method: 'patch',
    path: (f) => `/organizations/${f.organizationId}`,
    body: () => ({ kind: 'police' }),
    expect: adminOnly(200),
  },

  { route: 'GET /sites', method: 'get', path: () => '/sites', expect: everyone(200) },
  { route: 'GET /sites/directory', method: 'get', path: () => '/sites/directory', expect: everyone(200) },
  {
    route: 'POST /sites',
    method: 'post',
    path: () => '/sites',
    body: (f) => ({ code: `POL-${f.unique()}`, name: 'New site', organization: f.organizationId }),
    expect: adminOnly(201),
  },
  { route: 'GET /sites/:code', scope: 'own site', method: 'get', path: () => '/sites/POL-BRU', expect: siteReaders(200, 404) },
  { route: 'GET /sites/:code', scope: 'other site', method: 'get', path: () => '/sites/TPI-BRU', expect: siteReaders(404, 200) },
  {
    route: 'PATCH /sites/:code',
    scope: 'own site',
    method: 'patch',
    path: () => '/sites/POL-BRU',
    body: () => ({ name: 'Evidence room, Brussels police zone' }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /sites/:code',
    scope: 'other site',
    method: 'patch',
    path: () => '/sites/TPI-BRU',
    body: () => ({ address: 'Place Poelaert 1, 1000 Bruxelles', documentLanguages: ['fr', 'nl'] }),
    expect: adminOnly(200),
  },

  { route: 'GET /sites/:code/locations', scope: 'own site', method: 'get', path: () => '/sites/POL-BRU/locations', expect: siteReaders(200, 404) },
  { route: 'GET /sites/:code/locations', scope: 'other site', method: 'get', path: () => '/sites/TPI-BRU/locations', expect: siteReaders(404, 200) },
  {
    route: 'POST /sites/:code/locations',
    scope: 'own site',
    method: 'post',
    path: () => '/sites/POL-BRU/locations',
    body: (f) => ({ name: `Room ${f.unique()}`, kind: 'room' }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /sites/:code/locations',
    scope: 'other site',
    method: 'post',
    path: () => '/sites/TPI-BRU/locations',
    body: (f) => ({ name: `Room ${f.unique()}`, kind: 'room' }),
    expect: adminOnly(201),
  },
  { route: 'GET /locations/:code', scope: 'own site', method: 'get', path: (f) => `/locations/${f.ownLocation}`, expect: siteReaders(200, 404) },
  { route: 'GET /locations/:code', scope: 'other site', method: 'get', path: (f) => `/locations/${f.otherLocation}`, expect: siteReaders(404, 200) },
  {
    route: 'PATCH /locations/:code',
    scope: 'own site',
    method: 'patch',
    path: (f) => `/locations/${f.ownLocation}`,
    body: () => ({ name: 'Evidence room' }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /locations/:code',
    scope: 'other site',
    method: 'patch',
    path: (f) => `/locations/${f.otherLocation}`,
    body: () => ({ name: 'Registry vault' }),
    expect: adminOnly(200),
  },

  { route: 'POST /seizures', scope: 'own site', method: 'post', path: () => '/seizures', body: seizure('POL-BRU'), expect: { ...everyone(403), officer: 201 } },
  {
    route: 'POST /seizures',
    scope: 'other site',
    method: 'post',
    path: () => '/seizures',
    body: seizure('TPI-BRU'),
    expect: { ...everyone(403), officer: 404 },
  },
  { route: 'GET /seizures/:code', scope: 'own site', method: 'get', path: (f) => `/seizures/${f.ownSeizure}`, expect: siteReaders(200, 404) },
  { route: 'GET /seizures/:code', scope: 'other site', method: 'get', path: (f) => `/seizures/${f.otherSeizure}`, expect: siteReaders(404, 200) },
  { route: 'GET /items', method: 'get', path: () => '/items', expect: everyone(200) },
  { route: 'GET /items/:code', scope: 'own site', method: 'get', path: (f) => `/items/${f.ownItem}`, expect: siteReaders(200, 404) },
  { route: 'GET /items/:code', scope: 'other site', method: 'get', path: (f) => `/items/${f.otherItem}`, expect: siteReaders(404, 200) },
  { route: 'GET /items/:code/history', scope: 'own site', method: 'get', path: (f) => `/items/${f.ownItem}/history`, expect: siteReaders(200, 404) },
  { route: 'GET /items/:code/history', scope: 'other site', method: 'get', path: (f) => `/items/${f.otherItem}/history`, expect: siteReaders(404, 200) },
  // who read an item: auditors and administrators only, of any site
  { route: 'GET /items/:code/reads', scope: 'own site', method: 'get', path: (f) => `/items/${f.ownItem}/reads`, expect: readers() },
  { route: 'GET /items/:code/reads', scope: 'other site', method: 'get', path: (f) => `/items/${f.otherItem}/reads`, expect: readers() },
  { route: 'GET /items/:code/reads.csv', method: 'get', path: (f) => `/items/${f.ownItem}/reads.csv`, expect: readers() },
  {
    route: 'POST /items/:code/moves',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.ownItem}/moves`,
    body: (f) => ({ location: f.ownShelf }),
    expect: siteActors(200, 404),
  },
  {
    route: 'POST /items/:code/moves',
    scope: 'other site',
    method: 'post',
    path: (f) => `/items/${f.otherItem}/moves`,
    body: (f) => ({ location: f.otherShelf }),
    expect: siteActors(404, 200),
  },
  {
    route: 'POST /items/:code/checkouts',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.life.toCheckOut}/checkouts`,
    body: () => ({ person: 'Me Dubois', purpose: 'Hearing', expectedReturn: '2099-01-01' }),
    expect: siteActors(201, 404),
  },
  {
    route: 'POST /items/:code/checkins',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.life.toCheckIn}/checkins`,
    body: () => ({}),
    expect: siteActors(200, 404),
  },
  { route: 'GET /checkouts', method: 'get', path: () => '/checkouts', expect: everyone(200) },
  {
    route: 'POST /items/:code/samples',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.life.toSample}/samples`,
    body: () => ({ description: 'Sample', quantity: 1, unit: 'g' }),
    expect: siteActors(201, 404),
  },
  {
    route: 'POST /items/:code/seals',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.life.toReseal}/seals`,
    body: () => ({ newSealNumber: 'SEAL-NEW-1', reason: 'Opened' }),
    expect: siteActors(200, 404),
  },
  {
    route: 'POST /items/:code/dispositions',
    scope: 'own site',
    method: 'post',
    path: (f) => `/items/${f.life.toDispose}/dispositions`,
    body: () => ({ kind: 'returned_to_owner', authority: 'Judgment 2026/1', decidedAt: '2026-11-01T10:00:00Z' }),
    expect: siteActors(200, 404),
  },
  {
    route: 'PATCH /items/:code/review',
    scope: 'own site',
    method: 'patch',
    path: (f) => `/items/${f.life.toReview}/review`,
    body: () => ({ reviewOn: '2027-01-01' }),
    expect: siteActors(200, 404),
  },
  {
    route: 'POST /audits',
    scope: 'own site',
    method: 'post',
    recordsInventory: true,
    path: () => '/audits',
    body: () => ({ site: 'POL-BRU' }),
    expect: { ...siteActors(201, 404), auditor: 201 },
  },
  {
    route: 'POST /audits/random',
    scope: 'own site',
    method: 'post',
    recordsInventory: true,
    path: () => '/audits/random',
    body: () => ({ site: 'POL-BRU' }),
    expect: { ...siteActors(201, 404), auditor: 201 },
  },
  { route: 'GET /audits', method: 'get', path: () => '/audits', expect: everyone(200) },
  { route: 'GET /audits/:id', scope: 'own site', method: 'get', path: (f) => `/audits/${f.audits.open}`, expect: siteReaders(200, 404) },
  {
    route: 'POST /audits/:id/scans',
    scope: 'own site',
    method: 'post',
    recordsInventory: true,
    path: (f) => `/audits/${f.audits.open}/scans`,
    body: (f) => ({ items: [f.ownItem] }),
    expect: { ...siteActors(200, 404), auditor: 200 },
  },
  // the officer finishes it first; the auditor may, and is told it is finished
  {
    route: 'POST /audits/:id/finish',
    scope: 'own site',
    method: 'post',
    recordsInventory: true,
    path: (f) => `/audits/${f.audits.toFinish}/finish`,
    expect: { ...siteActors(200, 404), auditor: 409 },
  },
  {
    route: 'GET /audits/:id/report.csv',
    scope: 'own site',
    method: 'get',
    path: (f) => `/audits/${f.audits.finished}/report.csv`,
    expect: siteReaders(200, 404),
  },
  {
    route: 'POST /audits/:id/misplaced/moves',
    scope: 'own site',
    method: 'post',
    path: (f) => `/audits/${f.audits.finished}/misplaced/moves`,
    expect: siteActors(200, 404),
  },
  { route: 'GET /scan/:code', scope: 'own site', method: 'get', path: (f) => `/scan/${f.ownItem}`, expect: siteReaders(200, 404) },
  { route: 'GET /scan/:code', scope: 'other site', method: 'get', path: (f) => `/scan/${f.otherLocation}`, expect: siteReaders(404, 200) },

  {
    route: 'POST /transfers',
    scope: 'own site',
    method: 'post',
    path: () => '/transfers',
    body: () => ({ fromSite: 'POL-BRU', toSite: 'TPI-BRU' }),
    expect: siteActors(201, 404),
  },
  {
    route: 'POST /transfers',
    scope: 'other site',
    method: 'post',
    path: () => '/transfers',
    body: () => ({ fromSite: 'TPI-BRU', toSite: 'OCSC' }),
    expect: siteActors(404, 201),
  },
  { route: 'GET /transfers', method: 'get', path: () => '/transfers', expect: everyone(200) },
  // a draft is the sender's business: the receiving site learns of a transfer once it is dispatched
  { route: 'GET /transfers/:code', scope: 'own site', method: 'get', path: (f) => `/transfers/${f.transfers.draft}`, expect: siteReaders(200, 404) },
  {
    route: 'GET /transfers/:code',
    scope: 'other site',
    method: 'get',
    path: (f) => `/transfers/${f.transfers.other}`,
    expect: siteReaders(404, 200),
  },
  {
    route: 'GET /transfers/:code/manifest.pdf',
    scope: 'own site',
    method: 'get',
    path: (f) => `/transfers/${f.transfers.draft}/manifest.pdf`,
    expect: siteReaders(200, 404),
  },
  {
    route: 'GET /transfers/:code/manifest.pdf',
    scope: 'other site',
    method: 'get',
    path: (f) => `/transfers/${f.transfers.other}/manifest.pdf`,
    expect: siteReaders(404, 200),
  },
  {
    route: 'POST /transfers/:code/items',
    scope: 'own site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.draft}/items`,
    body: (f) => ({ items: [f.itemToAdd] }),
    expect: siteActors(200, 404),
  },
  {
    route: 'DELETE /transfers/:code/items/:item',
    scope: 'own site',
    method: 'delete',
    path: (f) => `/transfers/${f.transfers.draft}/items/${f.itemToRemove}`,
    expect: siteActors(200, 404),
  },
  {
    route: 'POST /transfers/:code/cancel',
    scope: 'own site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.toCancel}/cancel`,
    expect: siteActors(200, 404),
  },
  {
    route: 'POST /transfers/:code/cancel',
    scope: 'other site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.other}/cancel`,
    expect: siteActors(404, 200),
  },
  {
    route: 'POST /transfers/:code/dispatch',
    scope: 'own site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.toDispatch}/dispatch`,
    // the officer's turn comes first: the clerk then sees a dispatched transfer, which only its sender dispatches
    expect: siteActors(200, 403),
  },
  // receiving is the receiving site's: the sender may see the transfer but not scan it in
  {
    route: 'POST /transfers/:code/receipts',
    scope: 'own site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.toReceive}/receipts`,
    body: (f) => ({ items: [f.itemToReceive] }),
    expect: siteActors(403, 200),
  },
  {
    route: 'POST /transfers/:code/close',
    scope: 'own site',
    method: 'post',
    path: (f) => `/transfers/${f.transfers.toClose}/close`,
    expect: siteActors(403, 200),
  },
  {
    route: 'GET /scan/:code',
    scope: 'other site',
    method: 'get',
    path: (f) => `/scan/${f.transfers.other}`,
    expect: siteReaders(404, 200),
  },

  {
    route: 'POST /printers',
    method: 'post',
    path: () => '/printers',
    body: (f) => ({ site: 'POL-BRU', name: `Desk ${f.unique()}`, host: '127.0.0.1', port: 9, type: 'zpl' }),
    expect: adminOnly(201),
  },
  { route: 'GET /printers', method: 'get', path: () => '/printers', expect: everyone(200) },
  { route: 'GET /printers/:id', scope: 'own site', method: 'get', path: (f) => `/printers/${f.ownPrinter}`, expect: siteReaders(200, 404) },
  { route: 'GET /printers/:id', scope: 'other site', method: 'get', path: (f) => `/printers/${f.otherPrinter}`, expect: siteReaders(404, 200) },
  {
    route: 'PATCH /printers/:id',
    scope: 'own site',
    method: 'patch',
    path: (f) => `/printers/${f.ownPrinter}`,
    body: () => ({ dpi: 203 }),
    expect: adminOnly(200),
  },
  // the matrix's printers are not emulated by its server: what one received is nobody's to see (see test/printing/demo-printers)
  { route: 'GET /printers/:id/received', scope: 'own site', method: 'get', path: (f) => `/printers/${f.ownPrinter}/received`, expect: everyone(404) },
  {
    route: 'GET /printers/:id/received/:job/labels/:label',
    scope: 'own site',
    method: 'get',
    path: (f) => `/printers/${f.ownPrinter}/received/1/labels/1`,
    expect: everyone(404),
  },
  // asking a printer now is for administrators; everyone sees its last known state with the printer
  { route: 'GET /printers/:id/status', scope: 'own site', method: 'get', path: (f) => `/printers/${f.ownPrinter}/status`, expect: adminOnly(200) },
  { route: 'GET /printers/:id/status', scope: 'other site', method: 'get', path: (f) => `/printers/${f.otherPrinter}/status`, expect: adminOnly(200) },
  // administrators print location labels only; evidence labels are the site's business
  {
    route: 'POST /print-jobs',
    scope: 'own site',
    method: 'post',
    path: () => '/print-jobs',
    body: (f) => ({ printer: f.ownPrinter, codes: [f.ownItem] }),
    expect: siteActors(202, 404),
  },
  {
    route: 'POST /print-jobs',
    scope: 'other site',
    method: 'post',
    path: () => '/print-jobs',
    body: (f) => ({ printer: f.otherPrinter, codes: [f.otherItem] }),
    expect: siteActors(404, 202),
  },
  { route: 'GET /print-jobs', method: 'get', path: () => '/print-jobs', expect: everyone(200) },
  { route: 'GET /print-jobs/:id', scope: 'own site', method: 'get', path: (f) => `/print-jobs/${f.ownPrintJob}`, expect: siteReaders(200, 404) },
  { route: 'GET /print-jobs/:id', scope: 'other site', method: 'get', path: (f) => `/print-jobs/${f.otherPrintJob}`, expect: siteReaders(404, 200) },
  { route: 'GET /labels/:file', scope: 'own site', method: 'get', path: (f) => `/labels/${f.ownItem}.png`, expect: siteReaders(200, 404) },
  { route: 'GET /labels/:file', scope: 'other site', method: 'get', path: (f) => `/labels/${f.otherLocation}.svg`, expect: siteReaders(404, 200) },

  { route: 'GET /statistics', method: 'get', path: () => '/statistics', expect: everyone(200) },
  { route: 'GET /statistics.csv', method: 'get', path: () => '/statistics.csv', expect: everyone(200) },

  { route: 'GET /ledger/verify', method: 'get', path: () => '/ledger/verify', expect: readers() },
  { route: 'GET /ledger/public-key', method: 'get', path: () => '/ledger/public-key', expect: everyone(200) },
  // the transparency log's checkpoint note and tiles: hashes only, for standard tools without an account
  { route: 'GET /ledger/checkpoint', method: 'get', path: () => '/ledger/checkpoint', expect: everyone(200, 200) },
  { route: 'GET /ledger/tile/:path', method: 'get', path: () => '/ledger/tile/0/000.p/1', expect: everyone(200, 200) },
  { route: 'POST /ledger/checkpoints', method: 'post', path: () => '/ledger/checkpoints', expect: adminOnly(201) },
  { route: 'GET /ledger/checkpoints', method: 'get', path: () => '/ledger/checkpoints', expect: everyone(200) },
  { route: 'GET /ledger/checkpoints/latest', method: 'get', path: () => '/ledger/checkpoints/latest', expect: everyone(200) },
  {
    route: 'POST /ledger/consistency',
    method: 'post',
    path: () => '/ledger/consistency',
    body: (f) => f.checkpoint,
    readsOnly: true,
    expect: { ...readers(), auditor: 200, admin: 200 },
  },
  {
    route: 'GET /items/:code/custody-report.pdf',
    scope: 'own site',
    method: 'get',
    path: (f) => `/items/${f.ownItem}/custody-report.pdf`,
    expect: siteReaders(200, 404),
  },
  {
    route: 'GET /items/:code/custody-report.pdf',
    scope: 'other site',
    method: 'get',
    path: (f) => `/items/${f.otherItem}/custody-report.pdf`,
    expect: siteReaders(404, 200),
  },
  { route: 'GET /items/:code/verification', scope: 'own site', method: 'get', path: (f) => `/items/${f.ownItem}/verification`, expect: siteReaders(200, 404) },
  {
    route: 'GET /items/:code/verification',
    scope: 'other site',
    method: 'get',
    path: (f) => `/items/${f.otherItem}/verification`,
    expect: siteReaders(404, 200),
  },
  { route: 'GET /items/:code/proof', scope: 'own site', method: 'get', path: (f) => `/items/${f.ownItem}/proof`, expect: siteReaders(200, 404) },
  { route: 'GET /items/:code/proof', scope: 'other site', method: 'get', path: (f) => `/items/${f.otherItem}/proof`, expect: siteReaders(404, 200) },

  { route: 'GET /users', method: 'get', path: () => '/users', expect: readers() },
  { route: 'GET /users/:id', method: 'get', path: (f) => `/users/${f.clerk2Id}`, expect: readers() },
  {
    route: 'POST /users',
    method: 'post',
    path: () => '/users',
    body: (f) => ({ username: `user-${f.unique().toLowerCase()}`, displayName: 'New User', password: 'a long enough password', roles: [] }),
    expect: adminOnly(201),
  },
  { route: 'PATCH /users/:id', method: 'patch', path: (f) => `/users/${f.clerk2Id}`, body: () => ({ displayName: 'Cédric Clerk' }), expect: adminOnly(200) },
  {
    route: 'PUT /users/:id/roles',
    method: 'put',
    path: (f) => `/users/${f.clerk2Id}/roles`,
    body: () => ({ roles: [{ role: 'registry_clerk', site: 'TPI-BRU' }] }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /imports',
    method: 'post',
    path: () => '/imports',
    body: (f) => ({
      source: 'matrix.csv',
      csv: `seizure_reference,site,case_number,seized_at,item_reference,category,description,quantity,unit\n${f.unique()},TPI-BRU,BR.1/2020,2020-01-10T10:00:00+01:00,1,document,Lettre,1,piece`,
    }),
    expect: adminOnly(200),
  },
  { route: 'GET /events', method: 'get', path: () => '/events?after=0&limit=5', expect: everyone(200) },
  {
    route: 'POST /webhooks',
    method: 'post',
    path: () => '/webhooks',
    body: () => ({ site: 'POL-BRU', url: 'http://127.0.0.1:1/other-hook', eventTypes: ['disposed'] }),
    expect: adminOnly(201),
  },
  { route: 'GET /webhooks', method: 'get', path: () => '/webhooks', expect: adminOnly(200) },
  { route: 'GET /webhooks/:id', method: 'get', path: (f) => `/webhooks/${f.webhook.id}`, expect: adminOnly(200) },
  { route: 'PATCH /webhooks/:id', method: 'patch', path: (f) => `/webhooks/${f.webhook.id}`, body: () => ({ description: 'Records' }), expect: adminOnly(200) },
  { route: 'GET /webhooks/:id/deliveries', method: 'get', path: (f) => `/webhooks/${f.webhook.id}/deliveries`, expect: adminOnly(200) },
  {
    route: 'POST /webhooks/:id/deliveries/:delivery/retry',
    method: 'post',
    path: (f) => `/webhooks/${f.webhook.id}/deliveries/${f.webhook.failedDelivery}/retry`,
    expect: adminOnly(201),
  },
  // signing out ends every token of the user: the last entry, since every token it holds ends with it
  { route: 'POST /auth/logout', method: 'post', ownPreferences: true, path: () => '/auth/logout', expect: everyone(204) },
];
