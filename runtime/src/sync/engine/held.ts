/**
 * Deletions a full run holds back. A full run reads a record's absence from a side as its deletion
 * there; but a side that returned records without their id (a user cleared the app's `externalId`,
 * say) has not shown that anything is missing from it: the "missing" record may be one of those.
 * So a deletion inferred from absence on such a side is not made, and is reported instead: an audit
 * row per record (`skip`, with the code) and one line in the run record per side. The ledger keeps
 * the record as it was, so the next full run that reads the side cleanly makes the deletion if the
 * record is really gone. Explicit evidence (a tombstone, a deletions feed, a flagged store record)
 * is not absence, and is never held.
 */
export const HELD_CODE = 'CG_SYNC_DELETIONS_HELD';

export type SideName = 'source' | 'destination';
type PerSide = Readonly<Partial<Record<SideName, number>>>;

/** `counts` with `n` more for `side`. */
export function addFor(counts: PerSide | undefined, side: SideName, n: number): PerSide {
  return { ...counts, [side]: (counts?.[side] ?? 0) + n };
}

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

/** The audit row's error for one held record. */
export function heldRecordError(missingFrom: SideName, unidentified: number): string {
  return `${HELD_CODE}: missing from the ${missingFrom}, which also returned ${records(unidentified)} without an id in this run, so the absence is not taken as a deletion`;
}

/** The run record's line for a side whose absences were held. */
export function heldSummary(missingFrom: SideName, held: number, unidentified: number, idPath: string, deletedAt: SideName): string {
  return (
    `${HELD_CODE}: ${held} deletion${held === 1 ? '' : 's'} held: the ${missingFrom} returned ${records(unidentified)} without an id at "${idPath}" in this run, ` +
    `so records missing from it were not deleted at the ${deletedAt} (hint: give those records their id (see the CG_SYNC_NO_ID dead letters); ` +
    `the next full run that reads every ${missingFrom} record with its id makes the deletions still due)`
  );
}

/** The run record's line for child records held: a parent's children were read with some lacking an id. */
export function heldChildrenSummary(held: number): string {
  return (
    `${HELD_CODE}: ${held} child record deletion${held === 1 ? '' : 's'} held: a child stream returned records without an id, ` +
    `so children missing under those parents were not deleted (hint: give those records their id (see the CG_SYNC_NO_ID dead letters); ` +
    `the next run that reads the parent's children cleanly makes the deletions still due)`
  );
}
