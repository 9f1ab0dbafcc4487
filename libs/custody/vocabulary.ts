/** Where an item stands; each change of it is a custody event. */
export enum ItemStatus {
  InCustody = 'in_custody',
  InTransit = 'in_transit',
  CheckedOut = 'checked_out',
  Missing = 'missing',
  Disposed = 'disposed',
}

export const itemStatuses: readonly ItemStatus[] = Object.values(ItemStatus);

export enum ItemCategory {
  Drugs = 'drugs',
  Cash = 'cash',
  Firearm = 'firearm',
  Valuables = 'valuables',
  Document = 'document',
  DigitalDevice = 'digital_device',
  Vehicle = 'vehicle',
  Other = 'other',
}

export const itemCategories: readonly ItemCategory[] = Object.values(ItemCategory);

/** What a custody event says happened; one line of the ledger each. */
export enum CustodyEventType {
  Seized = 'seized',
  Moved = 'moved',
  Dispatched = 'dispatched',
  Received = 'received',
  Discrepancy = 'discrepancy',
  CheckedOut = 'checked_out',
  CheckedIn = 'checked_in',
  Sampled = 'sampled',
  SealReplaced = 'seal_replaced',
  LabelPrinted = 'label_printed',
  Audited = 'audited',
  Disposed = 'disposed',
  Corrected = 'corrected',
  ReviewSet = 'review_set',
  /** Brought in from the records kept before Custody: its known history, with the original dates, then its entry into Custody. */
  Imported = 'imported',
}

export const custodyEventTypes: readonly CustodyEventType[] = Object.values(CustodyEventType);

/** What can be done to evidence at a site; the access module says which roles may do each. */
export enum SiteAction {
  RegisterSeizure = 'register_seizure',
  /** Put an item at a location of its site, or move it to another. */
  StoreItems = 'store_items',
  /** Draft, change, cancel and dispatch transfers from the site. */
  SendTransfer = 'send_transfer',
  /** Scan in and close transfers addressed to the site. */
  ReceiveTransfer = 'receive_transfer',
  /** Hand an item to a named person for a while (a hearing, an examination). */
  CheckOut = 'check_out',
  /** Take a checked-out item back. */
  CheckIn = 'check_in',
  TakeSample = 'take_sample',
  Reseal = 'reseal',
  /** Carry out the decision on an item's fate: return, confiscation, sale, destruction. */
  Dispose = 'dispose',
  /** Set or clear the date an item is due for review. */
  ScheduleReview = 'schedule_review',
  /** Print labels on the site's printers. */
  PrintLabels = 'print_labels',
  /** Take inventory of the site's storage (auditors may, at every site). */
  Audit = 'audit',
  /** Bring in items the site already held before Custody, with their history (administrators, at every site). */
  ImportItems = 'import_items',
}

export const siteActions: readonly SiteAction[] = Object.values(SiteAction);
