import type { Identity } from "../../shared/src/identity.js";
import type { DemoCase, DemoWorld } from "../../shared/src/demo/world.js";

/** Identities for swt's own tests, beside the shared ones: a worker of any team, a coach of one municipality. */
export const swtWorkerOf = (team: string): Identity => ({ sub: `swt-worker-${team}`, role: "SWT", orgs: [], team });
export const zandvoortCoach: Identity = { sub: "coach-zandvoort", role: "BUDGET_COACH", orgs: ["0473"] };
export const zandvoortSdv: Identity = { sub: "sdv-zandvoort", role: "SDV", orgs: ["0473"] };

/** The municipality a demo case belongs to: that of the signal that opened it, as the seed writes it. */
export function municipalityOfCase(world: DemoWorld): (kase: DemoCase) => string {
  const ofSignal = new Map(world.signals.map((signal) => [signal.id, signal.municipalityCode]));
  return (kase) => ofSignal.get(kase.signalIds[0]!)!;
}

export function sortedIds(rows: { id: string }[]): string[] {
  return rows.map((row) => row.id).sort();
}
