import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { AccessLogCollector } from "../../../shared/src/access-log.js";
import { corporationsSubgraph } from "../index.js";
import { TenantPolicy } from "../tenant/tenant.policy.js";
import { insertArrearsAndSteps, tenantInput, UPSERT_TENANT } from "../tenant/tenant.fixture.js";
import { INTAKE_READ, IntakeFactsService } from "./intake-facts.service.js";

const INTAKE = `query($corporationId: ID!, $references: [String!]!) {
  intakeFacts(corporationId: $corporationId, references: $references) {
    reference tenantId corporationId municipalityCode postcode
    arrears { amountCents since phase bailiffHandoverOn }
    collectionSteps { kind takenOn }
    hasStandingObjection
  }
}`;
const UPSERT_ARREARS = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
const UPSERT_STEP = `mutation($input: CollectionStepInput!) { upsertCollectionStep(input: $input) { id } }`;
const RECORD_OBJECTION = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id } }`;
const WITHDRAW_OBJECTION = `mutation($input: ObjectionWithdrawalInput!) { withdrawObjection(input: $input) { id } }`;

const zandvoort = { street: "Kerkstraat", houseNumber: "3", postcode: "2042jb", city: "Zandvoort", municipalityCode: "0473" };

describe("intakeFacts: what a corporation's signals are checked against, for the sdv subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const ids: Record<string, string> = {};

  async function write(identity: Identity, mutation: string, input: Record<string, unknown>) {
    const result = await subgraph.query(identity, mutation, { input });
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  async function intake(identity: Identity, corporationId: string, references: string[]) {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, INTAKE, { corporationId, references });
    expect(result.errors).toBeUndefined();
    return { facts: result.data!.intakeFacts as Record<string, any>[], statements: subgraph.statements() - before };
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    const elan = identities.elanWonen;
    for (const [identity, reference, overrides] of [
      [elan, "EW-I1", {}],
      [elan, "EW-I2", { address: zandvoort }],
      [elan, "EW-I3", {}],
      [elan, "SHARED-1", {}],
      [identities.ymere, "SHARED-1", { address: zandvoort }],
      [identities.ymere, "YM-I1", {}],
    ] as const) {
      const data = await write(identity, UPSERT_TENANT, tenantInput(reference, overrides));
      ids[`${identity.orgs[0]}/${reference}`] = data.upsertTenant.id;
    }
    await write(elan, UPSERT_ARREARS, { tenantReference: "EW-I1", amountCents: 45_000, since: "2026-01-15", phase: "COLLECTION", bailiffHandoverOn: "2026-04-20" });
    await write(elan, UPSERT_ARREARS, { tenantReference: "EW-I3", amountCents: 12_000, since: "2026-02-01", phase: "ARREARS" });
    await write(identities.ymere, UPSERT_ARREARS, { tenantReference: "SHARED-1", amountCents: 99_000, since: "2026-01-01", phase: "BAILIFF" });
    // Recorded out of the order taken, so that the answer's order is the dates', not the writes'.
    for (const [reference, kind, takenOn] of [
      ["EW-I1-S4", "DATA_SHARING_NOTICE", "2026-02-20"],
      ["EW-I1-S1", "PAYMENT_REMINDER", "2026-02-01"],
      ["EW-I1-S3", "DEBT_HELP_REFERRAL", "2026-02-10"],
      ["EW-I1-S2", "PERSONAL_CONTACT_ATTEMPT", "2026-02-05"],
    ]) {
      await write(elan, UPSERT_STEP, { tenantReference: "EW-I1", reference, kind, takenOn, takenBy: "incasso-team" });
    }
    await write(elan, UPSERT_STEP, { tenantReference: "EW-I2", reference: "EW-I2-S1", kind: "PAYMENT_REMINDER", takenOn: "2026-02-01", takenBy: "incasso-team" });
    // EW-I1: an old objection withdrawn, a later one standing. EW-I2: its only objection withdrawn.
    await write(elan, RECORD_OBJECTION, { tenantReference: "EW-I1", reference: "EW-I1-B1", recordedOn: "2026-01-10" });
    await write(elan, WITHDRAW_OBJECTION, { reference: "EW-I1-B1", withdrawnOn: "2026-01-20" });
    await write(elan, RECORD_OBJECTION, { tenantReference: "EW-I1", reference: "EW-I1-B2", recordedOn: "2026-03-01" });
    await write(elan, RECORD_OBJECTION, { tenantReference: "EW-I2", reference: "EW-I2-B1", recordedOn: "2026-01-10" });
    await write(elan, WITHDRAW_OBJECTION, { reference: "EW-I2-B1", withdrawnOn: "2026-02-15" });
    await write(identities.ymere, RECORD_OBJECTION, { tenantReference: "SHARED-1", reference: "YM-S-B1", recordedOn: "2026-01-10" });
  });
  afterAll(() => subgraph?.stop());

  it("a corporation is told exactly the intake facts of its own tenants: address, arrears, collection steps in the order taken, objection", async () => {
    const { facts } = await intake(identities.elanWonen, "elan-wonen", ["EW-I1", "EW-I2", "EW-I3"]);
    expect(facts).toEqual([
      {
        reference: "EW-I1",
        tenantId: ids["elan-wonen/EW-I1"],
        corporationId: "elan-wonen",
        municipalityCode: "0392",
        postcode: "2033 AB",
        arrears: { amountCents: 45_000, since: "2026-01-15", phase: "COLLECTION", bailiffHandoverOn: "2026-04-20" },
        collectionSteps: [
          { kind: "PAYMENT_REMINDER", takenOn: "2026-02-01" },
          { kind: "PERSONAL_CONTACT_ATTEMPT", takenOn: "2026-02-05" },
          { kind: "DEBT_HELP_REFERRAL", takenOn: "2026-02-10" },
          { kind: "DATA_SHARING_NOTICE", takenOn: "2026-02-20" },
        ],
        hasStandingObjection: true,
      },
      {
        reference: "EW-I2",
        tenantId: ids["elan-wonen/EW-I2"],
        corporationId: "elan-wonen",
        municipalityCode: "0473",
        postcode: "2042 JB",
        arrears: null,
        collectionSteps: [{ kind: "PAYMENT_REMINDER", takenOn: "2026-02-01" }],
        hasStandingObjection: false,
      },
      {
        reference: "EW-I3",
        tenantId: ids["elan-wonen/EW-I3"],
        corporationId: "elan-wonen",
        municipalityCode: "0392",
        postcode: "2033 AB",
        arrears: { amountCents: 12_000, since: "2026-02-01", phase: "ARREARS", bailiffHandoverOn: null },
        collectionSteps: [],
        hasStandingObjection: false,
      },
    ]);
  });

  it("an objection stands until it is withdrawn: a withdrawn one beside a later standing one still counts, a withdrawn one alone does not", async () => {
    const { facts } = await intake(identities.elanWonen, "elan-wonen", ["EW-I1", "EW-I2"]);
    expect(Object.fromEntries(facts.map((f) => [f.reference, f.hasStandingObjection]))).toEqual({ "EW-I1": true, "EW-I2": false });
  });

  it("unknown references and other corporations' tenants are left out, and a reference both corporations use answers with the asker's own tenant", async () => {
    const { facts } = await intake(identities.elanWonen, "elan-wonen", ["EW-UNKNOWN", "YM-I1", "SHARED-1", "EW-I3", "SHARED-1"]);
    expect(facts.map((f) => [f.reference, f.tenantId])).toEqual([
      ["SHARED-1", ids["elan-wonen/SHARED-1"]],
      ["EW-I3", ids["elan-wonen/EW-I3"]],
    ]);
    expect(facts[0]).toMatchObject({ corporationId: "elan-wonen", municipalityCode: "0392", arrears: null, hasStandingObjection: false });
  });

  it("asking about another corporation's tenants answers nothing, even with references that exist there", async () => {
    expect((await intake(identities.elanWonen, "ymere", ["YM-I1", "SHARED-1"])).facts).toEqual([]);
    expect((await intake(identities.ymere, "elan-wonen", ["EW-I1", "EW-I2", "SHARED-1"])).facts).toEqual([]);
  });

  it("each tenant answered is recorded in the access log once, as intake.arrears; references left out leave no trace", async () => {
    const reader = { ...identities.elanWonen, sub: "elan-intake-log-test" };
    await intake(reader, "elan-wonen", ["EW-I1", "EW-I3", "EW-I1", "EW-UNKNOWN", "YM-I1"]);
    await intake(reader, "ymere", ["YM-I1"]);
    const rows: Record<string, any>[] = await subgraph.db.query(`select * from access_log where subject = $1 order by person_id`, [reader.sub]);
    expect(rows.map((row) => row.person_id).sort()).toEqual([ids["elan-wonen/EW-I1"], ids["elan-wonen/EW-I3"]].sort());
    expect(new Set(rows.map((row) => row.request_id)).size).toBe(1);
    for (const row of rows) expect(row).toMatchObject({ role: "CORPORATION", organisations: ["elan-wonen"], fields: [INTAKE_READ] });
    expect(INTAKE_READ).toBe("intake.arrears");
  });

  it("a batch of 20,000 references is answered in one call, with one SQL statement to read it", async () => {
    const count = 20_000;
    const inserted: { id: string; reference: string }[] = await subgraph.db.query(
      `insert into tenant (corporation_id, reference, name, sector, address_street, address_house_number, address_postcode, address_city, address_municipality_code)
       select 'pre-wonen', 'PW-X' || lpad(g::text, 5, '0'), 'Tenant ' || g, 'SOCIAL', 'Zomervaart', g::text, '2033 AB', 'Haarlem', '0392'
       from generate_series(1, $1::int) g returning id, reference`,
      [count],
    );
    const idOf = new Map(inserted.map((row) => [row.reference, row.id]));
    await insertArrearsAndSteps(subgraph.db, "pre-wonen", [...idOf.values()]);
    const references = Array.from({ length: count }, (_, i) => `PW-X${String(i + 1).padStart(5, "0")}`);

    const reader = { ...identities.preWonen, sub: "pre-intake-batch-test" };
    const { facts, statements } = await intake(reader, "pre-wonen", references);
    expect(facts).toHaveLength(count);
    expect(facts.map((f) => f.reference)).toEqual(references);
    expect(facts.every((f) => f.tenantId === idOf.get(f.reference) && f.arrears?.amountCents === 12_345 && f.collectionSteps.length === 4)).toBe(true);
    // One statement reads them all; the access log writes every person read in one more.
    expect(statements).toBe(2);
    const logged = await subgraph.db.query(`select count(*)::int as count from access_log where subject = $1`, [reader.sub]);
    expect(logged[0].count).toBe(count);
  });

  it("an empty list of references is answered without asking the database", async () => {
    expect(await intake(identities.elanWonen, "elan-wonen", [])).toEqual({ facts: [], statements: 0 });
  });

  it.each([
    ["an SDV worker", identities.sdvHaarlem],
    ["an SWT worker", identities.swtSchalkwijk],
    ["a budget coach", identities.budgetCoach],
    ["an analyst", identities.analyst],
    ["the coordinator", identities.coordinator],
  ])("%s is refused intake facts, and nothing is read", async (_who, identity) => {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, INTAKE, { corporationId: "elan-wonen", references: ["EW-I1"] });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(result.data ?? null).toBeNull();
    expect(subgraph.statements() - before).toBe(0);
  });

  it("should a request ever get past the field rule, the row rule still answers no other role with any tenant's facts", async () => {
    for (const identity of [identities.sdvHaarlem, identities.swtSchalkwijk, identities.budgetCoach, identities.analyst, identities.coordinator]) {
      // Intake facts are never decided with a peer, so no peer can be asked here.
      const policy = new TenantPolicy(identity, {} as never);
      const service = new IntakeFactsService(subgraph.db, policy, new AccessLogCollector(subgraph.db, identity, "row-rule-test", null));
      expect(await service.factsByReferences("elan-wonen", ["EW-I1", "EW-I2", "EW-I3"]), identity.role).toEqual([]);
    }
  });
});
