import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { PriorityLevelValue } from "../priority/priority.entity.js";
import { targetOfLevel } from "../priority/priority.rules.js";
import type { ReferralTargetValue } from "./referral.entity.js";

/** Where a signal goes: an SWT team, or the budget coach under its team id. */
export interface Route {
  target: ReferralTargetValue;
  teamId: string;
}

/**
 * Where a signal of `level` goes (Art. 5.3): IV to the budget coach, I-III to the SWT team whose
 * routing area holds the tenant's postcode area. Null when no team covers the area: the signal then
 * waits, RECEIVED, until a routing area is set for it.
 */
export function routeOf(level: PriorityLevelValue, postcodeArea: string | null, routing: ReadonlyMap<string, string>): Route | null {
  if (targetOfLevel(level) === "BUDGET_COACH") return { target: "BUDGET_COACH", teamId: BUDGET_COACH_TEAM.id };
  const teamId = postcodeArea ? routing.get(postcodeArea) : undefined;
  return teamId ? { target: "SWT", teamId } : null;
}

/** What happened to a signal's forwarding when its level changed: reported, never done silently. */
export interface ForwardingChangeValue {
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
 * Art. 5.3 sends IV to the budget coach. `write` is the forwarding to record, null when none is.
 */
export function planForwarding(
  current: Route | null,
  level: PriorityLevelValue,
  postcodeArea: string | null,
  routing: ReadonlyMap<string, string>,
  forwardedOn: string,
): { change: ForwardingChangeValue | null; write: Route | null } {
  const wanted = targetOfLevel(level);
  if (current && current.target === wanted) return { change: null, write: null };
  const route = routeOf(level, postcodeArea, routing);
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
          `Priority ${level} calls for an SWT team, but no team covers postcode area ${postcodeArea ?? "(unknown)"}; ` +
          (current ? `the forwarding to ${describe(current)} stands.` : "the signal waits, not forwarded.") +
          " Set a routing area for it (setRoutingArea).",
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
