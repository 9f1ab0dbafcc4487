import { auditReport } from './report';

describe('an audit report', () => {
  const here = { inCustodyHere: true, inScope: true };
  const elsewhereOnSite = { inCustodyHere: true, inScope: false };
  const away = { inCustodyHere: false, inScope: false };

  it('sorts every scan into found, misplaced or unexpected, and lists what was not scanned', () => {
    const recorded = new Map([
      ['A', here],
      ['B', here],
      ['C', elsewhereOnSite],
      ['D', away],
    ]);
    expect(auditReport(['A', 'B', 'E', 'F'], ['A', 'C', 'D', 'Z', 'A'], recorded)).toEqual({
      found: ['A'],
      misplaced: ['C'],
      missing: ['B', 'E', 'F'],
      unexpected: ['D', 'Z'],
    });
  });

  it('finds an item put in place after the audit began', () => {
    expect(auditReport([], ['N'], new Map([['N', here]]))).toEqual({ found: ['N'], misplaced: [], missing: [], unexpected: [] });
  });
});
