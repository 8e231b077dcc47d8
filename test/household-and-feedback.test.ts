import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, todayInNetherlands, useClock } from "../subgraphs/shared/src/clock.js";
import { addDays, feedbackDueOn } from "../subgraphs/shared/src/covenant/working-days.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * What the SWT knows of a household reaching priority III (Art. 5.3), the feedback conversation with
 * the corporation after the first feedback (Art. 5.5), and where each of its signals stands as the
 * corporation sees it: end to end through the gateway, from each user's side.
 */

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted items { tenantReference outcome signal { id } } }
}`;
const RECORD = `mutation($household: HouseholdInput!) {
  recordHousehold(household: $household) { id postcode houseNumber houseNumberAddition municipalityCode knownSince childrenUnder18 member65Plus }
}`;
const HOUSEHOLD = `query($address: HouseholdAddressInput!) { household(address: $address) { id childrenUnder18 member65Plus } }`;
const SIGNAL_AT_SDV = `query($id: ID!) { signal(id: $id) { priority { level inputs { knownVulnerableAtSwt } } forwarding { target teamId forwardedOn } } }`;
const CASES_OF_TENANT = `query($tenantId: ID!) { cases(first: 5, filter: { tenantId: $tenantId }) { edges { node { id team { id } signals { id } forwardedOn } } } }`;
const STATUS = `query($id: ID!) { signal(id: $id) { id receivedAt feedbackStatus {
  forwarded forwardedOn feedbackDueOn firstFeedbackOn feedbackOverdue
  feedback { id kind givenOn signalId effectiveOn monthlyAmountCents replacesEntryId replacedByEntryId contactMade takenIntoTreatment collectionCanBeSuspended notTakenUpForOtherReason }
} } }`;
const AWAITING = `query($first: Int) { signalsAwaitingFeedback(first: $first) {
  signal { id receivedAt status } forwarded forwardedOn feedbackDueOn feedbackOverdue feedback { kind }
} }`;
const GIVE = `mutation($caseId: ID!, $feedback: FeedbackInput!) { giveFeedback(caseId: $caseId, feedback: $feedback) { id givenOn } }`;
const GIVE_ON_SIGNAL = `mutation($caseId: ID!, $signalId: ID!, $feedback: FeedbackInput!) {
  giveFeedbackOnSignal(caseId: $caseId, signalId: $signalId, feedback: $feedback) { id kind signalId givenOn }
}`;
const UPDATE = `mutation($caseId: ID!, $update: FeedbackUpdateInput!) {
  addFeedbackUpdate(caseId: $caseId, update: $update) { id kind givenOn effectiveOn monthlyAmountCents replacesEntryId }
}`;
const CORRECT = `mutation($caseId: ID!, $replaces: ID!, $feedback: FeedbackInput!) {
  correctFeedback(caseId: $caseId, replaces: $replaces, feedback: $feedback) { id kind signalId replacesEntryId }
}`;
const HISTORY = `query($id: ID!) { case(id: $id) { feedbackHistory { id kind givenOn signalId effectiveOn replacesEntryId replacedByEntryId collectionCanBeSuspended } } }`;
const STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];

const today = todayInNetherlands();
const thisMonth = today.slice(0, 7);
const lastMonthEnd = addDays(`${thisMonth}-01`, -1);
const lastMonth = lastMonthEnd.slice(0, 7);

describe("households known at the SWT, the feedback conversation and the corporation's view of its signals, through the gateway", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};
  const tenantIds: Record<string, string> = {};
  const signalIds: Record<string, string[]> = {};

  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  async function errorOf(token: string, query: string, variables: Record<string, unknown>) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.data)).toBeDefined();
    return {
      code: result.errors![0]!.extensions?.code,
      field: result.errors![0]!.extensions?.field ?? result.errors![0]!.extensions?.argument,
      message: result.errors![0]!.message,
    };
  }

  async function tenant(token: string, reference: string, address: { houseNumber: string; postcode: string; municipalityCode?: string }, amountCents: number, phase: string) {
    const created = await ok(token, UPSERT_TENANT, {
      input: {
        reference,
        name: `Tenant ${reference}`,
        address: { street: "Europaweg", city: "Haarlem", municipalityCode: "0392", ...address },
        sector: "SOCIAL",
      },
    });
    tenantIds[reference] = created.upsertTenant.id;
    await arrears(token, reference, amountCents, phase);
    for (const kind of STEPS) {
      await ok(token, UPSERT_STEP, { input: { tenantReference: reference, reference: `${reference}-${kind}`, kind, takenOn: addDays(today, -100), takenBy: "incasso" } });
    }
  }

  const arrears = (token: string, reference: string, amountCents: number, phase: string) =>
    ok(token, UPSERT_ARREARS, { input: { tenantReference: reference, amountCents, since: addDays(today, -120), phase } });

  async function submit(token: string, reportingMonth: string, signalDate: string, references: string[]) {
    const answer = await ok(token, SUBMIT, { input: { reportingMonth, signalDate, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })) } });
    expect(answer.submitSignals.accepted, JSON.stringify(answer.submitSignals.items)).toBe(references.length);
    for (const item of answer.submitSignals.items) (signalIds[item.tenantReference] ??= []).push(item.signal.id);
  }

  async function caseOf(reference: string, token = tokens.swt!) {
    const data = await ok(token, CASES_OF_TENANT, { tenantId: tenantIds[reference] });
    return data.cases.edges.map((edge: { node: Record<string, any> }) => edge.node);
  }

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.pre = await graph.token({ role: "CORPORATION", orgs: ["pre-wonen"], sub: "pre-integration" });
    tokens.swt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-schalkwijk" });
    tokens.zandvoort = await graph.token({ role: "SWT", orgs: ["0473"], team: "zandvoort", sub: "swt-zandvoort" });
    tokens.coach = await graph.token({ role: "BUDGET_COACH", orgs: ["0392", "0473"], sub: "budget-coach" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
  });
  afterAll(() => graph?.stop());

  describe("priority III: the team records what it knows of a household by its address (Art. 5.3)", () => {
    beforeAll(async () => {
      // The team knows three households in Schalkwijk, typed as a worker would.
      const record = (postcode: string, houseNumber: number, addition: string | null, childrenUnder18: boolean, member65Plus: boolean) =>
        ok(tokens.swt!, RECORD, { household: { address: { postcode, houseNumber, addition }, knownSince: addDays(today, -300), childrenUnder18, member65Plus } });
      await record("2034ab", 7, "a", true, false);
      await record("2034 AB", 9, " -2", false, true);
      await record("2034 AB", 11, null, false, false);
      // The corporation registers its tenants as it always has, with the house number as one text.
      await tenant(tokens.pre!, "HH-CHILDREN", { postcode: "2034 AB", houseNumber: "7A" }, 5_000, "ARREARS");
      await tenant(tokens.pre!, "HH-SENIOR", { postcode: "2034 ab", houseNumber: "9-2" }, 6_000, "ARREARS");
      await tenant(tokens.pre!, "HH-NEITHER", { postcode: "2034 AB", houseNumber: "11" }, 5_000, "ARREARS");
      await tenant(tokens.pre!, "HH-NEXT-DOOR", { postcode: "2034 AB", houseNumber: "7" }, 5_000, "ARREARS");
      await tenant(tokens.pre!, "HH-UNKNOWN", { postcode: "2034 AB", houseNumber: "13" }, 5_000, "ARREARS");
      await submit(tokens.pre!, thisMonth, today, ["HH-CHILDREN", "HH-SENIOR", "HH-NEITHER", "HH-NEXT-DOOR", "HH-UNKNOWN"]);
    });

    it("a household the team recorded, with children or a member of 65+, is signalled under the threshold as III and reaches the team, not the budget coach", async () => {
      for (const reference of ["HH-CHILDREN", "HH-SENIOR"]) {
        const { signal } = await ok(tokens.sdv!, SIGNAL_AT_SDV, { id: signalIds[reference]![0] });
        expect(signal.priority, reference).toEqual({ level: "III", inputs: { knownVulnerableAtSwt: true } });
        expect(signal.forwarding).toMatchObject({ target: "SWT", teamId: "haarlem-schalkwijk" });
        const cases = await caseOf(reference);
        expect(cases.map((kase: any) => kase.team.id)).toEqual(["haarlem-schalkwijk"]);
        expect(await caseOf(reference, tokens.coach)).toEqual([]);
      }
    });

    it("a known household with neither, the house next door and an unknown household stay IV and go to the budget coach", async () => {
      for (const reference of ["HH-NEITHER", "HH-NEXT-DOOR", "HH-UNKNOWN"]) {
        const { signal } = await ok(tokens.sdv!, SIGNAL_AT_SDV, { id: signalIds[reference]![0] });
        expect(signal.priority, reference).toEqual({ level: "IV", inputs: { knownVulnerableAtSwt: false } });
        expect(signal.forwarding).toMatchObject({ target: "BUDGET_COACH", teamId: "budget-coach" });
        expect(await caseOf(reference)).toEqual([]);
      }
    });

    it("the team reads back and updates its record by the address however it is typed: one record per home", async () => {
      const first = (await ok(tokens.swt!, HOUSEHOLD, { address: { postcode: "2034 AB", houseNumber: 7, addition: "A" } })).household;
      expect(first).toMatchObject({ childrenUnder18: true, member65Plus: false });
      const updated = await ok(tokens.swt!, RECORD, { household: { address: { postcode: "2034AB", houseNumber: 7, addition: "a" }, childrenUnder18: true, member65Plus: true } });
      expect(updated.recordHousehold).toEqual({
        id: first.id,
        postcode: "2034 AB",
        houseNumber: 7,
        houseNumberAddition: "A",
        municipalityCode: "0392",
        knownSince: addDays(today, -300),
        childrenUnder18: true,
        member65Plus: true,
      });
    });

    it("a team records only in its own municipality; the budget coach anywhere in the covenant, and the team there reads it", async () => {
      const zandvoortAddress = { postcode: "2042 JB", houseNumber: 3 };
      const elsewhere = await errorOf(tokens.swt!, RECORD, { household: { address: zandvoortAddress, childrenUnder18: true, member65Plus: false } });
      expect(elsewhere).toMatchObject({ code: "BAD_USER_INPUT", field: "household.address.postcode" });
      expect(elsewhere.message).toMatch(/0473.*0392/);

      const byCoach = await ok(tokens.coach!, RECORD, { household: { address: zandvoortAddress, childrenUnder18: false, member65Plus: true } });
      expect(byCoach.recordHousehold).toMatchObject({ municipalityCode: "0473", knownSince: today, member65Plus: true });
      expect((await ok(tokens.zandvoort!, HOUSEHOLD, { address: zandvoortAddress })).household).toMatchObject({ member65Plus: true });
      expect((await ok(tokens.swt!, HOUSEHOLD, { address: zandvoortAddress })).household).toBeNull();
      // The coach reads what it recorded, not what a team recorded.
      expect((await ok(tokens.coach!, HOUSEHOLD, { address: zandvoortAddress })).household).not.toBeNull();
      expect((await ok(tokens.coach!, HOUSEHOLD, { address: { postcode: "2034 AB", houseNumber: 9, addition: "2" } })).household).toBeNull();
    });

    it.each([
      ["a postcode that is no Dutch postcode", { postcode: "2034 A", houseNumber: 7 }, "household.address.postcode"],
      ["a postcode outside the covenant", { postcode: "1011 AB", houseNumber: 7 }, "household.address.postcode"],
      ["house number 0", { postcode: "2034 AB", houseNumber: 0 }, "household.address.houseNumber"],
      ["house number 100000", { postcode: "2034 AB", houseNumber: 100_000 }, "household.address.houseNumber"],
      ["an addition with signs", { postcode: "2034 AB", houseNumber: 7, addition: "a;drop" }, "household.address.addition"],
      ["an addition that is too long", { postcode: "2034 AB", houseNumber: 7, addition: "ABCDEFG" }, "household.address.addition"],
    ])("%s is refused, naming the field", async (_title, address, field) => {
      expect(await errorOf(tokens.swt!, RECORD, { household: { address, childrenUnder18: true, member65Plus: false } })).toMatchObject({ code: "BAD_USER_INPUT", field });
    });

    it("a day of knowing in the future is refused; the corporation and the SDV may neither record nor read a household", async () => {
      const future = await errorOf(tokens.swt!, RECORD, {
        household: { address: { postcode: "2034 AB", houseNumber: 15 }, knownSince: addDays(today, 1), childrenUnder18: true, member65Plus: false },
      });
      expect(future).toMatchObject({ code: "BAD_USER_INPUT", field: "household.knownSince" });
      for (const token of [tokens.pre!, tokens.sdv!]) {
        expect((await errorOf(token, RECORD, { household: { address: { postcode: "2034 AB", houseNumber: 15 }, childrenUnder18: true, member65Plus: false } })).code).toBe(
          "FORBIDDEN",
        );
        expect((await errorOf(token, HOUSEHOLD, { address: { postcode: "2034 AB", houseNumber: 7, addition: "A" } })).code).toBe("FORBIDDEN");
      }
    });
  });

  describe("feedback is a conversation over time (Art. 5.5), and the corporation sees where each signal stands", () => {
    let caseId = "";
    let opening = "";
    let joined = "";

    beforeAll(async () => {
      // Last month in arrears above the threshold; this month with the bailiff: the same household's case.
      await tenant(tokens.elan!, "FB-1", { postcode: "2034 CD", houseNumber: "21" }, 40_000, "ARREARS");
      await submit(tokens.elan!, lastMonth, lastMonthEnd, ["FB-1"]);
      await arrears(tokens.elan!, "FB-1", 45_000, "BAILIFF");
      await tenant(tokens.elan!, "FB-2", { postcode: "2034 CD", houseNumber: "23" }, 40_000, "COLLECTION");
      await tenant(tokens.elan!, "FB-3", { postcode: "2034 CD", houseNumber: "25" }, 40_000, "ARREARS");
      await submit(tokens.elan!, thisMonth, today, ["FB-1", "FB-2", "FB-3"]);
      [opening, joined] = signalIds["FB-1"]!;
      const [kase] = await caseOf("FB-1");
      expect(kase.signals.map((s: { id: string }) => s.id).sort()).toEqual([opening, joined].sort());
      caseId = kase.id;
    });

    it("before any feedback the corporation sees both signals forwarded, each with its own term: 10 working days in arrears, 5 with the bailiff", async () => {
      const [first, second] = [(await ok(tokens.elan!, STATUS, { id: opening })).signal, (await ok(tokens.elan!, STATUS, { id: joined })).signal];
      expect(first.feedbackStatus).toMatchObject({ forwarded: true, firstFeedbackOn: null, feedbackOverdue: false, feedback: [] });
      expect(first.feedbackStatus.feedbackDueOn).toBe(feedbackDueOn(first.feedbackStatus.forwardedOn, "ARREARS"));
      expect(second.feedbackStatus.feedbackDueOn).toBe(feedbackDueOn(second.feedbackStatus.forwardedOn, "BAILIFF"));
      expect(second.receivedAt).toBeTruthy();
      // The team sees each signal of its case with its own term.
      const team = await ok(tokens.swt!, `query($id: ID!) { case(id: $id) { signalFeedback { signal { id } feedbackDueOn firstFeedbackOn feedbackOverdue } } }`, { id: caseId });
      expect(team.case.signalFeedback).toEqual([
        { signal: { id: opening }, feedbackDueOn: first.feedbackStatus.feedbackDueOn, firstFeedbackOn: null, feedbackOverdue: false },
        { signal: { id: joined }, feedbackDueOn: second.feedbackStatus.feedbackDueOn, firstFeedbackOn: null, feedbackOverdue: false },
      ]);
      // Nothing of the case beyond that: no team, no status, no notes on the status.
      const fields = await ok(tokens.elan!, `{ __type(name: "SignalFeedbackStatus") { fields { name } } }`);
      expect(fields.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(
        ["feedback", "feedbackDueOn", "feedbackOverdue", "firstFeedbackOn", "forwarded", "forwardedOn", "signal"].sort(),
      );
    });

    it("updates wait for the first feedback; then the team answers each signal, and the corporation reads each entry", async () => {
      const early = await errorOf(tokens.swt!, UPDATE, { caseId, update: { kind: "HELP_ACCEPTED" } });
      expect(early).toMatchObject({ code: "FEEDBACK_NOT_GIVEN", field: "caseId" });

      await ok(tokens.swt!, GIVE, { caseId, feedback: { contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: true } });
      const awaitingAfterFirst = (await ok(tokens.elan!, AWAITING, { first: 50 })).signalsAwaitingFeedback.map((s: any) => s.signal.id);
      expect(awaitingAfterFirst).toContain(joined);
      expect(awaitingAfterFirst).not.toContain(opening);

      const free = await errorOf(tokens.swt!, GIVE_ON_SIGNAL, {
        caseId,
        signalId: joined,
        feedback: { contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: true, arrearsArrangement: "The family lost a job" },
      });
      expect(free).toMatchObject({ code: "BAD_USER_INPUT", field: "feedback.arrearsArrangement" });
      const onJoined = await ok(tokens.swt!, GIVE_ON_SIGNAL, {
        caseId,
        signalId: joined,
        feedback: { contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: true },
      });
      expect(onJoined.giveFeedbackOnSignal).toMatchObject({ kind: "FIRST", signalId: joined, givenOn: today });
      const again = await ok(tokens.swt!, GIVE_ON_SIGNAL, { caseId, signalId: joined, feedback: { contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: true } });
      expect(again.giveFeedbackOnSignal.id).toBe(onJoined.giveFeedbackOnSignal.id);
      expect((await ok(tokens.elan!, AWAITING, { first: 50 })).signalsAwaitingFeedback.map((s: any) => s.signal.id)).not.toContain(joined);

      await ok(tokens.swt!, UPDATE, { caseId, update: { kind: "HELP_ACCEPTED" } });
      const arrangement = await ok(tokens.swt!, UPDATE, { caseId, update: { kind: "ARRANGEMENT_AGREED", effectiveOn: addDays(today, 7), monthlyAmountCents: 5_000 } });
      await ok(tokens.swt!, UPDATE, { caseId, update: { kind: "COLLECTION_MAY_RESUME", effectiveOn: addDays(today, 60) } });
      // The start day was agreed wrongly: a correction is a new entry that replaces it.
      const corrected = await ok(tokens.swt!, UPDATE, {
        caseId,
        update: { kind: "ARRANGEMENT_AGREED", effectiveOn: addDays(today, 14), monthlyAmountCents: 5_000, replaces: arrangement.addFeedbackUpdate.id },
      });
      expect(corrected.addFeedbackUpdate.replacesEntryId).toBe(arrangement.addFeedbackUpdate.id);
      const twice = await errorOf(tokens.swt!, UPDATE, { caseId, update: { kind: "CASE_CLOSED", replaces: arrangement.addFeedbackUpdate.id } });
      expect(twice).toMatchObject({ code: "BAD_USER_INPUT", field: "update.replaces" });

      const { signal } = await ok(tokens.elan!, STATUS, { id: joined });
      expect(signal.feedbackStatus).toMatchObject({ forwarded: true, firstFeedbackOn: today, feedbackOverdue: false });
      const entries = signal.feedbackStatus.feedback;
      expect(entries.map((e: any) => [e.kind, e.effectiveOn, e.monthlyAmountCents])).toEqual([
        ["FIRST", null, null],
        ["HELP_ACCEPTED", null, null],
        ["ARRANGEMENT_AGREED", addDays(today, 7), 5_000],
        ["COLLECTION_MAY_RESUME", addDays(today, 60), null],
        ["ARRANGEMENT_AGREED", addDays(today, 14), 5_000],
      ]);
      expect(entries[2].replacedByEntryId).toBe(corrected.addFeedbackUpdate.id);
      expect(entries[0]).toMatchObject({ signalId: joined, contactMade: true, takenIntoTreatment: true });
    });

    it("a mistaken first feedback is corrected by a new dated entry that replaces it; nothing is overwritten", async () => {
      const before = (await ok(tokens.swt!, HISTORY, { id: caseId })).case.feedbackHistory;
      const mistaken = before.find((e: any) => e.kind === "FIRST" && e.signalId === opening);
      const correction = await ok(tokens.swt!, CORRECT, {
        caseId,
        replaces: mistaken.id,
        feedback: { contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: false },
      });
      expect(correction.correctFeedback).toMatchObject({ kind: "FIRST", signalId: opening, replacesEntryId: mistaken.id });
      const { signal } = await ok(tokens.elan!, STATUS, { id: opening });
      const firsts = signal.feedbackStatus.feedback.filter((e: any) => e.kind === "FIRST");
      expect(firsts.map((e: any) => [e.id, e.collectionCanBeSuspended, e.replacedByEntryId])).toEqual([
        [mistaken.id, true, correction.correctFeedback.id],
        [correction.correctFeedback.id, false, null],
      ]);
      // The first feedback on the opening signal is still the one given within the term.
      expect(signal.feedbackStatus.firstFeedbackOn).toBe(today);
      const again = await errorOf(tokens.swt!, CORRECT, {
        caseId,
        replaces: mistaken.id,
        feedback: { contactMade: false, takenIntoTreatment: false, collectionCanBeSuspended: false },
      });
      expect(again).toMatchObject({ code: "BAD_USER_INPUT", field: "replaces" });
    });

    it.each([
      ["an arrangement without its start day", { kind: "ARRANGEMENT_AGREED" }, "update.effectiveOn"],
      ["resuming collection without a day", { kind: "COLLECTION_MAY_RESUME" }, "update.effectiveOn"],
      ["help accepted with a day", { kind: "HELP_ACCEPTED", effectiveOn: today }, "update.effectiveOn"],
      ["an instalment on a closing", { kind: "CASE_CLOSED", monthlyAmountCents: 100 }, "update.monthlyAmountCents"],
      ["an instalment of nothing", { kind: "ARRANGEMENT_AGREED", effectiveOn: today, monthlyAmountCents: 0 }, "update.monthlyAmountCents"],
      ["an update given tomorrow", { kind: "HELP_ACCEPTED", givenOn: addDays(today, 1) }, "update.givenOn"],
      ["collection resuming in ten years", { kind: "COLLECTION_MAY_RESUME", effectiveOn: addDays(today, 3650) }, "update.effectiveOn"],
      ["replacing an id that is no update of the case", { kind: "HELP_ACCEPTED", replaces: "00000000-0000-4000-8000-000000000000" }, "update.replaces"],
    ])("%s is refused, naming the field", async (_title, update, field) => {
      expect(await errorOf(tokens.swt!, UPDATE, { caseId, update })).toMatchObject({ code: "BAD_USER_INPUT", field });
    });

    it("another team, the corporation and the SDV cannot write to the conversation", async () => {
      const other = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-oost", sub: "swt-oost" });
      expect((await errorOf(other, UPDATE, { caseId, update: { kind: "HELP_ACCEPTED" } })).code).toBe("CASE_NOT_FOUND");
      for (const token of [tokens.elan!, tokens.sdv!]) expect((await errorOf(token, UPDATE, { caseId, update: { kind: "HELP_ACCEPTED" } })).code).toBe("FORBIDDEN");
    });

    it("an entry carries no free text the corporation could read the household's situation or a refusal's reason from", async () => {
      const fields = await ok(tokens.elan!, `{ __type(name: "FeedbackEntry") { fields { name type { name ofType { name } } } } }`);
      const texts = fields.__type.fields.filter((f: any) => (f.type.name ?? f.type.ofType?.name) === "String").map((f: any) => f.name);
      expect(texts).toEqual([]);
    });

    it("the corporation lists its signals awaiting feedback, overdue first, and never another corporation's", async () => {
      const due2 = (await ok(tokens.elan!, STATUS, { id: signalIds["FB-2"]![0] })).signal.feedbackStatus.feedbackDueOn;
      const due3 = (await ok(tokens.elan!, STATUS, { id: signalIds["FB-3"]![0] })).signal.feedbackStatus.feedbackDueOn;
      expect(due2 < due3).toBe(true);
      // The day after FB-2's term ran out, FB-3's still runs.
      const restore = useClock(fixedClock(`${addDays(due2, 1)}T12:00:00+01:00`));
      try {
        const listed = (await ok(tokens.elan!, AWAITING, { first: 50 })).signalsAwaitingFeedback;
        expect(listed.map((s: any) => [s.signal.id, s.feedbackOverdue])).toEqual([
          [signalIds["FB-2"]![0], true],
          [signalIds["FB-3"]![0], false],
        ]);
        expect(listed[0]).toMatchObject({ forwarded: true, feedbackDueOn: due2, feedback: [], signal: { status: "FORWARDED" } });
        expect((await ok(tokens.elan!, AWAITING, { first: 1 })).signalsAwaitingFeedback).toHaveLength(1);
        const preWonen = (await ok(tokens.pre!, AWAITING, { first: 50 })).signalsAwaitingFeedback.map((s: any) => s.signal.id);
        expect(preWonen).not.toContain(signalIds["FB-2"]![0]);
        expect(preWonen).toEqual(expect.arrayContaining([signalIds["HH-CHILDREN"]![0], signalIds["HH-UNKNOWN"]![0]]));
      } finally {
        restore();
      }
      for (const first of [0, 501]) expect(await errorOf(tokens.elan!, AWAITING, { first })).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      for (const token of [tokens.swt!, tokens.sdv!]) expect((await errorOf(token, AWAITING, { first: 5 })).code).toBe("FORBIDDEN");
    });
  });
});
