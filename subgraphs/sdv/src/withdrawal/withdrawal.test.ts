import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { daysAgo, startSdvWithPeers, tenantFacts, type SdvWithPeers } from "../intake/intake.fixture.js";
import type { IntakeFacts } from "../intake/intake.rules.js";

const SUBMIT = `mutation($input: SubmitSignalsInput!) { submitSignals(input: $input) { items { outcome signal { id } } } }`;
const OVERRIDE = `mutation($signalId: ID!) { overridePriority(signalId: $signalId, level: I, reason: "Eviction date set.") { signal { id } } }`;
const READ = `query($id: ID!) { signal(id: $id) { id deliveredAmountCents } }`;
const WITHDRAW = `mutation($tenantIds: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $tenantIds) }`;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const ref = (label: string) => `EW-${label}-${randomUUID().slice(0, 8)}`;

/** withdrawSignalsOfTenants: erasure in sdv after a tenant's objection (Art. 3.4), asked by the corporation. */
describe("withdrawal after an objection: the corporation's signals of the tenant are erased", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());

  async function submit(identity: Identity, facts: IntakeFacts, reportingMonth: string): Promise<string | null> {
    sdv.register(facts);
    const result = await sdv.query(identity, SUBMIT, { input: { reportingMonth, channel: "VPS", items: [{ tenantReference: facts.reference }] } });
    expect(result.errors).toBeUndefined();
    return result.data!.submitSignals.items[0].signal?.id ?? null;
  }
  async function withdraw(identity: Identity, tenantIds: string[]) {
    return sdv.query(identity, WITHDRAW, { tenantIds });
  }
  const erasureLog = async (): Promise<{ reason: string; actor_role: string; actor_organisations: string[]; counts: Record<string, number>; request_id: string; text: string }[]> =>
    sdv.db.query(`select reason, actor_role, actor_organisations, counts, request_id, e::text as text from erasure_log e order by at`);

  /** The tables of the sdv database in which any of `needles` occurs, with how often; every table is searched. */
  async function tablesHolding(needles: string[]): Promise<Record<string, number>> {
    const tables: { name: string }[] = await sdv.db.query(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'migrations'`,
    );
    const found: Record<string, number> = {};
    for (const { name } of tables) {
      const [{ n }] = await sdv.db.query(`select count(*)::int as n from "${name}" t where t::text ~ $1`, [needles.join("|")]);
      if (n > 0) found[name] = n;
    }
    return found;
  }

  it("erases every row about the tenant in every table except the append-only access log; the tally and the log keep only counts", async () => {
    const tenant = tenantFacts({ reference: ref("objector"), arrears: { amountCents: 30_000, since: daysAgo(10), phase: "ARREARS", bailiffHandoverOn: null } });
    // Steps of these arrears, so that the first submission is refused for the arrears alone.
    tenant.collectionSteps = tenant.collectionSteps.map((step) => ({ ...step, takenOn: daysAgo(5) }));
    // Refused first (arrears too recent), then signalled in two months, one of them overridden and read by the SDV.
    expect(await submit(identities.elanWonen, tenant, "2026-08")).toBeNull();
    tenant.arrears = { amountCents: 30_000, since: daysAgo(90), phase: "ARREARS", bailiffHandoverOn: null };
    const september = (await submit(identities.elanWonen, tenant, "2026-09"))!;
    const october = (await submit(identities.elanWonen, tenant, "2026-10"))!;
    expect((await sdv.query(identities.sdvHaarlem, OVERRIDE, { signalId: october })).errors).toBeUndefined();
    expect((await sdv.query(identities.sdvHaarlem, READ, { id: october })).errors).toBeUndefined();
    const bystander = tenantFacts({ reference: ref("bystander") });
    const bystanderSignal = (await submit(identities.elanWonen, bystander, "2026-10"))!;

    const needles = [tenant.tenantId, september, october, sha256(`elan-wonen\n${tenant.reference}`)];
    expect(Object.keys(await tablesHolding(needles)).sort()).toEqual(["access_log", "forwarding_record", "intake_refusal", "priority", "priority_revision", "referral", "signal"]);
    const logged = (await erasureLog()).length;

    const result = await withdraw(identities.elanWonen, [tenant.tenantId]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.withdrawSignalsOfTenants).toBe(2);

    // Only the access log still names the person: who read their data stays accountable.
    expect(await tablesHolding(needles)).toEqual({ access_log: 1 });
    const [{ n }] = await sdv.db.query(`select count(*)::int as n from signal where id = $1`, [bystanderSignal]);
    expect(n).toBe(1);

    const entries = (await erasureLog()).slice(logged);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      reason: "OBJECTION",
      actor_role: "CORPORATION",
      actor_organisations: ["elan-wonen"],
      counts: { signal: 2, priority: 2, priority_revision: 1, referral: 2, intake_refusal: 1 },
      request_id: expect.any(String),
    });
    for (const needle of needles) expect(entries[0]!.text).not.toContain(needle);

    const tally: { month: string; metric: string; count: number }[] = await sdv.db.query(
      `select month, metric, count from signal_tally where corporation_id = 'elan-wonen' and municipality_code = '0392' and month in ('2026-08', '2026-09', '2026-10') order by month, metric`,
    );
    expect(tally).toEqual(
      expect.arrayContaining([
        { month: "2026-08", metric: "REFUSED:ARREARS_TOO_RECENT", count: 1 },
        { month: "2026-09", metric: "RECEIVED", count: 1 },
        { month: "2026-09", metric: "WITHDRAWN", count: 1 },
        { month: "2026-10", metric: "PRIORITY_I", count: 1 },
        { month: "2026-10", metric: "WITHDRAWN", count: 1 },
      ]),
    );
  });

  it("a second call erases nothing and logs nothing", async () => {
    const tenant = tenantFacts({ reference: ref("twice") });
    await submit(identities.elanWonen, tenant, "2026-09");
    expect((await withdraw(identities.elanWonen, [tenant.tenantId])).data!.withdrawSignalsOfTenants).toBe(1);
    const logged = (await erasureLog()).length;
    const tally = await sdv.db.query(`select * from signal_tally order by month, municipality_code, corporation_id, metric`);
    expect((await withdraw(identities.elanWonen, [tenant.tenantId])).data!.withdrawSignalsOfTenants).toBe(0);
    expect((await erasureLog()).length).toBe(logged);
    expect(await sdv.db.query(`select * from signal_tally order by month, municipality_code, corporation_id, metric`)).toEqual(tally);
  });

  it("a corporation erases only the signals it submitted: another corporation's signal of the same tenant stays, and loses its link to the erased one", async () => {
    const tenantId = randomUUID();
    const elanSignal = (await submit(identities.elanWonen, tenantFacts({ reference: ref("shared-elan"), tenantId }), "2026-09"))!;
    const ymereSignal = (await submit(identities.ymere, tenantFacts({ reference: ref("shared-ymere"), tenantId, corporationId: "ymere" }), "2026-10"))!;
    const previous = async () => (await sdv.db.query(`select previous_signal_id from signal where id = $1`, [ymereSignal]))[0]?.previous_signal_id;
    expect(await previous()).toBe(elanSignal);

    const elanOnly = tenantFacts({ reference: ref("elan-only") });
    const elanOnlySignal = (await submit(identities.elanWonen, elanOnly, "2026-09"))!;
    expect((await withdraw(identities.ymere, [elanOnly.tenantId])).data!.withdrawSignalsOfTenants).toBe(0);
    expect((await sdv.db.query(`select count(*)::int as n from signal where id = $1`, [elanOnlySignal]))[0].n).toBe(1);

    expect((await withdraw(identities.elanWonen, [tenantId])).data!.withdrawSignalsOfTenants).toBe(1);
    const left: { id: string }[] = await sdv.db.query(`select id from signal where tenant_id = $1`, [tenantId]);
    expect(left).toEqual([{ id: ymereSignal }]);
    expect(await previous()).toBeNull();
  });

  it("only a corporation can withdraw; ids that are no tenant ids are ignored", async () => {
    const tenant = tenantFacts({ reference: ref("roles") });
    await submit(identities.elanWonen, tenant, "2026-09");
    for (const identity of [identities.sdvHaarlem, identities.swtSchalkwijk, identities.budgetCoach, identities.analyst, identities.coordinator]) {
      const result = await withdraw(identity, [tenant.tenantId]);
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
    expect((await withdraw(identities.elanWonen, ["EW-100007", randomUUID()])).data!.withdrawSignalsOfTenants).toBe(0);
    expect((await sdv.db.query(`select count(*)::int as n from signal where tenant_id = $1`, [tenant.tenantId]))[0].n).toBe(1);
  });

  it("is hidden from the public graph: the subgraph's schema marks it @inaccessible", async () => {
    const sdl = (await sdv.query(identities.sdvHaarlem, `{ _service { sdl } }`)).data!._service.sdl as string;
    expect(sdl.split("\n").find((l) => l.includes("withdrawSignalsOfTenants("))).toContain("@inaccessible");
  });
});
