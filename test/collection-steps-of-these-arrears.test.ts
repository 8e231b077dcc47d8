import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../subgraphs/shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../subgraphs/shared/src/clock.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * Socially responsible collection belongs to the arrears it was taken about (Art. 3.2, Wgs): a
 * corporation whose tenant fell behind again cannot signal today's arrears on the strength of a
 * reminder from an episode of years ago. Through the gateway, as a corporation's integration works.
 */
const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
const CLEAR_ARREARS = `mutation($input: ClearArrearsInput!) { clearArrears(input: $input) { id } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted refused items { tenantReference outcome refusals { code message } } }
}`;
const STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];

describe("collection steps count only for the arrears they belong to", () => {
  let graph: TestGraph;
  let elan: string;
  const today = todayInNetherlands();
  const since = addDays(today, -60);

  async function ok(query: string, variables: Record<string, unknown>) {
    const result = await graph.query(elan, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  }

  /** A tenant whose current arrears began 60 days ago, with the four steps taken on the given days. */
  async function tenantWithSteps(reference: string, stepDays: Record<string, string>) {
    await ok(UPSERT_TENANT, {
      input: {
        reference,
        name: `Tenant ${reference}`,
        sector: "SOCIAL",
        address: { street: "Zomervaart", houseNumber: "3", postcode: "2033 AB", city: "Haarlem", municipalityCode: "0392" },
      },
    });
    for (const kind of STEPS) {
      await ok(UPSERT_STEP, {
        input: { tenantReference: reference, reference: `${reference}-${kind}`, kind, takenOn: stepDays[kind] ?? addDays(since, 5), takenBy: "incasso-team" },
      });
    }
    await ok(UPSERT_ARREARS, { input: { tenantReference: reference, amountCents: 31_500, since, phase: "ARREARS" } });
  }

  const submit = (references: string[]) =>
    ok(SUBMIT, { input: { reportingMonth: today.slice(0, 7), signalDate: today, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })) } });

  beforeAll(async () => {
    graph = await startTestGraph();
    elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
  });
  afterAll(() => graph?.stop());

  it("a reminder from an earlier episode of arrears does not validate today's signal: the refusal names the step and says it predates these arrears", async () => {
    const earlier = { "years ago": addDays(since, -900), "last year": addDays(since, -200), "the day before": addDays(since, -1) };
    for (const [label, takenOn] of Object.entries(earlier)) {
      const reference = `EP-${label.replace(/ /g, "-")}`;
      await tenantWithSteps(reference, { PAYMENT_REMINDER: takenOn });
      const [item] = (await submit([reference])).submitSignals.items;
      expect(item.outcome, label).toBe("REFUSED");
      expect(item.refusals.map((r: { code: string }) => r.code)).toEqual(["COLLECTION_STEPS_INCOMPLETE"]);
      expect(item.refusals[0].message).toContain(`a written payment reminder (PAYMENT_REMINDER, taken on ${takenOn})`);
      expect(item.refusals[0].message).toContain(`predates these arrears`);
      expect(item.refusals[0].message).toContain(`began on ${since}`);
    }
  });

  it("steps taken on or after the day these arrears began count, so the signal is accepted", async () => {
    await tenantWithSteps("EP-on-the-day", Object.fromEntries(STEPS.map((kind) => [kind, since])));
    await tenantWithSteps("EP-after", {});
    const answer = await submit(["EP-on-the-day", "EP-after"]);
    expect(answer.submitSignals.items.map((i: { outcome: string }) => i.outcome)).toEqual(["ACCEPTED", "ACCEPTED"]);
  });

  it("a tenant who paid off and fell behind again needs a new reminder for the new arrears", async () => {
    await tenantWithSteps("EP-again", {});
    await ok(CLEAR_ARREARS, { input: { tenantReference: "EP-again" } });
    const newSince = addDays(today, -35);
    await ok(UPSERT_ARREARS, { input: { tenantReference: "EP-again", amountCents: 22_000, since: newSince, phase: "ARREARS" } });
    const [refused] = (await submit(["EP-again"])).submitSignals.items;
    expect(refused.outcome).toBe("REFUSED");
    for (const kind of STEPS) expect(refused.refusals[0].message).toContain(`(${kind}, taken on ${addDays(since, 5)})`);

    for (const kind of STEPS) {
      await ok(UPSERT_STEP, { input: { tenantReference: "EP-again", reference: `EP-again-${kind}-2`, kind, takenOn: addDays(newSince, 2), takenBy: "incasso-team" } });
    }
    const [accepted] = (await submit(["EP-again"])).submitSignals.items;
    expect(accepted.outcome).toBe("ACCEPTED");
  });
});
