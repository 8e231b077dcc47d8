import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { daysAgo, startSdvWithPeers, tenantFacts, type SdvWithPeers } from "./intake.fixture.js";

const SUBMIT = `mutation($input: SubmitSignalsInput!) {
  submitSignals(input: $input) { accepted refused items { tenantReference outcome refusals { code } } }
}`;

const thisMonth = () => todayInNetherlands().slice(0, 7);
const ref = (label: string) => `EW-${label}-${randomUUID().slice(0, 8)}`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface Row {
  corporation_id: string;
  reporting_month: string;
  reference_digest: string;
  code: string;
  municipality_code: string | null;
  tenant_id: string | null;
  first_refused_at: Date;
}

/** Refused intake items, kept for monitoring by a digest of the reference (intake_refusal). */
describe("refused intake items are kept for monitoring, once, without the reference", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());

  async function submit(references: string[], reportingMonth = thisMonth()) {
    const result = await sdv.query(identities.elanWonen, SUBMIT, { input: { reportingMonth, channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })) } });
    expect(result.errors).toBeUndefined();
    return result.data!.submitSignals as { accepted: number; refused: number };
  }
  const rowsOf = async (references: string[]): Promise<Row[]> =>
    sdv.db.query(`select * from intake_refusal where reference_digest = any($1) order by reference_digest, code`, [references.map((r) => sha256(`elan-wonen\n${r}`))]);

  it("a row per refused reference and code, keyed by the SHA-256 of corporation and reference; sending the batch again adds nothing", async () => {
    const unknown = ref("unknown");
    const [incomplete, objected, outside, accepted] = sdv.register(
      tenantFacts({
        reference: ref("incomplete"),
        arrears: { amountCents: 20_000, since: daysAgo(10), phase: "ARREARS", bailiffHandoverOn: null },
        collectionSteps: [{ kind: "PAYMENT_REMINDER", takenOn: daysAgo(5) }],
      }),
      tenantFacts({ reference: ref("objected"), hasStandingObjection: true }),
      tenantFacts({ reference: ref("outside"), municipalityCode: "0363", postcode: "1011 AB" }),
      tenantFacts({ reference: ref("accepted") }),
    );
    const batch = [unknown, incomplete!.reference, objected!.reference, outside!.reference, accepted!.reference, incomplete!.reference];
    expect(await submit(batch)).toMatchObject({ accepted: 1, refused: 5 });
    const references = [unknown, incomplete!.reference, objected!.reference, outside!.reference, accepted!.reference];
    const first = await rowsOf(references);
    const row = (reference: string, code: string, municipality: string | null, tenantId: string | null) => ({
      corporation_id: "elan-wonen",
      reporting_month: thisMonth(),
      reference_digest: sha256(`elan-wonen\n${reference}`),
      code,
      municipality_code: municipality,
      tenant_id: tenantId,
      first_refused_at: expect.any(Date),
    });
    const expected = [
      row(unknown, "TENANT_NOT_FOUND", null, null),
      row(incomplete!.reference, "ARREARS_TOO_RECENT", "0392", incomplete!.tenantId),
      row(incomplete!.reference, "COLLECTION_STEPS_INCOMPLETE", "0392", incomplete!.tenantId),
      // Nothing links a person who objected to the refusal.
      row(objected!.reference, "OBJECTION_ON_RECORD", "0392", null),
      // Outside the covenant: the item belongs to no municipality of the monitoring.
      row(outside!.reference, "OUTSIDE_COVENANT", null, outside!.tenantId),
    ].sort((a, b) => a.reference_digest.localeCompare(b.reference_digest) || a.code.localeCompare(b.code));
    expect(first).toEqual(expected);
    // The repeated line is no refusal of the tenant's signal: its first line is answered and counted.
    expect(first.map((r) => r.code)).not.toContain("DUPLICATE_IN_BATCH");

    expect(await submit(batch)).toMatchObject({ accepted: 0, refused: 5 });
    expect(await rowsOf(references)).toEqual(first);
  });

  it("the reference itself is kept nowhere", async () => {
    const reference = ref("secret");
    await submit([reference]);
    const [{ n }] = await sdv.db.query(`select count(*)::int as n from intake_refusal r where r::text like '%' || $1 || '%'`, [reference]);
    expect(n).toBe(0);
    expect(await rowsOf([reference])).toHaveLength(1);
  });

  it("the same reference refused in another month is another row; the first refusal's moment stays", async () => {
    const reference = ref("months");
    await submit([reference], "2026-09");
    const [september] = await rowsOf([reference]);
    await submit([reference], "2026-10");
    await submit([reference], "2026-09");
    const rows = await rowsOf([reference]);
    expect(rows.map((r) => r.reporting_month).sort()).toEqual(["2026-09", "2026-10"]);
    expect(rows.find((r) => r.reporting_month === "2026-09")!.first_refused_at).toEqual(september!.first_refused_at);
  });
});
