import { CustodyStep, custodySteps, defaultWitnessPolicy, needsWitness, stepRules, transition, witnessReasons, WitnessStep } from './steps';
import { CustodyEventType, ItemCategory, ItemStatus } from './vocabulary';

const { InCustody: custody, InTransit: transit, CheckedOut: out, Missing: missing, Disposed: disposed } = ItemStatus;
type From = ItemStatus | 'new';
const starts: From[] = ['new', custody, transit, out, missing, disposed];

// What each step does from each starting point, written out by hand: the status it leaves, or — when refused.
const expected: Record<CustodyStep, Record<From, ItemStatus | '—'>> = {
  [CustodyStep.Seize]: { new: custody, [custody]: '—', [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Move]: { new: '—', [custody]: custody, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Dispatch]: { new: '—', [custody]: transit, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Receive]: { new: '—', [custody]: '—', [transit]: custody, [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.ReportMissing]: { new: '—', [custody]: '—', [transit]: missing, [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.CheckOut]: { new: '—', [custody]: out, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.CheckIn]: { new: '—', [custody]: '—', [transit]: '—', [out]: custody, [missing]: '—', [disposed]: '—' },
  [CustodyStep.Sample]: { new: '—', [custody]: custody, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.SampleTaken]: { new: custody, [custody]: '—', [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Reseal]: { new: '—', [custody]: custody, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.PrintLabel]: { new: '—', [custody]: custody, [transit]: '—', [out]: out, [missing]: '—', [disposed]: '—' },
  [CustodyStep.Audit]: { new: '—', [custody]: custody, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Dispose]: { new: '—', [custody]: disposed, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.Destroy]: { new: '—', [custody]: disposed, [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
  [CustodyStep.ScheduleReview]: { new: '—', [custody]: custody, [transit]: transit, [out]: out, [missing]: missing, [disposed]: '—' },
  [CustodyStep.Import]: { new: custody, [custody]: '—', [transit]: '—', [out]: '—', [missing]: '—', [disposed]: '—' },
};

describe('every custody step from every status', () => {
  const cases = custodySteps.flatMap((step) => starts.map((from) => [step, from, expected[step][from]] as const));

  it.each(cases)('%s from %s leaves %s', (step, from, outcome) => {
    const result = transition(step, from);
    if (outcome === '—') {
      expect(result.allowed).toBe(false);
      if (!result.allowed) expect(result.reason.length).toBeGreaterThan(10);
    } else {
      expect(result).toEqual({ allowed: true, to: outcome });
    }
  });

  it('covers every step of the table and nothing else', () => {
    expect(Object.keys(expected).sort()).toEqual([...custodySteps].sort());
  });

  it('says in words why a step is refused', () => {
    const refused = transition(CustodyStep.Move, transit);
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('the item is in transit') });
    expect(transition(CustodyStep.Move, disposed)).toEqual({ allowed: false, reason: expect.stringContaining('needs an item in custody') });
  });
});

describe('what each step records', () => {
  it.each([
    [CustodyStep.Seize, CustodyEventType.Seized],
    [CustodyStep.Move, CustodyEventType.Moved],
    [CustodyStep.Dispatch, CustodyEventType.Dispatched],
    [CustodyStep.Receive, CustodyEventType.Received],
    [CustodyStep.ReportMissing, CustodyEventType.Discrepancy],
    [CustodyStep.CheckOut, CustodyEventType.CheckedOut],
    [CustodyStep.CheckIn, CustodyEventType.CheckedIn],
    [CustodyStep.Sample, CustodyEventType.Sampled],
    [CustodyStep.SampleTaken, CustodyEventType.Sampled],
    [CustodyStep.Reseal, CustodyEventType.SealReplaced],
    [CustodyStep.PrintLabel, CustodyEventType.LabelPrinted],
    [CustodyStep.Audit, CustodyEventType.Audited],
    [CustodyStep.Dispose, CustodyEventType.Disposed],
    [CustodyStep.Destroy, CustodyEventType.Disposed],
    [CustodyStep.ScheduleReview, CustodyEventType.ReviewSet],
  ])('%s writes a %s event', (step, event) => {
    expect(stepRules[step].event).toBe(event);
  });

  it('moves an item to another site only by a receipt', () => {
    expect(custodySteps.filter((step) => stepRules[step].changesSite)).toEqual([CustodyStep.Receive]);
  });

  it('names the witness in the event of every step that can need one', () => {
    for (const rule of Object.values(stepRules)) {
      if (rule.witness !== null && rule.step !== CustodyStep.SampleTaken) expect(rule.records).toContain('witness');
    }
  });
});

describe('the two-person rule', () => {
  const highRisk = [ItemCategory.Drugs, ItemCategory.Cash, ItemCategory.Firearm, ItemCategory.Valuables];
  const lowRisk = [ItemCategory.Document, ItemCategory.DigitalDevice, ItemCategory.Vehicle, ItemCategory.Other];
  const witnessed = [CustodyStep.Dispatch, CustodyStep.CheckOut, CustodyStep.Sample, CustodyStep.Reseal, CustodyStep.Dispose];
  const neverWitnessed = custodySteps.filter((step) => !witnessed.includes(step) && step !== CustodyStep.Destroy);

  it.each(witnessed)('%s of a high-risk item needs a witness, of another item none', (step) => {
    for (const category of highRisk) expect(witnessReasons(step, [category], defaultWitnessPolicy)).toEqual([category]);
    for (const category of lowRisk) expect(needsWitness(step, [category], defaultWitnessPolicy)).toBe(false);
  });

  it('taking a sample of drugs, cash, a firearm or valuables needs a witness: it opens the seal', () => {
    expect(needsWitness(CustodyStep.Sample, [ItemCategory.Drugs], defaultWitnessPolicy)).toBe(true);
  });

  it.each(neverWitnessed)('%s never needs a witness', (step) => {
    expect(needsWitness(step, highRisk, defaultWitnessPolicy)).toBe(false);
  });

  it('destruction always needs one, whatever the category and the configured steps', () => {
    expect(witnessReasons(CustodyStep.Destroy, [ItemCategory.Document], { categories: [], steps: [] })).toBe('always');
  });

  it('follows the configured categories and steps', () => {
    const policy = { categories: [ItemCategory.Document], steps: [WitnessStep.Dispatch] };
    expect(witnessReasons(CustodyStep.Dispatch, [ItemCategory.Document, ItemCategory.Drugs, ItemCategory.Document], policy)).toEqual([ItemCategory.Document]);
    expect(needsWitness(CustodyStep.CheckOut, [ItemCategory.Document], policy)).toBe(false);
  });

  it('names each high-risk category of a manifest once, sorted', () => {
    expect(
      witnessReasons(CustodyStep.Dispatch, [ItemCategory.Firearm, ItemCategory.Cash, ItemCategory.Firearm, ItemCategory.Other], defaultWitnessPolicy),
    ).toEqual([ItemCategory.Cash, ItemCategory.Firearm]);
  });
});
