import { registerEnumType } from "type-graphql";

/**
 * Where a case (casus) stands:
 *  OPEN          opened for a forwarded signal; the team is seeking contact and has not taken it into treatment;
 *  IN_TREATMENT  taken into treatment (in behandeling genomen, Art. 5.5): the team works with the household;
 *  CLOSED        closed (afgesloten) on `closedOn`, normally with an outcome from the DDAS list.
 * A later signal of the same household joins its case while it is not CLOSED.
 */
export enum CaseStatus {
  OPEN = "OPEN",
  IN_TREATMENT = "IN_TREATMENT",
  CLOSED = "CLOSED",
}
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "Where a case stands: OPEN (seeking contact), IN_TREATMENT (taken into treatment), CLOSED.",
});

/**
 * The outcome of a case: the 16 end results (EnumEindresultaat) of VNG's DDAS-Vroegsignalering v1.2.
 * Stored and served under these English names; DDAS_OUTCOME gives the exact Dutch value for the export.
 */
export enum CaseOutcome {
  BUDGET_ADVICE_OR_QUICK_FIX = "BUDGET_ADVICE_OR_QUICK_FIX",
  NO_CONTACT_POSSIBLE = "NO_CONTACT_POSSIBLE",
  NO_RESPONSE_AFTER_EARLIER_CONTACT = "NO_RESPONSE_AFTER_EARLIER_CONTACT",
  ALREADY_KNOWN_AT_DEBT_HELP = "ALREADY_KNOWN_AT_DEBT_HELP",
  OTHER_TRAJECTORY_RUNNING = "OTHER_TRAJECTORY_RUNNING",
  ALREADY_PAID_OR_ARRANGED = "ALREADY_PAID_OR_ARRANGED",
  DECEASED = "DECEASED",
  ARRANGES_IT_THEMSELVES = "ARRANGES_IT_THEMSELVES",
  NOT_TAKEN_UP_OTHER_REASON = "NOT_TAKEN_UP_OTHER_REASON",
  NOT_TAKEN_UP_REPEATED_SIGNAL = "NOT_TAKEN_UP_REPEATED_SIGNAL",
  NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL = "NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL",
  NOT_A_RESIDENT = "NOT_A_RESIDENT",
  FOLLOW_UP_HELP_OR_REFERRAL = "FOLLOW_UP_HELP_OR_REFERRAL",
  FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL = "FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL",
  FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL = "FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL",
  REFERRAL_WITHOUT_RESIDENT = "REFERRAL_WITHOUT_RESIDENT",
  /**
   * Not a DDAS end result: the case went to another holder (a changed priority, a reroute by the SDV,
   * a hand-over by the team), where a new case goes on with the household. Set by those moves only,
   * never by closeCase; such a case bundles no signal any more, so no DDAS export holds it.
   */
  TRANSFERRED = "TRANSFERRED",
}

/** The outcomes a team closes a case with: the DDAS end results. */
export type DdasCaseOutcome = Exclude<CaseOutcome, CaseOutcome.TRANSFERRED>;

/** The DDAS v1.2 value (EnumEindresultaat) of each outcome, character for character. */
export const DDAS_OUTCOME: Record<DdasCaseOutcome, string> = {
  [CaseOutcome.BUDGET_ADVICE_OR_QUICK_FIX]: "(Budget)advies en/of quick fix",
  [CaseOutcome.NO_CONTACT_POSSIBLE]: "Definitief geen contact kunnen krijgen",
  [CaseOutcome.NO_RESPONSE_AFTER_EARLIER_CONTACT]: "Geen reactie na eerder contact",
  [CaseOutcome.ALREADY_KNOWN_AT_DEBT_HELP]: "Inwoner al bekend bij schuldhulpverlening",
  [CaseOutcome.OTHER_TRAJECTORY_RUNNING]: "Inwoner heeft al een ander lopend traject",
  [CaseOutcome.ALREADY_PAID_OR_ARRANGED]: "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
  [CaseOutcome.DECEASED]: "Inwoner is overleden",
  [CaseOutcome.ARRANGES_IT_THEMSELVES]: "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
  [CaseOutcome.NOT_TAKEN_UP_OTHER_REASON]: "Niet opgepakt: andere reden",
  [CaseOutcome.NOT_TAKEN_UP_REPEATED_SIGNAL]: "Niet opgepakt: herhaalde melding",
  [CaseOutcome.NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL]: "Niet opgepakt: onterecht signaal",
  [CaseOutcome.NOT_A_RESIDENT]: "Persoon is geen inwoner (meer) in de gemeente",
  [CaseOutcome.FOLLOW_UP_HELP_OR_REFERRAL]: "Vervolghulp en/of verwijzing",
  [CaseOutcome.FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL]: "Vervolghulp en/of verwijzing financieel",
  [CaseOutcome.FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL]: "Vervolghulp en/of verwijzing niet financieel",
  [CaseOutcome.REFERRAL_WITHOUT_RESIDENT]: "Verwijzing zonder tussenkomst inwoner",
};

registerEnumType(CaseOutcome, {
  name: "CaseOutcome",
  description: "The outcome of a case: the 16 end results of DDAS-Vroegsignalering v1.2 (EnumEindresultaat), and TRANSFERRED for a case that went to another holder.",
  valuesConfig: {
    ...(Object.fromEntries(Object.entries(DDAS_OUTCOME).map(([outcome, ddas]) => [outcome, { description: `DDAS: "${ddas}".` }])) as Record<
      DdasCaseOutcome,
      { description: string }
    >),
    TRANSFERRED: {
      description: "Not a DDAS end result: the case went to another team or the budget coach, where a new case goes on. Set by a move or hand-over only.",
    },
  },
});
