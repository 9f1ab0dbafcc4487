/** Where a scanned item stands according to the records, at the moment the audit is finished. */
export interface RecordedItem {
  /** In custody at the audited site. */
  inCustodyHere: boolean;
  /** Recorded at the audited location or below it (always true for a site audit). */
  inScope: boolean;
}

export interface AuditReport {
  /** Scanned, and recorded where they were found. */
  found: string[];
  /** Scanned here, in custody at the site, but recorded at another of its locations. */
  misplaced: string[];
  /** Expected here, not scanned. */
  missing: string[];
  /** Scanned, but unknown, of another site, in transit, checked out or disposed. */
  unexpected: string[];
}

/** What an inventory found: the expected items against the codes scanned (each once, in scan order). */
export function auditReport(expected: Iterable<string>, scanned: string[], recorded: ReadonlyMap<string, RecordedItem>): AuditReport {
  const report: AuditReport = { found: [], misplaced: [], missing: [], unexpected: [] };
  const seen = new Set<string>();
  for (const code of scanned) {
    if (seen.has(code)) continue;
    seen.add(code);
    const item = recorded.get(code);
    if (!item || !item.inCustodyHere) report.unexpected.push(code);
    else if (item.inScope) report.found.push(code);
    else report.misplaced.push(code);
  }
  for (const code of expected) if (!seen.has(code)) report.missing.push(code);
  report.missing.sort();
  return report;
}
