import { BUDGET_COACH_TEAM } from "../../subgraphs/shared/src/covenant/organisations.js";
import { buildDemoWorld, type DemoWorld } from "../../subgraphs/shared/src/demo/world.js";

/**
 * The rows the authorization matrix is probed on, picked from the deterministic demo world: for
 * each caller, one row that is its own and one that is not.
 */
export interface Targets {
  world: DemoWorld;
  /** Elan Wonen's tenant with a live signal to an SWT team (Haarlem Schalkwijk) and an open case. */
  elanTenant: string;
  elanSignal: string;
  elanCase: string;
  /** The same kind of tenant of Ymere, in Haarlem (another corporation, another team). */
  ymereTenant: string;
  ymereSignal: string;
  ymereCase: string;
  /** A tenant of Elan Wonen with an objection on record. */
  elanObjector: string;
  /** A tenant with a live signal in Zandvoort. */
  zandvoortTenant: string;
  zandvoortSignal: string;
  /** A tenant referred to the budget coach, its signal and its case. */
  coachTenant: string;
  coachSignal: string;
  coachCase: string;
  /** The SWT team that holds elanCase. */
  elanTeam: string;
  /** An open case of Zandvoort's team. */
  zandvoortCase: string;
}

export function pickTargets(): Targets {
  const world = buildDemoWorld();
  const tenantById = new Map(world.tenants.map((t) => [t.id, t]));
  const openCases = world.cases.filter((c) => c.status !== "CLOSED");
  const signalOf = (kase: (typeof world.cases)[number]) => kase.signalIds[kase.signalIds.length - 1]!;
  const swtCaseOf = (corporationId: string, municipality: string, exceptTeam?: string) =>
    openCases.find((c) => {
      const tenant = tenantById.get(c.tenantId)!;
      return (
        c.teamId !== BUDGET_COACH_TEAM.id &&
        c.teamId !== exceptTeam &&
        tenant.corporationId === corporationId &&
        tenant.address.municipalityCode === municipality &&
        !world.cases.some((other) => other.tenantId === c.tenantId && other.teamId === BUDGET_COACH_TEAM.id) &&
        c.feedback !== null &&
        tenant.collectionSteps.length === 4 &&
        world.householdProfiles.some((p) => p.tenantId === c.tenantId)
      );
    });
  const elan = swtCaseOf("elan-wonen", "0392");
  if (!elan) throw new Error("The demo world has no suitable Elan Wonen case");
  const ymere = swtCaseOf("ymere", "0392", elan.teamId);
  if (!ymere) throw new Error("The demo world has no suitable Ymere case");
  const zandvoort = world.signals.find((s) => s.municipalityCode === "0473");
  const coach = openCases.find((c) => c.teamId === BUDGET_COACH_TEAM.id && c.feedback !== null && tenantById.get(c.tenantId)!.address.municipalityCode === "0392");
  const zandvoortCase = openCases.find((c) => c.teamId === "zandvoort");
  const objector = world.tenants.find((t) => t.corporationId === "elan-wonen" && t.objection);
  if (!zandvoort || !coach || !objector || !zandvoortCase) throw new Error("The demo world lacks a Zandvoort signal, a budget-coach case or an objection");
  return {
    world,
    elanTenant: elan.tenantId,
    elanSignal: signalOf(elan),
    elanCase: elan.id,
    elanTeam: elan.teamId,
    ymereTenant: ymere.tenantId,
    ymereSignal: signalOf(ymere),
    ymereCase: ymere.id,
    elanObjector: objector.id,
    zandvoortTenant: zandvoort.tenantId,
    zandvoortSignal: zandvoort.id,
    coachTenant: coach.tenantId,
    coachSignal: signalOf(coach),
    coachCase: coach.id,
    zandvoortCase: zandvoortCase.id,
  };
}
