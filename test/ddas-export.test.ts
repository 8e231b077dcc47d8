import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevTokenClaims } from "../gateway/src/auth/dev-issuer.js";
import { runDdasCli } from "../dev/ddas.js";
import { buildDemoWorld } from "../subgraphs/shared/src/demo/world.js";
import uitwisselmodel from "../subgraphs/sdv/src/ddas/schema/json_schema_Uitwisselmodel-v1.2.json" with { type: "json" };
import { startTestGraph, type TestGraph } from "./support/graph.js";

/*
 * The DDAS-Vroegsignalering v1.2 export end to end: the coordinator asks the gateway, sdv asks swt
 * for the cases and corporations for the addresses, and the document must pass the national
 * standard's JSON Schema, checked here with a validator of the test's own.
 */

const EXPORT = `query DdasExport($municipalityCode: String!, $from: Date!, $to: Date!) {
  ddasExport(municipalityCode: $municipalityCode, from: $from, to: $to)
}`;

// The demo world's signals are dated 2026-05-15 to 2026-10-15.
const FROM = "2026-05-01";
const TO = "2026-10-31";

const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
formats.default(ajv);
const validate = ajv.compile(uitwisselmodel);

type Signal = { ID: string; bedrag: number; ontstaansdatum?: string; signaaldatum: string; status: string; signaalpartner: { type: string }; client: Record<string, string> };
type Zaak = { resultaat?: string; datumOpgepakt: string; vroegsignalen: { ID: string }[]; contactpogingen: unknown[] };
type Document = {
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
  leveringen: { teller: number; gemeentecode: string; aanleverendeOrganisatie: { naam: string }; vroegsignalen: Signal[]; vroegsignaalzaken: Zaak[] }[];
};

describe("the DDAS-Vroegsignalering export through the gateway", () => {
  let graph: TestGraph;
  let coordinator: string;
  const world = buildDemoWorld();
  const tenantOf = new Map(world.tenants.map((tenant) => [tenant.id, tenant]));
  const exports = new Map<string, Document>();

  async function exportOf(municipalityCode: string, from = FROM, to = TO, token = coordinator) {
    return graph.query<{ ddasExport: Document }>(token, EXPORT, { municipalityCode, from, to });
  }

  /** sdv's signals of a municipality dated in the period, as stored (the demo may change under other work). */
  async function signalsInPeriod(municipalityCode: string, from = FROM, to = TO): Promise<{ id: string; tenant_id: string; delivered_amount_cents: number }[]> {
    return graph.subgraphs.sdv.dataSource.query(
      `select id, tenant_id, delivered_amount_cents from signal where municipality_code = $1 and signal_date between $2 and $3 and status <> 'WITHDRAWN'`,
      [municipalityCode, from, to],
    );
  }

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator-ddas" });
    for (const code of ["0392", "0473"]) {
      const result = await exportOf(code);
      expect(result.errors).toBeUndefined();
      exports.set(code, result.data!.ddasExport);
    }
  });
  afterAll(() => graph?.stop());

  for (const [code, name] of [
    ["0392", "Haarlem"],
    ["0473", "Zandvoort"],
  ] as const) {
    it(`exports ${name} as one delivery that passes the DDAS v1.2 schema`, () => {
      const document = exports.get(code)!;
      expect(validate(document), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
      expect(document).toMatchObject({ startdatumLevering: FROM, einddatumLevering: TO, codeGegevensleverancier: "early-warning-graph" });
      expect(document.aanleverdatumEnTijd).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(document.leveringen).toHaveLength(1);
      expect(document.leveringen[0]).toMatchObject({ teller: 1, gemeentecode: code, aanleverendeOrganisatie: { naam: `Gemeente ${name}` } });
      expect(document.leveringen[0]!.vroegsignalen.length).toBeGreaterThan(0);
      expect(document.leveringen[0]!.vroegsignaalzaken.length).toBeGreaterThan(0);
    });

    it(`reports every signal of ${name} in the period, with its amount in whole euros and its tenant's address`, async () => {
      const [delivery] = exports.get(code)!.leveringen;
      const stored = await signalsInPeriod(code);
      const reported = new Map(delivery!.vroegsignalen.map((signal) => [signal.ID, signal]));
      for (const signal of stored) {
        const exported = reported.get(signal.id);
        expect(exported, signal.id).toBeDefined();
        expect(exported!.bedrag).toBe(Math.floor((signal.delivered_amount_cents + 50) / 100));
        expect(exported!.signaalpartner).toEqual({ type: "Huur" });
        const tenant = tenantOf.get(signal.tenant_id)!;
        expect(exported!.client.postcode).toBe(tenant.address.postcode.replace(" ", ""));
        expect(`${exported!.client.huisnummer}${exported!.client.huisnummertoevoeging ?? ""}`.replace("-", "")).toBe(tenant.address.houseNumber.replace("-", ""));
        expect(exported!.client).not.toHaveProperty("burgerservicenummer");
        if (exported!.ontstaansdatum) expect(exported!.ontstaansdatum <= exported!.signaaldatum).toBe(true);
      }
    });

    it(`lets every case of ${name} refer only to signals in the delivery, and gives the signals their status`, () => {
      const [delivery] = exports.get(code)!.leveringen;
      const reported = new Map(delivery!.vroegsignalen.map((signal) => [signal.ID, signal]));
      const inCase = new Map<string, Zaak>();
      for (const zaak of delivery!.vroegsignaalzaken) {
        expect(zaak.vroegsignalen.length).toBeGreaterThan(0);
        for (const { ID } of zaak.vroegsignalen) {
          expect(reported.has(ID), ID).toBe(true);
          expect(inCase.has(ID), `${ID} in two cases`).toBe(false);
          inCase.set(ID, zaak);
        }
      }
      for (const signal of delivery!.vroegsignalen) {
        const zaak = inCase.get(signal.ID);
        if (!zaak) expect(signal.status).toBe("Nog niet opgepakt");
        else if (zaak.resultaat === undefined) expect(signal.status).toBe("Opgepakt");
        else expect([zaak.resultaat, "Opgepakt"]).toContain(signal.status);
      }
      expect(delivery!.vroegsignalen.some((signal) => signal.status === "Opgepakt")).toBe(true);
    });
  }

  it("also reports the signals dated outside the period that a reported case holds, so every reference resolves", async () => {
    const result = await exportOf("0392", "2026-08-01", "2026-08-31");
    expect(result.errors).toBeUndefined();
    const document = result.data!.ddasExport;
    expect(validate(document)).toBe(true);
    const [delivery] = document.leveringen;
    const inPeriod = new Set((await signalsInPeriod("0392", "2026-08-01", "2026-08-31")).map((signal) => signal.id));
    const outside = delivery!.vroegsignalen.filter((signal) => !inPeriod.has(signal.ID));
    expect(outside.length).toBeGreaterThan(0);
    const referenced = new Set(delivery!.vroegsignaalzaken.flatMap((zaak) => zaak.vroegsignalen.map((ref) => ref.ID)));
    for (const signal of outside) {
      expect(signal.signaaldatum < "2026-08-01" || signal.signaaldatum > "2026-08-31").toBe(true);
      expect(referenced.has(signal.ID)).toBe(true);
    }
  });

  it("is the only coordinator answer with postcodes: every role but the SDV and the coordinator is FORBIDDEN, and the coordinator reads no tenant otherwise", async () => {
    const others: DevTokenClaims[] = [
      { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
      { role: "BUDGET_COACH", orgs: ["0392", "0473"] },
      { role: "ANALYST", orgs: ["0392", "0473"] },
      { role: "CORPORATION", orgs: ["elan-wonen"] },
    ];
    for (const claims of others) {
      const result = await exportOf("0392", FROM, TO, await graph.token(claims));
      expect(result.errors?.[0]?.extensions?.code, claims.role).toBe("FORBIDDEN");
      expect(result.data?.ddasExport ?? null).toBeNull();
    }
    const tenants = await graph.query(coordinator, `{ tenants(first: 50) { edges { node { id address { postcode } } } } }`);
    expect(JSON.stringify(tenants.data ?? null)).not.toMatch(/\d{4} ?[A-Z]{2}/);
    expect(tenants.errors?.every((error) => error.extensions?.code === "FORBIDDEN")).toBe(true);
  });

  it("the municipality's SDV makes the same delivery as the coordinator, and its export is access-logged under its own role", async () => {
    // Haarlem's SDV also serves Zandvoort: it may deliver either.
    const sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-ddas" });
    for (const code of ["0392", "0473"]) {
      const result = await exportOf(code, FROM, TO, sdv);
      expect(result.errors).toBeUndefined();
      const { aanleverdatumEnTijd: _at, ...document } = result.data!.ddasExport;
      const { aanleverdatumEnTijd: _coordinatorAt, ...coordinators } = exports.get(code)!;
      expect(validate(result.data!.ddasExport)).toBe(true);
      expect(document).toEqual(coordinators);
    }
    const logged: { n: number }[] = await graph.subgraphs.corporations.dataSource.query(
      `select count(*)::int as n from access_log where role = 'SDV' and subject = 'sdv-ddas' and 'DdasClient.postcode' = ANY(fields)`,
    );
    expect(logged[0]!.n).toBeGreaterThan(0);
    // From the command line too, with the SDV's own token.
    const out: string[] = [];
    const io = { stdout: (text: string) => void out.push(text), stderr: () => undefined };
    expect(await runDdasCli(["--municipality", "0392", "--from", FROM, "--to", TO, "--url", graph.url, "--token", sdv], {}, io)).toBe(0);
    expect((JSON.parse(out.join("")) as Document).leveringen[0]!.gemeentecode).toBe("0392");
  });

  it("neither the SDV nor the coordinator may export a municipality that is not one of their organisations: FORBIDDEN, naming the argument", async () => {
    const callers: DevTokenClaims[] = [
      { role: "SDV", orgs: ["0473"], sub: "sdv-zandvoort" },
      { role: "COORDINATOR", orgs: ["0473"], sub: "coordinator-zandvoort" },
    ];
    for (const claims of callers) {
      const result = await exportOf("0392", FROM, TO, await graph.token(claims));
      expect(result.errors?.[0], claims.sub).toMatchObject({ path: ["ddasExport"], extensions: { code: "FORBIDDEN", argument: "municipalityCode" } });
      expect(result.errors?.[0]?.message).toMatch(/only of your own municipalities.*not of 0392/);
      expect(result.data?.ddasExport ?? null).toBeNull();
    }
    // An SDV token that names no municipality does not get past the gateway's claim check.
    const nowhere = await exportOf("0392", FROM, TO, await graph.token({ role: "SDV", orgs: [], sub: "sdv-nowhere" }));
    expect(nowhere.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(nowhere.data?.ddasExport ?? null).toBeNull();
    // Its own municipality it may.
    const own = await exportOf("0473", "2026-10-01", "2026-10-31", await graph.token({ role: "SDV", orgs: ["0473"], sub: "sdv-zandvoort" }));
    expect(own.errors).toBeUndefined();
    expect(own.data!.ddasExport.leveringen[0]!.gemeentecode).toBe("0473");
  });

  it("keeps the peer operations it is built from out of the public graph", async () => {
    const tenantId = world.signals[0]!.tenantId;
    const clients = await graph.query(coordinator, `query($ids: [ID!]!) { ddasClients(tenantIds: $ids) { postcode } }`, { ids: [tenantId] });
    expect(clients.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(clients.data ?? null).toBeNull();
    const cases = await graph.query(coordinator, `query($ids: [ID!]!) { ddasCases(signalIds: $ids) { id } }`, { ids: [world.signals[0]!.id] });
    expect(cases.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("records in the corporations' access log every tenant whose address the export read, and in sdv's every signalled household", async () => {
    const exported = new Set<string>();
    for (const code of ["0392", "0473"]) {
      const ids = exports.get(code)!.leveringen[0]!.vroegsignalen.map((signal) => signal.ID);
      const rows: { tenant_id: string }[] = await graph.subgraphs.sdv.dataSource.query(`select tenant_id from signal where id = ANY($1::uuid[])`, [ids]);
      for (const row of rows) exported.add(row.tenant_id);
    }
    const logged: { person_id: string; fields: string[]; subject: string; operation_name: string | null }[] = await graph.subgraphs.corporations.dataSource.query(
      `select person_id, fields, subject, operation_name from access_log where role = 'COORDINATOR' and subject = 'coordinator-ddas'`,
    );
    const persons = new Set(logged.map((row) => row.person_id));
    for (const tenantId of exported) expect(persons.has(tenantId), tenantId).toBe(true);
    for (const row of logged) {
      expect(row.fields).toEqual(expect.arrayContaining(["DdasClient.postcode", "DdasClient.houseNumber"]));
      expect(row.operation_name).toBe("DdasExport");
    }
    const sdvLogged: { person_id: string }[] = await graph.subgraphs.sdv.dataSource.query(
      `select distinct person_id from access_log where subject = 'coordinator-ddas' and 'ddasExport.vroegsignaal' = ANY(fields)`,
    );
    expect(new Set(sdvLogged.map((row) => row.person_id))).toEqual(new Set([...exported]));
  });

  it("refuses an unknown municipality, a reversed period and one of more than a year with BAD_USER_INPUT", async () => {
    const unknown = await exportOf("0363");
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(unknown.errors?.[0]?.message).toMatch(/0363.*0392 \(Haarlem\) or 0473 \(Zandvoort\)/);
    const reversed = await exportOf("0392", "2026-10-31", "2026-05-01");
    expect(reversed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(reversed.errors?.[0]?.message).toMatch(/swap them/);
    const long = await exportOf("0392", "2026-01-01", "2027-01-01");
    expect(long.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(long.errors?.[0]?.message).toMatch(/longer than a year/);
  });

  it("the schema refuses a deliberately broken document, so the checks above can fail", () => {
    const broken = JSON.parse(JSON.stringify(exports.get("0392")!)) as Document & Record<string, unknown>;
    broken.leveringen[0]!.vroegsignalen[0]!.status = "Afgesloten";
    delete (broken.leveringen[0]!.vroegsignalen[1]!.client as Record<string, string>).postcode;
    broken.aanleverdatumEnTijd = "yesterday";
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    expect(paths).toEqual(expect.arrayContaining(["/aanleverdatumEnTijd", "/leveringen/0/vroegsignalen/0/status", "/leveringen/0/vroegsignalen/1/client"]));
  });

  it("npm run ddas prints the document on standard output, and errors on standard error with exit code 1", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text) };
    const code = await runDdasCli(["--municipality", "0473", "--from", FROM, "--to", TO, "--url", graph.url, "--token", coordinator], {}, io);
    expect(err.join("")).toBe("");
    expect(code).toBe(0);
    const printed = JSON.parse(out.join("")) as Document;
    expect(validate(printed)).toBe(true);
    expect(printed.leveringen[0]!.vroegsignalen.map((s) => s.ID)).toEqual(exports.get("0473")!.leveringen[0]!.vroegsignalen.map((s) => s.ID));

    out.length = 0;
    const reversed = await runDdasCli(["--municipality", "0473", "--from", TO, "--to", FROM, "--url", graph.url, "--token", coordinator], {}, io);
    expect(reversed).toBe(1);
    expect(out).toEqual([]);
    expect(err.join("")).toMatch(/BAD_USER_INPUT: from \(2026-10-31\) lies after to/);

    err.length = 0;
    expect(await runDdasCli(["--municipality", "0473", "--from", "2026-13-01", "--to", TO, "--url", graph.url], {}, io)).toBe(1);
    expect(err.join("")).toMatch(/--from must be a calendar date/);
  });

  it("refuses with DDAS_EXPORT_INVALID, instead of answering a document, when a signal's tenant cannot be placed", async () => {
    const [signal] = await signalsInPeriod("0473");
    const ghost = "99999999-9999-4999-8999-999999999999";
    await graph.subgraphs.sdv.dataSource.query(`update signal set tenant_id = $2 where id = $1`, [signal!.id, ghost]);
    try {
      const result = await exportOf("0473");
      expect(result.data?.ddasExport ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe("DDAS_EXPORT_INVALID");
      expect(result.errors?.[0]?.message).toMatch(/no address for the tenants of 1 signal/);
    } finally {
      await graph.subgraphs.sdv.dataSource.query(`update signal set tenant_id = $2 where id = $1`, [signal!.id, signal!.tenant_id]);
    }
  });
});
