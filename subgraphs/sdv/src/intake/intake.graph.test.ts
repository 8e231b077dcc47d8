import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type TestGraph } from "../../../../test/support/graph.js";
import { addDays, firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id arrears { phase } } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const UPSERT_OBJECTION = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id } }`;
const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) {
    accepted alreadyReceived refused
    items { tenantReference outcome refusals { code message } signal { id status deliveredPhase previousSignal { id } } }
  }
}`;
const HANDLING = `query Handling($id: ID!) {
  signal(id: $id) {
    id status deliveredAmountCents deliveredPhase
    priority { level rule }
    forwarding { target teamId forwardedOn }
    tenant { id arrears { amountCents phase } }
  }
}`;

const today = todayInNetherlands();
const daysAgo = (days: number) => addDays(today, -days);
const thisMonth = today.slice(0, 7);
const lastMonthEnd = addDays(`${thisMonth}-01`, -1);

interface TenantPlan {
  reference: string;
  corporation?: "elan-wonen" | "ymere";
  postcode?: string;
  municipalityCode?: string;
  arrears?: { amountCents: number; since: string; phase: "ARREARS" | "COLLECTION" | "BAILIFF"; bailiffHandoverOn?: string } | null;
  /** The collection step kinds recorded, 70 days ago (or when the arrears began, if later); default all four. */
  steps?: string[];
  objection?: boolean;
}

const ALL_STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];

describe("signal intake through the gateway, with the corporations and swt subgraphs", () => {
  let graph: TestGraph;
  const tokens: Record<string, string> = {};
  const tenantIds: Record<string, string> = {};

  async function ok(token: string, query: string, variables: Record<string, unknown>) {
    const result = await graph.query(token, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  /** Registers a tenant with its arrears, steps and objection the way a corporation's integration does. */
  async function register(plan: TenantPlan) {
    const token = plan.corporation === "ymere" ? tokens.ymere! : tokens.elan!;
    const created = await ok(token, UPSERT_TENANT, {
      input: {
        reference: plan.reference,
        name: `Tenant ${plan.reference}`,
        address: { street: "Zomervaart", houseNumber: "1", postcode: plan.postcode ?? "2033 AB", city: "Haarlem", municipalityCode: plan.municipalityCode ?? "0392" },
        sector: "SOCIAL",
      },
    });
    tenantIds[plan.reference] = created.upsertTenant.id;
    const arrears = plan.arrears === undefined ? { amountCents: 25_000, since: daysAgo(90), phase: "COLLECTION" } : plan.arrears;
    if (arrears) await ok(token, UPSERT_ARREARS, { input: { tenantReference: plan.reference, ...arrears } });
    for (const kind of plan.steps ?? ALL_STEPS) {
      // Steps of these arrears: 70 days ago, or on the day they began when that is later (Art. 3.2).
      const takenOn = arrears && arrears.since > daysAgo(70) ? arrears.since : daysAgo(70);
      await ok(token, UPSERT_STEP, { input: { tenantReference: plan.reference, reference: `${plan.reference}-${kind}`, kind, takenOn, takenBy: "incasso-team" } });
    }
    if (plan.objection) await ok(token, UPSERT_OBJECTION, { input: { tenantReference: plan.reference, reference: `${plan.reference}-B`, recordedOn: daysAgo(10) } });
  }

  const submit = (references: string[], input: Record<string, unknown> = {}) =>
    ok(tokens.elan!, SUBMIT, {
      input: { reportingMonth: thisMonth, signalDate: today, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })), ...input },
    });

  beforeAll(async () => {
    graph = await startTestGraph();
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.ymere = await graph.token({ role: "CORPORATION", orgs: ["ymere"], sub: "ymere-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
    tokens.coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator" });
    const plans: TenantPlan[] = [
      { reference: "EW-II" },
      { reference: "EW-IV", arrears: { amountCents: 4_000, since: daysAgo(90), phase: "ARREARS" }, postcode: "2041 AB", municipalityCode: "0473" },
      { reference: "EW-III", arrears: { amountCents: 4_000, since: daysAgo(90), phase: "ARREARS" }, postcode: "2035 CD" },
      { reference: "EW-I", arrears: { amountCents: 4_000, since: daysAgo(90), phase: "BAILIFF" }, postcode: "2022 EF" },
      { reference: "EW-RECENT", arrears: { amountCents: 25_000, since: daysAgo(20), phase: "ARREARS" } },
      { reference: "EW-NO-STEPS", steps: ["PAYMENT_REMINDER", "DATA_SHARING_NOTICE"] },
      { reference: "EW-OBJECTED", objection: true },
      { reference: "EW-AMSTERDAM", postcode: "1011 AB", municipalityCode: "0363" },
      { reference: "YM-1", corporation: "ymere" },
    ];
    for (const plan of plans) await register(plan);
    // The SWT knows EW-III's household, with children: only the derived fact reaches sdv.
    await graph.subgraphs.swt.dataSource.query(`insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus) values ($1, $2, true, false)`, [
      tenantIds["EW-III"],
      daysAgo(400),
    ]);
  });
  afterAll(() => graph?.stop());

  describe("a mixed monthly batch", () => {
    let answer: Record<string, any>;
    const batch = ["EW-II", "EW-IV", "EW-III", "EW-I", "EW-RECENT", "EW-NO-STEPS", "EW-OBJECTED", "EW-AMSTERDAM", "YM-1", "EW-UNKNOWN", "EW-II"];

    beforeAll(async () => {
      answer = (await submit(batch)).submitSignals;
    });

    it("answers every item in order, with each refusal's stable code", () => {
      expect(
        answer.items.map((i: { tenantReference: string; outcome: string; refusals: { code: string }[] }) => [i.tenantReference, i.outcome, i.refusals.map((r) => r.code)]),
      ).toEqual([
        ["EW-II", "ACCEPTED", []],
        ["EW-IV", "ACCEPTED", []],
        ["EW-III", "ACCEPTED", []],
        ["EW-I", "ACCEPTED", []],
        ["EW-RECENT", "REFUSED", ["ARREARS_TOO_RECENT"]],
        ["EW-NO-STEPS", "REFUSED", ["COLLECTION_STEPS_INCOMPLETE"]],
        ["EW-OBJECTED", "REFUSED", ["OBJECTION_ON_RECORD"]],
        ["EW-AMSTERDAM", "REFUSED", ["OUTSIDE_COVENANT"]],
        ["YM-1", "REFUSED", ["TENANT_NOT_FOUND"]],
        ["EW-UNKNOWN", "REFUSED", ["TENANT_NOT_FOUND"]],
        ["EW-II", "REFUSED", ["DUPLICATE_IN_BATCH"]],
      ]);
      expect([answer.accepted, answer.alreadyReceived, answer.refused]).toEqual([4, 0, 7]);
      expect(answer.items[5].refusals[0].message).toMatch(/missing: an attempt at personal contact \(PERSONAL_CONTACT_ATTEMPT\); a referral to debt help \(DEBT_HELP_REFERRAL\)/);
    });

    it("stores the accepted ones, each prioritised from the corporation's own records and forwarded by postcode", async () => {
      const handling = async (reference: string) => {
        const id = answer.items.find((i: { tenantReference: string }) => i.tenantReference === reference).signal.id;
        return (await ok(tokens.sdv!, HANDLING, { id })).signal;
      };
      const forwardedOn = firstWorkingDayFrom(today);
      expect(await handling("EW-II")).toMatchObject({
        status: "FORWARDED",
        deliveredAmountCents: 25_000,
        priority: { rule: "II.ABOVE_THRESHOLD" },
        forwarding: { target: "SWT", teamId: "haarlem-oost", forwardedOn },
      });
      expect(await handling("EW-IV")).toMatchObject({ priority: { rule: "IV.BELOW_THRESHOLD" }, forwarding: { target: "BUDGET_COACH", teamId: "budget-coach", forwardedOn } });
      expect(await handling("EW-III")).toMatchObject({ priority: { rule: "III.KNOWN_VULNERABLE" }, forwarding: { target: "SWT", teamId: "haarlem-schalkwijk" } });
      expect(await handling("EW-I")).toMatchObject({ priority: { rule: "I.BAILIFF" }, forwarding: { target: "SWT", teamId: "haarlem-noord" } });
      const [{ n }] = await graph.subgraphs.sdv.dataSource.query(`select count(*)::int as n from signal`);
      expect(n).toBe(4);
    });

    it("sent again, makes no second signal: the accepted ones answer ALREADY_RECEIVED with the signals of the first time", async () => {
      const again = (await submit(batch)).submitSignals;
      expect([again.accepted, again.alreadyReceived, again.refused]).toEqual([0, 4, 7]);
      expect(again.items.slice(0, 4).map((i: { signal: { id: string } }) => i.signal.id)).toEqual(answer.items.slice(0, 4).map((i: { signal: { id: string } }) => i.signal.id));
      const [{ n }] = await graph.subgraphs.sdv.dataSource.query(`select count(*)::int as n from signal`);
      expect(n).toBe(4);
    });

    it("e-mail is refused now that covenant phase I is over", async () => {
      const mail = (await submit(["EW-RECENT"], { channel: "EMAIL" })).submitSignals;
      expect(mail.items[0].refusals.map((r: { code: string }) => r.code)).toEqual(["ARREARS_TOO_RECENT", "CHANNEL_NOT_ALLOWED"]);
    });
  });

  it("a household signalled last month and again this month is linked to its earlier signal", async () => {
    await register({ reference: "EW-REPEAT" });
    const earlier = (await submit(["EW-REPEAT"], { reportingMonth: lastMonthEnd.slice(0, 7), signalDate: lastMonthEnd })).submitSignals.items[0];
    const later = (await submit(["EW-REPEAT"])).submitSignals.items[0];
    expect([earlier.outcome, later.outcome]).toEqual(["ACCEPTED", "ACCEPTED"]);
    expect(later.signal.previousSignal).toEqual({ id: earlier.signal.id });
  });

  it("the tenant's current phase is read live from the corporation, beside the phase as delivered", async () => {
    await register({ reference: "EW-LIVE", arrears: { amountCents: 30_000, since: daysAgo(90), phase: "COLLECTION" } });
    const item = (await submit(["EW-LIVE"])).submitSignals.items[0];
    const before = (await ok(tokens.sdv!, HANDLING, { id: item.signal.id })).signal;
    expect(before).toMatchObject({ deliveredPhase: "COLLECTION", tenant: { arrears: { phase: "COLLECTION", amountCents: 30_000 } } });

    await ok(tokens.elan!, UPSERT_ARREARS, { input: { tenantReference: "EW-LIVE", amountCents: 45_000, since: daysAgo(90), phase: "BAILIFF" } });
    const after = (await ok(tokens.sdv!, HANDLING, { id: item.signal.id })).signal;
    expect(after).toMatchObject({ deliveredPhase: "COLLECTION", deliveredAmountCents: 30_000, tenant: { arrears: { phase: "BAILIFF", amountCents: 45_000 } } });
  });

  it("a new threshold leaves stored priorities alone; SDV previews the difference, then recomputes only what it lists", async () => {
    await register({ reference: "EW-SIXTY", arrears: { amountCents: 6_000, since: daysAgo(90), phase: "ARREARS" } });
    const sixty = (await submit(["EW-SIXTY"])).submitSignals.items[0].signal.id;
    const set = await ok(tokens.coordinator!, `mutation($input: SetThresholdInput!) { setThreshold(input: $input) { id amountCents } }`, {
      input: { amountCents: 5_000, validFrom: today, reason: "Phase I evaluation" },
    });
    expect((await ok(tokens.sdv!, HANDLING, { id: sixty })).signal.priority.rule).toBe("IV.BELOW_THRESHOLD");

    const preview = await ok(tokens.sdv!, `query { previewPriorityRecomputation { threshold { id } changes { signal { id } currentLevel newLevel forwardingWouldChange } } }`, {});
    expect(preview.previewPriorityRecomputation.threshold.id).toBe(set.setThreshold.id);
    const changes = preview.previewPriorityRecomputation.changes;
    expect(changes).toContainEqual({ signal: { id: sixty }, currentLevel: "IV", newLevel: "II", forwardingWouldChange: true });

    const recompute = await ok(
      tokens.sdv!,
      `mutation($ids: [ID!]!) { recomputePriorities(signalIds: $ids) { recomputed items { outcome forwardingChange { toTarget toTeamId } } } }`,
      {
        ids: [sixty],
      },
    );
    expect(recompute.recomputePriorities).toEqual({ recomputed: 1, items: [{ outcome: "RECOMPUTED", forwardingChange: { toTarget: "SWT", toTeamId: "haarlem-oost" } }] });
    expect((await ok(tokens.sdv!, HANDLING, { id: sixty })).signal).toMatchObject({ priority: { level: "II" }, forwarding: { target: "SWT", teamId: "haarlem-oost" } });
    // What was not listed keeps its priority.
    const others = changes.filter((c: { signal: { id: string } }) => c.signal.id !== sixty);
    for (const change of others) {
      expect((await ok(tokens.sdv!, HANDLING, { id: change.signal.id })).signal.priority.level).toBe(change.currentLevel);
    }
  });
});
