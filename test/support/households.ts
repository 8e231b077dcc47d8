import { expect } from "vitest";
import { addDays } from "../../subgraphs/shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../subgraphs/shared/src/clock.js";
import type { TestGraph } from "./graph.js";

const STEPS = ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"];

export interface Household {
  reference: string;
  postcode: string;
  municipalityCode: string;
  /** Arrears in cents: at or above the threshold (EUR 75 by default) gives priority II, below it IV. */
  amountCents: number;
  phase?: "ARREARS" | "COLLECTION" | "BAILIFF";
}

/** A corporation registers households with complete collection steps and submits a signal for each; answers tenant and signal ids by reference. */
export async function signalHouseholds(
  graph: TestGraph,
  corporationToken: string,
  households: Household[],
): Promise<Record<string, { tenantId: string; signalId: string | null; outcome: string }>> {
  const today = todayInNetherlands();
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const result = await graph.query(corporationToken, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  };
  const ids: Record<string, { tenantId: string; signalId: string | null; outcome: string }> = {};
  for (const h of households) {
    const created = await ok(`mutation($input: TenantInput!) { upsertTenant(input: $input) { id } }`, {
      input: {
        reference: h.reference,
        name: `Tenant ${h.reference}`,
        phone: "0612345678",
        address: { street: "Teststraat", houseNumber: "1", postcode: h.postcode, city: "Somewhere", municipalityCode: h.municipalityCode },
        sector: "SOCIAL",
      },
    });
    ids[h.reference] = { tenantId: created.upsertTenant.id, signalId: null, outcome: "" };
    await ok(`mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`, {
      input: { tenantReference: h.reference, amountCents: h.amountCents, since: addDays(today, -120), phase: h.phase ?? "ARREARS" },
    });
    for (const kind of STEPS) {
      await ok(`mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`, {
        input: { tenantReference: h.reference, reference: `${h.reference}-${kind}`, kind, takenOn: addDays(today, -100), takenBy: "incasso" },
      });
    }
  }
  const answer = await ok(`mutation($input: SubmitSignalsInput!) { submitSignals(input: $input) { items { tenantReference outcome signal { id } } } }`, {
    input: { reportingMonth: today.slice(0, 7), channel: "VPS", items: households.map((h) => ({ tenantReference: h.reference })) },
  });
  for (const item of answer.submitSignals.items) {
    ids[item.tenantReference]!.signalId = item.signal?.id ?? null;
    ids[item.tenantReference]!.outcome = item.outcome;
  }
  return ids;
}
