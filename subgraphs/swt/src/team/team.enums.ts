import { registerEnumType } from "type-graphql";

/**
 * What kind of team holds cases:
 *  SWT           a social neighbourhood team (sociaal wijkteam): priority I-III signals of its area;
 *  BUDGET_COACH  the budget coach (budgetcoach): priority IV signals of both municipalities (Art. 5.3),
 *                kept as the cases of one pseudo-team so that one case model and one deadline rule serve both.
 */
export enum TeamKind {
  SWT = "SWT",
  BUDGET_COACH = "BUDGET_COACH",
}
registerEnumType(TeamKind, {
  name: "TeamKind",
  description: "SWT: a social neighbourhood team (priority I-III); BUDGET_COACH: the budget coach (priority IV, Art. 5.3).",
});
