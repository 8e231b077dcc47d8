import type { EntityManager } from "typeorm";
import { addSignalsToTally } from "../tally/signal-tally.js";

/** What an erasure of signals erased, per table; counts only, never an id. */
export interface ErasedSignals {
  signal: number;
  priority: number;
  priority_revision: number;
  referral: number;
}

/**
 * Erases signals with everything sdv keeps of them: the priority, its revisions, the forwarding and its
 * history (forwarding_record, not counted apart) go with the signal (ON DELETE CASCADE); a later signal of the household that pointed at an erased one
 * keeps no link to it (ON DELETE SET NULL). First adds them to the anonymous monthly tally, so that the
 * covenant's monitoring does not change (`metrics` "withdrawn" also counts them as withdrawn). Run it
 * in the erasing transaction, after locking the signals. A fixed number of statements, whatever the
 * number of signals.
 */
export async function eraseSignals(manager: EntityManager, signalIds: string[], metrics: "all" | "withdrawn"): Promise<ErasedSignals> {
  if (signalIds.length === 0) return { signal: 0, priority: 0, priority_revision: 0, referral: 0 };
  await addSignalsToTally(manager, signalIds, metrics);
  const [cascaded]: Omit<ErasedSignals, "signal">[] = await manager.query(
    `SELECT (SELECT count(*)::int FROM priority WHERE signal_id = ANY($1::uuid[])) AS priority,
            (SELECT count(*)::int FROM priority_revision WHERE signal_id = ANY($1::uuid[])) AS priority_revision,
            (SELECT count(*)::int FROM referral WHERE signal_id = ANY($1::uuid[])) AS referral`,
    [signalIds],
  );
  // The driver answers a DELETE as [rows returned, rows affected].
  const [, signal]: [unknown, number] = await manager.query(`DELETE FROM signal WHERE id = ANY($1::uuid[])`, [signalIds]);
  return { signal, ...cascaded! };
}

/** True when an erasure erased anything. */
export function erasedAnything(counts: Record<string, number>): boolean {
  return Object.values(counts).some((n) => n > 0);
}
