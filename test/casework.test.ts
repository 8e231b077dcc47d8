import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, feedbackDueOn, firstWorkingDayFrom } from "../subgraphs/shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../subgraphs/shared/src/clock.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * The life of a signal after intake, end to end through the gateway: it becomes a case of the SWT
 * team that covers the address, the team works it and gives feedback within the covenant's term,
 * the corporation reads that feedback, and an objection erases what the municipality held.
 */

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const UPSERT_OBJECTION = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id downstreamErasedAt } }`;
const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted casesPending items { tenantReference outcome signal { id } } }
}`;
const CASE_OF_TENANT = `query CaseOfTenant($tenantId: ID!) {
  cases(first: 5, filter: { tenantId: $tenantId }) {
    edges { node { id status forwardedOn feedbackDueOn feedbackOverdue feedbackOnTime team { id } signals { id } } }
  }
}`;
const STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];

const today = todayInNetherlands();
const thisMonth = today.slice(0, 7);
const lastMonthEnd = addDays(`${thisMonth}-01`, -1);
const lastMonth = lastMonthEnd.slice(0, 7);
const references = ["CW-1", "CW-2", "CW-3", "CW-4", "CW-5", "CW-6"];

/** Rows of every table of a database whose text mentions any of `needles`, per table; access_log aside. */
async function rowsMentioning(db: DataSource, needles: string[]): Promise<Record<string, number>> {
  const tables: { name: string }[] = await db.query(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('access_log', 'migrations')`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.query(`select count(*)::int as n from "${name}" t where t::text ~ $1`, [needles.join("|")]);
    if (n > 0) found[name] = n;
  }
  return found;
}

describe("casework, feedback and withdrawal, through the gateway", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};
  const tenantIds: Record<string, string> = {};
  const signalIds: Record<string, string[]> = {};

  async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  async function caseOf(reference: string, token = tokens.swt!) {
    const data = await ok(token, CASE_OF_TENANT, { tenantId: tenantIds[reference] });
    return data.cases.edges.map((edge: any) => edge.node);
  }

  const submit = (reportingMonth: string, signalDate: string) =>
    ok(tokens.elan!, SUBMIT, { input: { reportingMonth, signalDate, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })) } });

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.swt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-worker" });
    tokens.otherSwt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-oost", sub: "swt-oost" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
    tokens.analyst = await graph.token({ role: "ANALYST", orgs: ["0392", "0473"], sub: "analyst" });
    for (const reference of references) {
      const created = await ok(tokens.elan!, UPSERT_TENANT, {
        input: {
          reference,
          name: `Tenant ${reference}`,
          // Postcode area 2034: Haarlem Schalkwijk's team.
          address: { street: "Europaweg", houseNumber: reference.slice(3), postcode: "2034 AB", city: "Haarlem", municipalityCode: "0392" },
          sector: "SOCIAL",
        },
      });
      tenantIds[reference] = created.upsertTenant.id;
      // In collection: priority II (above the threshold), and feedback due within 5 working days.
      await ok(tokens.elan!, UPSERT_ARREARS, { input: { tenantReference: reference, amountCents: 40_000, since: addDays(today, -120), phase: "COLLECTION" } });
      for (const kind of STEPS) {
        await ok(tokens.elan!, UPSERT_STEP, { input: { tenantReference: reference, reference: `${reference}-${kind}`, kind, takenOn: addDays(today, -100), takenBy: "incasso" } });
      }
    }
    for (const [month, date] of [
      [lastMonth, lastMonthEnd],
      [thisMonth, today],
    ] as const) {
      const answer = await submit(month, date);
      expect(answer.submitSignals.accepted).toBe(references.length);
      expect(answer.submitSignals.casesPending).toBe(0);
      for (const item of answer.submitSignals.items) (signalIds[item.tenantReference] ??= []).push(item.signal.id);
    }
  });
  afterAll(() => graph?.stop());

  it("a forwarded signal becomes a case of the team that covers the address, due 5 working days after forwarding in collection", async () => {
    const [kase] = await caseOf("CW-1");
    expect(kase.team.id).toBe("haarlem-schalkwijk");
    expect(kase.status).toBe("OPEN");
    expect(kase.feedbackDueOn).toBe(feedbackDueOn(kase.forwardedOn, "COLLECTION"));
    expect(kase.feedbackOverdue).toBe(false);
    expect(kase.feedbackOnTime).toBeNull();
    const planned = await ok(tokens.swt!, `query($on: Date!) { feedbackDueDate(forwardedOn: $on, phase: COLLECTION) }`, { on: kase.forwardedOn });
    expect(planned.feedbackDueDate).toBe(kase.feedbackDueOn);
    // The SWT team of another area does not see it.
    expect(await caseOf("CW-1", tokens.otherSwt)).toEqual([]);
  });

  it("the household's repeated signal joins its open case instead of opening a second one", async () => {
    const cases = await caseOf("CW-2");
    expect(cases).toHaveLength(1);
    expect(cases[0].signals.map((s: { id: string }) => s.id).sort()).toEqual([...signalIds["CW-2"]!].sort());
  });

  it("the team records contact and feedback once, however often the calls are sent, and the feedback is on time", async () => {
    const [kase] = await caseOf("CW-1");
    const attempt = `mutation($id: ID!, $on: Date!) { recordContactAttempt(caseId: $id, attempt: { kind: HUISBEZOEK, reached: true, on: $on, partOfDay: MORNING }) { id } }`;
    const first = await ok(tokens.swt!, attempt, { id: kase.id, on: today });
    const again = await ok(tokens.swt!, attempt, { id: kase.id, on: today });
    expect(again.recordContactAttempt.id).toBe(first.recordContactAttempt.id);

    const give = `mutation($id: ID!) { giveFeedback(caseId: $id, feedback: {
      contactMade: true, takenIntoTreatment: true, collectionCanBeSuspended: true,
      paymentsResumeOn: "${addDays(today, 30)}", arrearsArrangement: "EUR 50 a month with the rent"
    }) { id givenOn } }`;
    const given = await ok(tokens.swt!, give, { id: kase.id });
    expect((await ok(tokens.swt!, give, { id: kase.id })).giveFeedback.id).toBe(given.giveFeedback.id);

    const [after] = await caseOf("CW-1");
    expect(after).toMatchObject({ status: "IN_TREATMENT", feedbackOnTime: true, feedbackOverdue: false });
    const cw = await ok(tokens.swt!, `query($id: ID!) { case(id: $id) { contactAttempts { id } } }`, { id: kase.id });
    expect(cw.case.contactAttempts).toHaveLength(1);
  });

  it("a team cannot write to another team's case: it is as if the case did not exist", async () => {
    const [kase] = await caseOf("CW-3");
    const result = await graph.query(tokens.otherSwt!, `mutation($id: ID!) { takeCaseIntoTreatment(caseId: $id) { id status } }`, { id: kase.id });
    expect(result.data?.takeCaseIntoTreatment ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe("CASE_NOT_FOUND");
    expect((await caseOf("CW-3"))[0].status).toBe("OPEN");
  });

  it("the corporation reads the feedback on its own tenant, and of a case not taken up only that it was not, never why", async () => {
    const [kase] = await caseOf("CW-2");
    await ok(
      tokens.swt!,
      `mutation($id: ID!) { giveFeedback(caseId: $id, feedback: {
      contactMade: true, takenIntoTreatment: false, collectionCanBeSuspended: false,
      notTakenUpForOtherReason: true, reasonNotTakenUp: "Household moved in with family abroad"
    }) { id } }`,
      { id: kase.id },
    );

    const read = await ok(tokens.elan!, `query($id: ID!) { tenant(id: $id) { feedback { contactMade takenIntoTreatment notTakenUpForOtherReason } } }`, { id: tenantIds["CW-2"] });
    expect(read.tenant.feedback).toEqual([{ contactMade: true, takenIntoTreatment: false, notTakenUpForOtherReason: true }]);

    const why = await graph.query(tokens.elan!, `query($id: ID!) { tenant(id: $id) { feedback { notTakenUpForOtherReason reasonNotTakenUp } } }`, { id: tenantIds["CW-2"] });
    expect(why.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([["FORBIDDEN", "reasonNotTakenUp"]]);
    expect(JSON.stringify(why.data)).not.toContain("abroad");

    // A hint at the reason cannot be written into the fields the corporation reads either.
    const [other] = await caseOf("CW-3");
    const hinted = await graph.query(
      tokens.swt!,
      `mutation($id: ID!) { giveFeedback(caseId: $id, feedback: {
      contactMade: true, takenIntoTreatment: false, collectionCanBeSuspended: false,
      notTakenUpForOtherReason: true, reasonNotTakenUp: "Moved", arrearsArrangement: "Moved abroad, no arrangement"
    }) { id } }`,
      { id: other.id },
    );
    expect(hinted.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(hinted.errors?.[0]?.message).toMatch(/arrearsArrangement/);
  });

  it("the SDV lists the cases whose feedback is still awaited, with their status and due day only", async () => {
    const data = await ok(tokens.sdv!, `{ cases(first: 50, filter: { feedback: AWAITED }) { edges { node { id status feedbackDueOn feedbackOverdue } } } }`);
    const awaited = data.cases.edges.map((edge: any) => edge.node);
    expect(awaited).toHaveLength(references.length - 2);
    for (const kase of awaited) expect(kase.feedbackDueOn >= today).toBe(true);
    const notes = await graph.query(tokens.sdv!, `query($id: ID!) { case(id: $id) { notes { text } } }`, { id: awaited[0].id });
    expect(notes.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("an objection withdraws the signals: sdv and swt keep nothing about the household, and monitoring still counts what happened", async () => {
    const monitoring = `query($from: String!, $to: String!) {
      monitoring(from: $from, to: $to, municipalityCode: "0392", corporationId: "elan-wonen") {
        month signalsReceived { count suppressed } signalsWithdrawn { count suppressed } forwardedToSwt { count } casesOpened { count suppressed }
      }
    }`;
    const before = (await ok(tokens.analyst!, monitoring, { from: lastMonth, to: thisMonth })).monitoring;
    // Six signals each month, published rounded up to a multiple of 5: 10.
    expect(before.map((m: any) => [m.month, m.signalsReceived.count, m.signalsWithdrawn.count])).toEqual([
      [lastMonth, 10, 0],
      [thisMonth, 10, 0],
    ]);

    // Five of the six households object; CW-6 does not.
    const objecting = references.slice(0, 5);
    for (const reference of objecting) {
      const answer = await ok(tokens.elan!, UPSERT_OBJECTION, { input: { tenantReference: reference, reference: `${reference}-OBJ`, recordedOn: today } });
      expect(answer.upsertObjection.downstreamErasedAt).not.toBeNull();
    }

    const needles = objecting.flatMap((reference) => [tenantIds[reference]!, ...signalIds[reference]!]);
    expect(await rowsMentioning(graph.subgraphs.sdv.dataSource, needles)).toEqual({});
    // swt keeps only the case CW-1's household accepted into treatment (its own consent), without the
    // corporation's signals and no longer addressed to the corporation.
    expect(await rowsMentioning(graph.subgraphs.swt.dataSource, needles)).toEqual({ case: 1 });
    const kept = await graph.subgraphs.swt.dataSource.query(`select status, corporation_id from "case" where tenant_id = any($1)`, [objecting.map((r) => tenantIds[r])]);
    expect(kept).toEqual([{ status: "IN_TREATMENT", corporation_id: null }]);
    // The household that did not object keeps its case.
    expect(await caseOf("CW-6")).toHaveLength(1);

    // The erasures are logged by counts, without ids.
    for (const db of [graph.subgraphs.sdv.dataSource, graph.subgraphs.swt.dataSource]) {
      const log: { reason: string; counts: Record<string, number> }[] = await db.query(`select reason, counts from erasure_log`);
      expect(log.length).toBeGreaterThan(0);
      expect(log.every((entry) => entry.reason === "OBJECTION")).toBe(true);
    }

    const after = (await ok(tokens.analyst!, monitoring, { from: lastMonth, to: thisMonth })).monitoring;
    expect(after.map((m: any) => [m.month, m.signalsReceived.count, m.signalsWithdrawn.count, m.forwardedToSwt.count])).toEqual([
      [lastMonth, 10, 5, 10],
      [thisMonth, 10, 5, 10],
    ]);
    // Cases are counted in the month they were opened, the forwarding day: the first working day from
    // today, in the next month when today is a month's last day and no working day. All six (published
    // as 10, rounded up to a multiple of 5), none erased.
    const openedMonth = firstWorkingDayFrom(today).slice(0, 7);
    const opened = (await ok(tokens.analyst!, monitoring, { from: openedMonth, to: openedMonth })).monitoring;
    expect(opened.map((m: any) => [m.month, m.casesOpened.count])).toEqual([[openedMonth, 10]]);
  });
});
