import type { EntityManager } from "typeorm";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import { targetOfLevel, type PriorityLevel } from "../../../shared/src/covenant/priority.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import type { ReferralTargetValue } from "./referral.entity.js";

/** The day zero of the feedback term for a referral made at `at`: that Dutch day, or the next working day. */
export function referralDay(at: Date): string {
  return firstWorkingDayFrom(todayInNetherlands(at));
}

/**
 * The routing table as the referral flow reads it, by routingKey: the team of each area. The
 * routing service keeps it; whoever forwards (a recomputation, say) asks for it through this.
 */
export interface RoutingTableSource {
  table(manager?: EntityManager): Promise<Map<string, string>>;
}

/** Where a signal goes: an SWT team, or the budget coach under its team id. */
export interface Route {
  target: ReferralTargetValue;
  teamId: string;
}

/** Where an address lies, as routing reads it: its municipality with its four-digit postcode area. */
export interface Place {
  municipalityCode: string;
  postcodeArea: string | null;
}

/** The routing table's key of a place: an area can straddle a municipal border, so both count. */
export function routingKey(municipalityCode: string, postcodeArea: string): string {
  return `${municipalityCode}:${postcodeArea}`;
}

/** The route to an SWT team or the budget coach, by team id. */
export function routeToTeam(teamId: string): Route {
  return teamId === BUDGET_COACH_TEAM.id ? { target: "BUDGET_COACH", teamId } : { target: "SWT", teamId };
}

/**
 * Where a signal of `level` goes (Art. 5.3): IV to the budget coach, I-III to the SWT team whose
 * routing area holds the tenant's municipality and postcode area. Null when no team covers it: the
 * signal then waits, RECEIVED, listed to the SDV (unroutedSignals), until a routing area is set for it.
 */
export function routeOf(level: PriorityLevel, place: Place, routing: ReadonlyMap<string, string>): Route | null {
  if (targetOfLevel(level) === "BUDGET_COACH") return { target: "BUDGET_COACH", teamId: BUDGET_COACH_TEAM.id };
  const teamId = place.postcodeArea ? routing.get(routingKey(place.municipalityCode, place.postcodeArea)) : undefined;
  return teamId ? { target: "SWT", teamId } : null;
}

/** What happened to a signal's referral when its level changed: reported, never done silently. */
export interface ReferralChangeValue {
  /** False when the new level calls for another target that could not be reached. */
  changed: boolean;
  fromTarget: ReferralTargetValue | null;
  fromTeamId: string | null;
  toTarget: ReferralTargetValue | null;
  toTeamId: string | null;
  /** The new day zero of the feedback term, when the signal was forwarded anew. */
  forwardedOn: string | null;
  message: string;
}

function describe(route: Pick<Route, "target" | "teamId"> | null): string {
  if (!route) return "nowhere";
  return route.target === "BUDGET_COACH" ? "the budget coach" : `SWT team ${route.teamId}`;
}

/**
 * Whether a signal whose effective level became `level` must go elsewhere. Within I-III the team that
 * has it keeps it (a level is no reason to change teams); between I-III and IV the target changes, as
 * Art. 5.3 sends IV to the budget coach. `write` is the referral to record, null when none is.
 */
export function planReferral(
  current: Route | null,
  level: PriorityLevel,
  place: Place,
  routing: ReadonlyMap<string, string>,
  forwardedOn: string,
): { change: ReferralChangeValue | null; write: Route | null } {
  const wanted = targetOfLevel(level);
  if (current && current.target === wanted) return { change: null, write: null };
  const route = routeOf(level, place, routing);
  const from = { fromTarget: current?.target ?? null, fromTeamId: current?.teamId ?? null };
  if (!route) {
    return {
      write: null,
      change: {
        changed: false,
        ...from,
        toTarget: null,
        toTeamId: null,
        forwardedOn: null,
        message:
          `Priority ${level} calls for an SWT team, but no team covers postcode area ${place.postcodeArea ?? "(unknown)"} of municipality ${place.municipalityCode}; ` +
          (current ? `the forwarding to ${describe(current)} stands.` : "the signal waits, not forwarded.") +
          " It is listed in unroutedSignals; set a routing area for it (setRoutingArea).",
      },
    };
  }
  return {
    write: route,
    change: {
      changed: true,
      ...from,
      toTarget: route.target,
      toTeamId: route.teamId,
      forwardedOn,
      message: `Priority ${level}: forwarded to ${describe(route)}${current ? ` instead of ${describe(current)}` : ""}; the feedback term starts again on ${forwardedOn}.`,
    },
  };
}
