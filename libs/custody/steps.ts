import { CustodyEventType, ItemCategory, ItemStatus, SiteAction } from './vocabulary';

/** Every custody step, by name. The table below says what each may start from and what it leaves. */
export enum CustodyStep {
  Seize = 'seize',
  Move = 'move',
  Dispatch = 'dispatch',
  Receive = 'receive',
  /** Recorded missing when the receiving site closes a transfer it did not get. */
  ReportMissing = 'report_missing',
  CheckOut = 'check_out',
  CheckIn = 'check_in',
  /** On the item a sample is taken from; the sample itself is registered by `SampleTaken`. */
  Sample = 'sample',
  /** The first event of a new item taken as a sample. */
  SampleTaken = 'sample_taken',
  Reseal = 'reseal',
  PrintLabel = 'print_label',
  Audit = 'audit',
  Dispose = 'dispose',
  /** Disposal by destruction: always witnessed, whatever the category. */
  Destroy = 'destroy',
  ScheduleReview = 'schedule_review',
  /** An item the site held before Custody, brought in with its known history. */
  Import = 'import',
}

/** The steps whose high-risk items need a second person as witness (WITNESS_STEPS). */
export enum WitnessStep {
  Dispatch = 'dispatch',
  Seal = 'seal',
  Checkout = 'checkout',
  Disposition = 'disposition',
  Sample = 'sample',
}

export const witnessSteps: readonly WitnessStep[] = Object.values(WitnessStep);

/** Where a step leaves the item inside its site. */
export enum Placement {
  /** Where it was. */
  Keeps = 'keeps',
  /** At a location given with the step. */
  AtLocation = 'at_location',
  /** At a location if one is given, else at the site with no location. */
  AtLocationIfGiven = 'at_location_if_given',
  /** At no location: out of the room (in transit, with a person, gone), or arrived and not yet stored. */
  NoLocation = 'no_location',
}

export interface StepRule {
  step: CustodyStep;
  /** The event each item gets. */
  event: CustodyEventType;
  /** The statuses an item may be in for this step; `new` for a step that creates the item. */
  from: readonly ItemStatus[] | 'new';
  /** The status it leaves the item in; `unchanged` for steps that record without moving it. */
  to: ItemStatus | 'unchanged';
  /** The site action it needs, at the site where it happens. */
  action: SiteAction;
  /** The two-person rule: which WITNESS_STEPS entry applies to high-risk items, or `always`. */
  witness: WitnessStep | 'always' | null;
  placement: Placement;
  /** The item then belongs to the site where the step happened (a receipt); every other step leaves it at its site. */
  changesSite: boolean;
  /** What its event's `details` record, besides the event's own fields. */
  records: readonly string[];
  /** In one line, for people: what the step is. */
  summary: string;
}

const anyButDisposed: readonly ItemStatus[] = [ItemStatus.InCustody, ItemStatus.InTransit, ItemStatus.CheckedOut, ItemStatus.Missing];

/** The custody steps as data: served to the screens by GET /custody/steps, enforced by the one write path. */
export const stepRules: Readonly<Record<CustodyStep, StepRule>> = {
  [CustodyStep.Seize]: {
    step: CustodyStep.Seize,
    event: CustodyEventType.Seized,
    from: 'new',
    to: ItemStatus.InCustody,
    action: SiteAction.RegisterSeizure,
    witness: null,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['seizure', 'caseNumber', 'category', 'description', 'quantity', 'unit', 'sealNumber'],
    summary: 'registered as seized, at the site that seized it',
  },
  [CustodyStep.Move]: {
    step: CustodyStep.Move,
    event: CustodyEventType.Moved,
    from: [ItemStatus.InCustody],
    to: ItemStatus.InCustody,
    action: SiteAction.StoreItems,
    witness: null,
    placement: Placement.AtLocation,
    changesSite: false,
    records: ['from', 'audit'],
    summary: 'stored at a location of its site, or moved to another',
  },
  [CustodyStep.Dispatch]: {
    step: CustodyStep.Dispatch,
    event: CustodyEventType.Dispatched,
    from: [ItemStatus.InCustody],
    to: ItemStatus.InTransit,
    action: SiteAction.SendTransfer,
    witness: WitnessStep.Dispatch,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['to', 'leftLocation', 'witness'],
    summary: 'sent to another site on a transfer',
  },
  [CustodyStep.Receive]: {
    step: CustodyStep.Receive,
    event: CustodyEventType.Received,
    from: [ItemStatus.InTransit],
    to: ItemStatus.InCustody,
    action: SiteAction.ReceiveTransfer,
    witness: null,
    placement: Placement.NoLocation,
    changesSite: true,
    records: ['from', 'sealIntact', 'note'],
    summary: 'scanned in by the receiving site',
  },
  [CustodyStep.ReportMissing]: {
    step: CustodyStep.ReportMissing,
    event: CustodyEventType.Discrepancy,
    from: [ItemStatus.InTransit],
    to: ItemStatus.Missing,
    action: SiteAction.ReceiveTransfer,
    witness: null,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['kind', 'from', 'to'],
    summary: 'not received: missing when the receiving site closed the transfer',
  },
  [CustodyStep.CheckOut]: {
    step: CustodyStep.CheckOut,
    event: CustodyEventType.CheckedOut,
    from: [ItemStatus.InCustody],
    to: ItemStatus.CheckedOut,
    action: SiteAction.CheckOut,
    witness: WitnessStep.Checkout,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['person', 'expectedReturn', 'leftLocation', 'witness'],
    summary: 'handed to a named person until a date',
  },
  [CustodyStep.CheckIn]: {
    step: CustodyStep.CheckIn,
    event: CustodyEventType.CheckedIn,
    from: [ItemStatus.CheckedOut],
    to: ItemStatus.InCustody,
    action: SiteAction.CheckIn,
    witness: null,
    placement: Placement.AtLocationIfGiven,
    changesSite: false,
    records: ['person', 'late'],
    summary: 'taken back from the person it was checked out to',
  },
  [CustodyStep.Sample]: {
    step: CustodyStep.Sample,
    event: CustodyEventType.Sampled,
    from: [ItemStatus.InCustody],
    to: 'unchanged',
    action: SiteAction.TakeSample,
    witness: WitnessStep.Sample,
    placement: Placement.Keeps,
    changesSite: false,
    records: ['sample', 'quantity', 'unit', 'witness'],
    summary: 'opened to take a sample, which becomes an item of its own',
  },
  [CustodyStep.SampleTaken]: {
    step: CustodyStep.SampleTaken,
    event: CustodyEventType.Sampled,
    from: 'new',
    to: ItemStatus.InCustody,
    action: SiteAction.TakeSample,
    witness: null,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['parent', 'category', 'description', 'quantity', 'unit', 'sealNumber', 'witness'],
    summary: 'a new item: the sample taken from another',
  },
  [CustodyStep.Reseal]: {
    step: CustodyStep.Reseal,
    event: CustodyEventType.SealReplaced,
    from: [ItemStatus.InCustody],
    to: 'unchanged',
    action: SiteAction.Reseal,
    witness: WitnessStep.Seal,
    placement: Placement.Keeps,
    changesSite: false,
    records: ['previousSealNumber', 'sealNumber', 'wasDamaged', 'witness'],
    summary: 'its seal broken and replaced by a new one',
  },
  [CustodyStep.PrintLabel]: {
    step: CustodyStep.PrintLabel,
    event: CustodyEventType.LabelPrinted,
    from: [ItemStatus.InCustody, ItemStatus.CheckedOut],
    to: 'unchanged',
    action: SiteAction.PrintLabels,
    witness: null,
    placement: Placement.Keeps,
    changesSite: false,
    records: ['printJob', 'printer', 'copies', 'printNumbers', 'reprint', 'confirmed'],
    summary: 'its label printed (a reprint is counted)',
  },
  [CustodyStep.Audit]: {
    step: CustodyStep.Audit,
    event: CustodyEventType.Audited,
    from: [ItemStatus.InCustody],
    to: 'unchanged',
    action: SiteAction.Audit,
    witness: null,
    placement: Placement.Keeps,
    changesSite: false,
    records: ['audit', 'kind'],
    summary: 'found in its place by an inventory',
  },
  [CustodyStep.Dispose]: {
    step: CustodyStep.Dispose,
    event: CustodyEventType.Disposed,
    from: [ItemStatus.InCustody],
    to: ItemStatus.Disposed,
    action: SiteAction.Dispose,
    witness: WitnessStep.Disposition,
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['kind', 'authority', 'decidedAt', 'witness'],
    summary: 'returned to its owner, confiscated or sold: final',
  },
  [CustodyStep.Destroy]: {
    step: CustodyStep.Destroy,
    event: CustodyEventType.Disposed,
    from: [ItemStatus.InCustody],
    to: ItemStatus.Disposed,
    action: SiteAction.Dispose,
    witness: 'always',
    placement: Placement.NoLocation,
    changesSite: false,
    records: ['kind', 'authority', 'decidedAt', 'witness'],
    summary: 'destroyed, before a witness: final',
  },
  [CustodyStep.ScheduleReview]: {
    step: CustodyStep.ScheduleReview,
    event: CustodyEventType.ReviewSet,
    from: anyButDisposed,
    to: 'unchanged',
    action: SiteAction.ScheduleReview,
    witness: null,
    placement: Placement.Keeps,
    changesSite: false,
    records: ['reviewOn', 'previousReviewOn'],
    summary: 'its review date set or cleared',
  },
  [CustodyStep.Import]: {
    step: CustodyStep.Import,
    event: CustodyEventType.Imported,
    from: 'new',
    to: ItemStatus.InCustody,
    action: SiteAction.ImportItems,
    witness: null,
    placement: Placement.AtLocationIfGiven,
    changesSite: false,
    records: ['source', 'row', 'recorded', 'by', 'note', 'seizureReference', 'itemReference'],
    summary: 'brought in from the records kept before Custody, with its known history and their dates',
  },
};

export const custodySteps: readonly CustodyStep[] = Object.values(CustodyStep);

export function ruleOf(step: CustodyStep): StepRule {
  return stepRules[step];
}

export type Transition = { allowed: true; to: ItemStatus } | { allowed: false; reason: string };

/** Whether an item in this status may take this step, and the status it then has; words for why not. */
export function transition(step: CustodyStep, status: ItemStatus | 'new'): Transition {
  const rule = stepRules[step];
  if (rule.from === 'new' || status === 'new') {
    if (rule.from === 'new' && status === 'new') return { allowed: true, to: rule.to as ItemStatus };
    return { allowed: false, reason: rule.from === 'new' ? 'creates a new item' : 'needs an existing item' };
  }
  if (!rule.from.includes(status)) {
    return {
      allowed: false,
      reason: `the item is ${statusWords[status]}; ${rule.summary} needs an item ${rule.from.map((each) => statusWords[each]).join(' or ')}`,
    };
  }
  return { allowed: true, to: rule.to === 'unchanged' ? status : rule.to };
}

export const statusWords: Readonly<Record<ItemStatus, string>> = {
  [ItemStatus.InCustody]: 'in custody',
  [ItemStatus.InTransit]: 'in transit',
  [ItemStatus.CheckedOut]: 'checked out',
  [ItemStatus.Missing]: 'missing',
  [ItemStatus.Disposed]: 'disposed',
};

/** The installation's two-person rule: WITNESS_CATEGORIES and WITNESS_STEPS. */
export interface WitnessPolicy {
  categories: readonly ItemCategory[];
  steps: readonly WitnessStep[];
}

export const defaultWitnessPolicy: WitnessPolicy = {
  categories: [ItemCategory.Drugs, ItemCategory.Cash, ItemCategory.Firearm, ItemCategory.Valuables],
  steps: [WitnessStep.Dispatch, WitnessStep.Seal, WitnessStep.Checkout, WitnessStep.Disposition, WitnessStep.Sample],
};

/**
 * Why a step on items of these categories needs a witness: the high-risk categories among them,
 * `always` for a step that always does; an empty list when it needs none.
 */
export function witnessReasons(step: CustodyStep, categories: readonly ItemCategory[], policy: WitnessPolicy): ItemCategory[] | 'always' {
  const rule = stepRules[step];
  if (rule.witness === 'always') return 'always';
  if (rule.witness === null || !policy.steps.includes(rule.witness)) return [];
  return [...new Set(categories.filter((category) => policy.categories.includes(category)))].sort();
}

export function needsWitness(step: CustodyStep, categories: readonly ItemCategory[], policy: WitnessPolicy): boolean {
  const reasons = witnessReasons(step, categories, policy);
  return reasons === 'always' || reasons.length > 0;
}
