import type { DevTokenClaims } from "../../gateway/src/auth/dev-issuer.js";
import type { Role } from "../../subgraphs/shared/src/identity.js";
import { NOT_TAKEN_UP_REASON } from "../../subgraphs/swt/src/seed.js";
import type { Targets } from "./targets.js";

/**
 * The covenant's "who may see what", as one executable table: the same source runs
 * through the gateway in `npm test` (matrix.test.ts) and renders the table in the README
 * (`npm run docs`). A check names a probe (a query), whose row it asks for, and what must happen:
 *   allowed    the field comes back with data
 *   forbidden  the field comes back null with a FORBIDDEN error at its path
 *   absent     the row is simply not there (null or not in the list), without an error
 */
export type Expectation = "allowed" | "forbidden" | "absent";
export type Target = "own" | "other" | "any";

export interface Check {
  probe: ProbeName;
  target: Target;
  expect: Expectation;
}

export interface MatrixRow {
  data: string;
  /** The cell as the covenant matrix words it, per role. */
  domain: Record<Role, string>;
  checks: Record<Role, Check[]>;
  /** What the row adds to the covenant's wording, shown under it in the README. */
  note?: string;
}

export const ROLES_IN_ORDER: Role[] = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"];

/** The caller of each column: the organisation and team that make a row "own". */
export function callerOf(role: Role, t: Targets): DevTokenClaims {
  switch (role) {
    case "CORPORATION":
      return { role, orgs: ["elan-wonen"], sub: "matrix-corporation" };
    case "SDV":
      return { role, orgs: ["0392"], sub: "matrix-sdv" };
    case "SWT":
      return { role, orgs: ["0392"], team: t.elanTeam, sub: "matrix-swt" };
    default:
      return { role, orgs: ["0392", "0473"], sub: `matrix-${role.toLowerCase()}` };
  }
}

/** Which row is "own" and which "other" for each caller, per kind of row. */
export function rowFor(role: Role, kind: "tenant" | "signal" | "case" | "objector" | "municipality", target: Target, t: Targets): string {
  // A municipality's rows (the DDAS delivery): Haarlem is every caller's own, Zandvoort is not the matrix SDV's.
  if (kind === "municipality") return target === "other" ? "0473" : "0392";
  const own: Record<Role, Record<string, string>> = {
    CORPORATION: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanObjector },
    SDV: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanTenant },
    SWT: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanTenant },
    BUDGET_COACH: { tenant: t.coachTenant, signal: t.coachSignal, case: t.coachCase, objector: t.coachTenant },
    ANALYST: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanObjector },
    COORDINATOR: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanObjector },
  };
  const other: Record<Role, Record<string, string>> = {
    CORPORATION: { tenant: t.ymereTenant, signal: t.ymereSignal, case: t.ymereCase, objector: t.ymereTenant },
    SDV: { tenant: t.zandvoortTenant, signal: t.zandvoortSignal, case: t.zandvoortCase, objector: t.zandvoortTenant },
    SWT: { tenant: t.ymereTenant, signal: t.ymereSignal, case: t.ymereCase, objector: t.ymereTenant },
    BUDGET_COACH: { tenant: t.elanTenant, signal: t.elanSignal, case: t.elanCase, objector: t.elanTenant },
    ANALYST: own.ANALYST,
    COORDINATOR: own.COORDINATOR,
  };
  return (target === "other" ? other : own)[role][kind]!;
}

export interface Probe {
  kind: "tenant" | "signal" | "case" | "objector" | "municipality" | "none";
  query: string;
  /** Where the checked field is, and where its row is (null row = absent). */
  field: (string | number)[];
  row: (string | number)[];
  /** The field may legitimately be null on an allowed row (e.g. a reason that was not given). */
  mayBeNull?: boolean;
  /** Variables besides the row's id, for probes that write. */
  variables?: (id: string, t: Targets) => Record<string, unknown>;
  /** For lists: the row is absent when no item belongs to another organisation. */
  listOwnership?: { list: (string | number)[]; owner: (node: any) => string; own: string };
}

const tenantProbe = (selection: string, field: string[]): Probe => ({
  kind: "tenant",
  query: `query($id: ID!) { tenant(id: $id) { id ${selection} } }`,
  field: ["tenant", ...field],
  row: ["tenant"],
});
const signalProbe = (selection: string, field: string[]): Probe => ({
  kind: "signal",
  query: `query($id: ID!) { signal(id: $id) { id ${selection} } }`,
  field: ["signal", ...field],
  row: ["signal"],
});
const caseProbe = (selection: string, field: string[]): Probe => ({
  kind: "case",
  query: `query($id: ID!) { case(id: $id) { id ${selection} } }`,
  field: ["case", ...field],
  row: ["case"],
});
/** The feedback the demo world holds on a case, as the team would send it (FeedbackInput). */
function demoFeedbackInput(t: Targets, caseId: string): Record<string, unknown> {
  const feedback = t.world.cases.find((kase) => kase.id === caseId)?.feedback;
  if (!feedback) throw new Error(`The demo case ${caseId} holds no feedback to send again`);
  const { id: _id, ...input } = feedback;
  return { ...input, reasonNotTakenUp: feedback.notTakenUpForOtherReason ? NOT_TAKEN_UP_REASON : null };
}

const rootProbe = (query: string, field: string): Probe => ({ kind: "none", query, field: [field], row: [field] });

/** The address the demo world's tenant lives at, as an SWT worker would type it (HouseholdAddressInput). */
function demoAddressOf(t: Targets, tenantId: string): Record<string, unknown> {
  const tenant = t.world.tenants.find((candidate) => candidate.id === tenantId);
  const match = tenant ? /^(\d+)(.*)$/.exec(tenant.address.houseNumber) : null;
  if (!tenant || !match) throw new Error(`The demo tenant ${tenantId} has no address to probe with`);
  return { postcode: tenant.address.postcode, houseNumber: Number(match[1]), addition: match[2] || null };
}

/** What the demo world's team knows of the household, as the team would record it again (HouseholdInput). */
function demoHouseholdInput(t: Targets, tenantId: string): Record<string, unknown> {
  const profile = t.world.householdProfiles.find((candidate) => candidate.tenantId === tenantId);
  if (!profile) throw new Error(`The demo world knows no household of tenant ${tenantId}`);
  return { address: demoAddressOf(t, tenantId), knownSince: profile.knownSince, childrenUnder18: profile.childrenUnder18, member65Plus: profile.member65Plus };
}

const FEEDBACK_ENTRY =
  "id kind givenOn signalId effectiveOn monthlyAmountCents replacesEntryId replacedByEntryId contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn notTakenUpForOtherReason";

export const PROBES = {
  contactData: tenantProbe("name birthDate phone email address { street houseNumber postcode city }", ["name"]),
  arrears: tenantProbe("arrears { amountCents since phase }", ["arrears"]),
  arrearsAggregate: rootProbe(`{ arrearsCounts(groupBy: [PHASE]) { phase households suppressed } }`, "arrearsCounts"),
  collectionSteps: tenantProbe("collectionSteps { kind takenOn }", ["collectionSteps"]),
  objections: { ...tenantProbe("objections { recordedOn }", ["objections"]), kind: "objector" } as Probe,
  objectionAggregate: rootProbe(`{ objectionCounts(groupBy: [MUNICIPALITY]) { municipalityCode households suppressed } }`, "objectionCounts"),
  signalStatus: signalProbe("status reportingMonth", ["status"]),
  signalAggregate: rootProbe(`{ signalCounts(groupBy: [MONTH, PRIORITY]) { month priorityLevel households suppressed } }`, "signalCounts"),
  priorityLevel: signalProbe("priority { level }", ["priority", "level"]),
  priorityReason: signalProbe("priority { level reason rule }", ["priority", "reason"]),
  thresholds: rootProbe(`{ thresholds { amountCents validFrom setBy reason } }`, "thresholds"),
  setThreshold: rootProbe(
    `mutation { setThreshold(input: { amountCents: 9000, validFrom: "2030-01-01", reason: "Authorization matrix probe" }) { id amountCents } }`,
    "setThreshold",
  ),
  householdProfile: tenantProbe("householdProfile { knownSince childrenUnder18 member65Plus }", ["householdProfile"]),
  householdRecord: {
    kind: "tenant",
    query: `query($address: HouseholdAddressInput!) { household(address: $address) { id postcode houseNumber houseNumberAddition municipalityCode knownSince childrenUnder18 member65Plus } }`,
    field: ["household", "childrenUnder18"],
    row: ["household"],
    variables: (id, t) => ({ address: demoAddressOf(t, id) }),
  },
  // Recording what the demo world already holds: the same values again change nothing.
  householdWrite: {
    kind: "tenant",
    query: `mutation($household: HouseholdInput!) { recordHousehold(household: $household) { id childrenUnder18 } }`,
    field: ["recordHousehold", "childrenUnder18"],
    row: ["recordHousehold"],
    variables: (id, t) => ({ household: demoHouseholdInput(t, id) }),
  },
  // A household in Zandvoort no demo team has recorded: the budget coach records it for any covenant address.
  householdWriteElsewhere: rootProbe(
    `mutation { recordHousehold(household: { address: { postcode: "2042 ZZ", houseNumber: 999 }, knownSince: "2026-01-05", childrenUnder18: true, member65Plus: false }) { id childrenUnder18 } }`,
    "recordHousehold",
  ),
  priorityThreeFact: signalProbe("priority { inputs { knownVulnerableAtSwt } }", ["priority", "inputs", "knownVulnerableAtSwt"]),
  caseStatus: caseProbe("status", ["status"]),
  caseDeadline: caseProbe("status forwardedOn feedbackDueOn feedbackOverdue feedbackOnTime", ["feedbackDueOn"]),
  caseWork: caseProbe("contactAttempts { kind reached on } notes { text }", ["contactAttempts"]),
  caseAggregate: rootProbe(`{ caseCounts(groupBy: [STATUS]) { status households suppressed } }`, "caseCounts"),
  feedback: tenantProbe("feedback { contactMade takenIntoTreatment collectionCanBeSuspended paymentsResumeOn notTakenUpForOtherReason }", ["feedback"]),
  // Giving feedback that the demo world already holds: a retry of the team's own call answers the stored
  // feedback, so the probe writes nothing new and can run in any order.
  feedbackWrite: {
    kind: "case",
    query: `mutation($id: ID!, $feedback: FeedbackInput!) { giveFeedback(caseId: $id, feedback: $feedback) { id contactMade } }`,
    field: ["giveFeedback"],
    row: ["giveFeedback"],
    variables: (id, t) => ({ feedback: demoFeedbackInput(t, id) }),
  } as Probe,
  feedbackHistory: caseProbe(`feedbackHistory { ${FEEDBACK_ENTRY} }`, ["feedbackHistory"]),
  caseSignalFeedback: caseProbe("signalFeedback { forwarded forwardedOn feedbackDueOn firstFeedbackOn feedbackOverdue feedback { kind } }", ["signalFeedback"]),
  // A dated update after the first feedback (each run of the matrix adds one to a fresh demo case).
  feedbackUpdateWrite: {
    ...caseProbe("", []),
    query: `mutation($id: ID!) { addFeedbackUpdate(caseId: $id, update: { kind: HELP_ACCEPTED }) { id kind } }`,
    field: ["addFeedbackUpdate", "kind"],
    row: ["addFeedbackUpdate"],
  },
  signalFeedbackStatus: signalProbe(`feedbackStatus { forwarded forwardedOn feedbackDueOn firstFeedbackOn feedbackOverdue feedback { ${FEEDBACK_ENTRY} } }`, [
    "feedbackStatus",
    "forwarded",
  ]),
  signalsAwaitingFeedback: rootProbe(
    `{ signalsAwaitingFeedback(first: 5) { forwarded forwardedOn feedbackDueOn feedbackOverdue signal { id receivedAt } feedback { kind } } }`,
    "signalsAwaitingFeedback",
  ),
  feedbackReason: { ...tenantProbe("feedback { notTakenUpForOtherReason reasonNotTakenUp }", ["feedback", "reasonNotTakenUp"]), mayBeNull: true },
  registers: {
    kind: "none",
    query: `{ registerEntries(first: 100) { edges { node { id kind corporation { id } } } } }`,
    field: ["registerEntries"],
    row: ["registerEntries"],
    listOwnership: { list: ["registerEntries", "edges"], owner: (edge: any) => edge.node.corporation.id, own: "elan-wonen" },
  } as Probe,
  registerAggregate: rootProbe(`{ registerCounts(groupBy: [KIND]) { kind households suppressed } }`, "registerCounts"),
  // The target groups are YES, NO or UNKNOWN, per entry and per count.
  registerTargetGroups: {
    kind: "none",
    query: `{ registerEntries(first: 100) { edges { node { id withChildren aged65Plus corporation { id } } } } }`,
    field: ["registerEntries"],
    row: ["registerEntries"],
    listOwnership: { list: ["registerEntries", "edges"], owner: (edge: any) => edge.node.corporation.id, own: "elan-wonen" },
  } as Probe,
  registerTargetGroupAggregate: rootProbe(
    `{ registerCounts(groupBy: [TARGET_GROUP, CHILDREN_UNDER_18, MEMBER_65_PLUS]) { targetGroup withChildren aged65Plus households suppressed } }`,
    "registerCounts",
  ),
  ddasExport: {
    kind: "municipality",
    query: `query($id: String!) { ddasExport(municipalityCode: $id, from: "2026-10-01", to: "2026-10-31") }`,
    field: ["ddasExport"],
    row: ["ddasExport"],
  } as Probe,
  accessLog: rootProbe(`{ accessLog(first: 5) { edges { node { readAt role fields } } } }`, "accessLog"),
  forwardingHistory: signalProbe("forwardingHistory { kind fromTeamId toTeamId forwardedOn forwardedBy reason }", ["forwardingHistory"]),
  routingAreas: rootProbe(`{ routingAreas { municipalityCode postcodeArea teamId } }`, "routingAreas"),
  // Setting an area to the team that has it already: allowed writes change nothing, so probes run in any order.
  setRoutingArea: rootProbe(`mutation { setRoutingArea(postcodeArea: "2011", teamId: "haarlem-centrum", municipalityCode: "0392") { routingArea { teamId } } }`, "setRoutingArea"),
  setRoutingAreaZandvoort: rootProbe(
    `mutation { setRoutingArea(postcodeArea: "2041", teamId: "zandvoort", municipalityCode: "0473") { routingArea { teamId } } }`,
    "setRoutingArea",
  ),
  unroutedSignals: rootProbe(`{ unroutedSignals(first: 5) { edges { node { id } } } }`, "unroutedSignals"),
  // Rerouting a signal to the team it is forwarded to: answered as it stands, nothing moves.
  rerouteSignal: {
    kind: "signal",
    query: `mutation($id: ID!, $teamId: ID!) { rerouteSignal(signalId: $id, teamId: $teamId, reason: "Authorization matrix probe") { forwarding { teamId } } }`,
    field: ["rerouteSignal"],
    row: ["rerouteSignal"],
    variables: (id, t) => ({ teamId: t.world.signals.find((signal) => signal.id === id)?.forwarding.teamId ?? "haarlem-centrum" }),
  } as Probe,
  handOverCase: {
    kind: "case",
    query: `mutation($id: ID!) { handOverCase(caseId: $id, toTeamId: "haarlem-noord", reason: "Authorization matrix probe") { newCaseId } }`,
    field: ["handOverCase"],
    row: ["handOverCase"],
  } as Probe,
} satisfies Record<string, Probe>;
export type ProbeName = keyof typeof PROBES;

const c = (probe: ProbeName, target: Target, expect: Expectation): Check => ({ probe, target, expect });
const ownOnly = (probe: ProbeName): Check[] => [c(probe, "own", "allowed"), c(probe, "other", "absent")];
const never = (probe: ProbeName): Check[] => [c(probe, "any", "forbidden")];
const aggregates = (row: ProbeName, aggregate: ProbeName): Check[] => [c(row, "any", "forbidden"), c(aggregate, "any", "allowed")];

export const MATRIX: MatrixRow[] = [
  {
    data: "tenant contact data: name, birth date, address, phone, e-mail",
    domain: {
      CORPORATION: "own tenants",
      SDV: "tenants with a live signal in a municipality it serves",
      SWT: "tenants with a case of its team",
      BUDGET_COACH: "tenants referred to it",
      ANALYST: "never",
      COORDINATOR: "never",
    },
    checks: {
      CORPORATION: ownOnly("contactData"),
      SDV: ownOnly("contactData"),
      SWT: ownOnly("contactData"),
      BUDGET_COACH: ownOnly("contactData"),
      ANALYST: never("contactData"),
      COORDINATOR: never("contactData"),
    },
  },
  {
    data: "arrears: amount, since, phase",
    domain: { CORPORATION: "own", SDV: "same as above", SWT: "same", BUDGET_COACH: "same", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: ownOnly("arrears"),
      SDV: ownOnly("arrears"),
      SWT: ownOnly("arrears"),
      BUDGET_COACH: ownOnly("arrears"),
      ANALYST: aggregates("arrears", "arrearsAggregate"),
      COORDINATOR: aggregates("arrears", "arrearsAggregate"),
    },
  },
  {
    data: "collection (MVI) steps",
    domain: { CORPORATION: "own", SDV: "tenants with a live signal", SWT: "no", BUDGET_COACH: "no", ANALYST: "no", COORDINATOR: "no" },
    checks: {
      CORPORATION: ownOnly("collectionSteps"),
      SDV: ownOnly("collectionSteps"),
      SWT: never("collectionSteps"),
      BUDGET_COACH: never("collectionSteps"),
      ANALYST: never("collectionSteps"),
      COORDINATOR: never("collectionSteps"),
    },
  },
  {
    data: "objections",
    domain: { CORPORATION: "own", SDV: "no", SWT: "no", BUDGET_COACH: "no", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: ownOnly("objections"),
      SDV: never("objections"),
      SWT: never("objections"),
      BUDGET_COACH: never("objections"),
      ANALYST: aggregates("objections", "objectionAggregate"),
      COORDINATOR: aggregates("objections", "objectionAggregate"),
    },
  },
  {
    data: "signals, status",
    domain: {
      CORPORATION: "own submitted",
      SDV: "all in municipalities it serves",
      SWT: "forwarded to its team",
      BUDGET_COACH: "referred to it",
      ANALYST: "aggregates",
      COORDINATOR: "aggregates",
    },
    checks: {
      CORPORATION: ownOnly("signalStatus"),
      SDV: ownOnly("signalStatus"),
      SWT: ownOnly("signalStatus"),
      BUDGET_COACH: ownOnly("signalStatus"),
      ANALYST: aggregates("signalStatus", "signalAggregate"),
      COORDINATOR: aggregates("signalStatus", "signalAggregate"),
    },
  },
  {
    data: "priority, reason, rule",
    domain: { CORPORATION: "no", SDV: "yes", SWT: "level only", BUDGET_COACH: "level only", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: never("priorityLevel"),
      SDV: [c("priorityLevel", "own", "allowed"), c("priorityReason", "own", "allowed")],
      SWT: [c("priorityLevel", "own", "allowed"), c("priorityReason", "own", "forbidden")],
      BUDGET_COACH: [c("priorityLevel", "own", "allowed"), c("priorityReason", "own", "forbidden")],
      ANALYST: aggregates("priorityLevel", "signalAggregate"),
      COORDINATOR: aggregates("priorityLevel", "signalAggregate"),
    },
  },
  {
    data: "threshold and its history",
    domain: { CORPORATION: "read", SDV: "read, write", SWT: "read", BUDGET_COACH: "read", ANALYST: "read", COORDINATOR: "read, write" },
    checks: Object.fromEntries(
      ROLES_IN_ORDER.map((role) => [role, [c("thresholds", "any", "allowed"), c("setThreshold", "any", role === "SDV" || role === "COORDINATOR" ? "allowed" : "forbidden")]]),
    ) as Record<Role, Check[]>,
  },
  {
    data: "household profile (children, 65+)",
    domain: {
      CORPORATION: "no",
      SDV: 'only the derived fact "priority III applies"',
      SWT: "own team, write",
      BUDGET_COACH: "what it recorded, write",
      ANALYST: "no",
      COORDINATOR: "no",
    },
    checks: {
      CORPORATION: [...never("householdProfile"), c("householdRecord", "own", "forbidden"), c("householdWrite", "own", "forbidden")],
      SDV: [c("householdProfile", "own", "forbidden"), c("householdRecord", "own", "forbidden"), c("householdWrite", "own", "forbidden"), c("priorityThreeFact", "own", "allowed")],
      SWT: [...ownOnly("householdProfile"), ...ownOnly("householdRecord"), c("householdWrite", "own", "allowed")],
      BUDGET_COACH: [...never("householdProfile"), c("householdRecord", "own", "absent"), c("householdWriteElsewhere", "any", "allowed")],
      ANALYST: [...never("householdProfile"), c("householdRecord", "own", "forbidden"), c("householdWriteElsewhere", "any", "forbidden")],
      COORDINATOR: [...never("householdProfile"), c("householdRecord", "own", "forbidden"), c("householdWriteElsewhere", "any", "forbidden")],
    },
    note: "Recorded by address (householdRecord, householdWrite), before any signal. An SWT team reads its own households: recorded by it, in its postcode areas, or with a case of its team; it records any address in its municipality. The budget coach records any covenant address and reads what it recorded.",
  },
  {
    data: "case, contact attempts, notes",
    domain: { CORPORATION: "no", SDV: "status only", SWT: "own team", BUDGET_COACH: "own referrals", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: [...never("caseStatus"), c("caseDeadline", "any", "forbidden")],
      SDV: [c("caseStatus", "own", "allowed"), c("caseStatus", "other", "absent"), c("caseDeadline", "own", "allowed"), c("caseWork", "own", "forbidden")],
      SWT: [...ownOnly("caseStatus"), ...ownOnly("caseWork")],
      BUDGET_COACH: [...ownOnly("caseStatus"), ...ownOnly("caseWork")],
      ANALYST: aggregates("caseStatus", "caseAggregate"),
      COORDINATOR: aggregates("caseStatus", "caseAggregate"),
    },
    note: "SDV's status includes the feedback deadline (forwardedOn, feedbackDueOn, feedbackOverdue, feedbackOnTime), so it can follow what is due or overdue.",
  },
  {
    data: "feedback",
    domain: { CORPORATION: "own tenants, read", SDV: "read", SWT: "own team, write", BUDGET_COACH: "own referrals, write", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: [
        ...ownOnly("feedback"),
        c("caseSignalFeedback", "own", "forbidden"),
        c("feedbackReason", "own", "forbidden"),
        c("feedbackWrite", "own", "forbidden"),
        c("feedbackUpdateWrite", "own", "forbidden"),
      ],
      SDV: [
        ...ownOnly("feedback"),
        ...ownOnly("feedbackHistory"),
        ...ownOnly("caseSignalFeedback"),
        c("feedbackWrite", "own", "forbidden"),
        c("feedbackUpdateWrite", "own", "forbidden"),
      ],
      SWT: [
        ...ownOnly("feedback"),
        ...ownOnly("feedbackHistory"),
        ...ownOnly("caseSignalFeedback"),
        c("feedbackReason", "own", "allowed"),
        c("feedbackWrite", "own", "allowed"),
        c("feedbackUpdateWrite", "own", "allowed"),
      ],
      BUDGET_COACH: [
        ...ownOnly("feedback"),
        ...ownOnly("feedbackHistory"),
        ...ownOnly("caseSignalFeedback"),
        c("feedbackReason", "own", "allowed"),
        c("feedbackWrite", "own", "allowed"),
        c("feedbackUpdateWrite", "own", "allowed"),
      ],
      ANALYST: [
        ...aggregates("feedback", "caseAggregate"),
        c("feedbackHistory", "any", "forbidden"),
        c("caseSignalFeedback", "any", "forbidden"),
        c("feedbackWrite", "any", "forbidden"),
        c("feedbackUpdateWrite", "any", "forbidden"),
      ],
      COORDINATOR: [
        ...aggregates("feedback", "caseAggregate"),
        c("feedbackHistory", "any", "forbidden"),
        c("caseSignalFeedback", "any", "forbidden"),
        c("feedbackWrite", "any", "forbidden"),
        c("feedbackUpdateWrite", "any", "forbidden"),
      ],
    },
    note: "A conversation over time: the first feedback, first feedback on a later signal, dated updates and corrections (feedbackHistory, feedbackUpdateWrite); each signal of a case has its own term (caseSignalFeedback). Structured facts only; the corporation reads them on its signals (next row).",
  },
  {
    data: "a signal's feedback status: forwarded and when, due by, overdue, the entries",
    domain: { CORPORATION: "own submitted", SDV: "read", SWT: "no", BUDGET_COACH: "no", ANALYST: "no", COORDINATOR: "no" },
    checks: {
      CORPORATION: [...ownOnly("signalFeedbackStatus"), c("signalsAwaitingFeedback", "any", "allowed")],
      SDV: [...ownOnly("signalFeedbackStatus"), c("signalsAwaitingFeedback", "any", "forbidden")],
      SWT: [c("signalFeedbackStatus", "own", "forbidden"), c("signalsAwaitingFeedback", "any", "forbidden")],
      BUDGET_COACH: [c("signalFeedbackStatus", "own", "forbidden"), c("signalsAwaitingFeedback", "any", "forbidden")],
      ANALYST: [c("signalFeedbackStatus", "any", "forbidden"), c("signalsAwaitingFeedback", "any", "forbidden")],
      COORDINATOR: [c("signalFeedbackStatus", "any", "forbidden"), c("signalsAwaitingFeedback", "any", "forbidden")],
    },
    note: "Not to whom it was forwarded, nothing else of the case. signalsAwaitingFeedback lists the corporation's own signals still awaiting a first feedback, overdue first.",
  },
  {
    data: "registers of Art. 6.4",
    domain: { CORPORATION: "own, write", SDV: "aggregates", SWT: "no", BUDGET_COACH: "no", ANALYST: "aggregates", COORDINATOR: "aggregates" },
    checks: {
      CORPORATION: [c("registers", "own", "allowed"), c("registers", "other", "absent"), c("registerTargetGroups", "own", "allowed"), c("registerTargetGroups", "other", "absent")],
      SDV: [...aggregates("registers", "registerAggregate"), c("registerTargetGroupAggregate", "any", "allowed")],
      SWT: [c("registers", "any", "forbidden"), c("registerAggregate", "any", "forbidden"), c("registerTargetGroupAggregate", "any", "forbidden")],
      BUDGET_COACH: [c("registers", "any", "forbidden"), c("registerAggregate", "any", "forbidden"), c("registerTargetGroupAggregate", "any", "forbidden")],
      ANALYST: [...aggregates("registers", "registerAggregate"), c("registerTargetGroupAggregate", "any", "allowed")],
      COORDINATOR: [...aggregates("registers", "registerAggregate"), c("registerTargetGroupAggregate", "any", "allowed")],
    },
    note: "The target groups (withChildren, aged65Plus) are YES, NO or UNKNOWN; counts put UNKNOWN apart.",
  },
  {
    data: "DDAS delivery to CBS (DDAS v1.2: each household's postcode and house number)",
    domain: { CORPORATION: "no", SDV: "own municipalities", SWT: "no", BUDGET_COACH: "no", ANALYST: "no", COORDINATOR: "own municipalities" },
    checks: {
      CORPORATION: never("ddasExport"),
      SDV: [c("ddasExport", "own", "allowed"), c("ddasExport", "other", "forbidden")],
      SWT: never("ddasExport"),
      BUDGET_COACH: never("ddasExport"),
      ANALYST: never("ddasExport"),
      COORDINATOR: [c("ddasExport", "own", "allowed")],
    },
    note: "Only of a municipality among the caller's organisations; another is FORBIDDEN (argument municipalityCode). Every household in it is access-logged.",
  },
  {
    data: "routing table, waiting signals, forwarding by hand and its history",
    domain: {
      CORPORATION: "no",
      SDV: "its municipalities: read and change the table, list waiting signals, reroute a signal, read where each signal went",
      SWT: "hand over a case of its team",
      BUDGET_COACH: "hand over a referral",
      ANALYST: "no",
      COORDINATOR: "its municipalities: read and change the table",
    },
    checks: {
      CORPORATION: ["forwardingHistory", "routingAreas", "setRoutingArea", "unroutedSignals", "rerouteSignal", "handOverCase"].flatMap((p) => never(p as ProbeName)),
      SDV: [
        c("forwardingHistory", "own", "allowed"),
        c("forwardingHistory", "other", "absent"),
        c("routingAreas", "any", "allowed"),
        c("setRoutingArea", "any", "allowed"),
        c("setRoutingAreaZandvoort", "any", "forbidden"),
        c("unroutedSignals", "any", "allowed"),
        c("rerouteSignal", "own", "allowed"),
        c("handOverCase", "any", "forbidden"),
      ],
      SWT: ["forwardingHistory", "routingAreas", "setRoutingArea", "unroutedSignals", "rerouteSignal"].flatMap((p) => never(p as ProbeName)),
      BUDGET_COACH: ["forwardingHistory", "routingAreas", "setRoutingArea", "unroutedSignals", "rerouteSignal"].flatMap((p) => never(p as ProbeName)),
      ANALYST: ["forwardingHistory", "routingAreas", "setRoutingArea", "unroutedSignals", "rerouteSignal", "handOverCase"].flatMap((p) => never(p as ProbeName)),
      COORDINATOR: [
        c("forwardingHistory", "any", "forbidden"),
        c("routingAreas", "any", "allowed"),
        c("setRoutingArea", "any", "allowed"),
        c("setRoutingAreaZandvoort", "any", "allowed"),
        c("unroutedSignals", "any", "forbidden"),
        c("rerouteSignal", "any", "forbidden"),
        c("handOverCase", "any", "forbidden"),
      ],
    },
    note: "The SDV probed serves Haarlem only, so Zandvoort's areas are not its to change. A hand-over moves the case, so it is not probed here: the forwarding tests through the gateway show a team handing over its own case, and refused another team's.",
  },
  {
    data: "access log of personal data",
    domain: { CORPORATION: "no", SDV: "no", SWT: "no", BUDGET_COACH: "no", ANALYST: "no", COORDINATOR: "read" },
    checks: {
      CORPORATION: never("accessLog"),
      SDV: never("accessLog"),
      SWT: never("accessLog"),
      BUDGET_COACH: never("accessLog"),
      ANALYST: never("accessLog"),
      COORDINATOR: [c("accessLog", "any", "allowed")],
    },
  },
];

const SYMBOL: Record<Expectation, string> = { allowed: "✔", forbidden: "✖", absent: "∅" };

/** The matrix as Markdown, for the README. */
export function renderMatrix(): string {
  const header = `| data | ${ROLES_IN_ORDER.join(" | ")} |\n|---|${ROLES_IN_ORDER.map(() => "---").join("|")}|`;
  const rows = MATRIX.map((row) => {
    const cells = ROLES_IN_ORDER.map((role) => {
      const checks = row.checks[role].map((check) => `${check.probe}${check.target === "any" ? "" : ` (${check.target})`} ${SYMBOL[check.expect]}`).join(", ");
      return `${row.domain[role]}<br><sub>${checks}</sub>`;
    });
    return `| ${row.data}${row.note ? `<br><sub>${row.note}</sub>` : ""} | ${cells.join(" | ")} |`;
  });
  return [
    header,
    ...rows,
    "",
    "✔ the field comes back with data · ✖ null with a `FORBIDDEN` error at its path · ∅ the row is absent, without an error.",
    'Probes: `own` is a row of the caller\'s organisation or team, `other` one that is not; "aggregates" are counts in which every cell under 5 households is suppressed.',
  ].join("\n");
}
