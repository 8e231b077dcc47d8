import "reflect-metadata";
import { parseArgs } from "node:util";
import { signDevToken } from "../../gateway/src/auth/dev-issuer.js";
import { monthInNetherlands } from "../../subgraphs/shared/src/clock.js";
import { benchEnvironment } from "./setup.js";

/**
 * Throughput of signal intake (submitSignals) through the gateway: one monthly batch of 10,000
 * tenants from one corporation, checked against the corporations subgraph, prioritised with the swt
 * subgraph's facts, stored and forwarded; then the same batch again, all ALREADY_RECEIVED.
 *   npm run bench:intake -- [--tenants 10000]
 * The tenants (with arrears and collection steps; one in 50 lacks a step and is refused) are written
 * straight into the corporations database, and one household in 7 into swt's profiles, for setup only. Uses DATABASE_URL when set (databases
 * bench_intake_* are created and dropped), else an embedded PostgreSQL.
 */
const SUBMIT = `mutation SubmitSignals($input: SubmitSignalsInput!) {
  submitSignals(input: $input) {
    accepted alreadyReceived refused
    items { tenantReference outcome refusals { code } signal { id } }
  }
}`;

/** Postcode areas of Haarlem and Zandvoort the tenants live in, round-robin. */
const AREAS = [
  ["2011", "0392"],
  ["2013", "0392"],
  ["2022", "0392"],
  ["2031", "0392"],
  ["2033", "0392"],
  ["2035", "0392"],
  ["2037", "0392"],
  ["2026", "0392"],
  ["2041", "0473"],
  ["2042", "0473"],
] as const;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function main() {
  const { values } = parseArgs({ options: { tenants: { type: "string", default: "10000" } } });
  const count = Number(values.tenants);
  const environment = await benchEnvironment(`bench_intake_${process.pid}`);
  const issuer = environment.issuer;
  const graph = await environment.startGraph({ seedDemo: false });

  try {
    // Setup only: bulk SQL into the corporations database, not through the graph.
    const setupStarted = performance.now();
    const corporations = graph.subgraphs.corporations.dataSource;
    await corporations.query(
      `INSERT INTO tenant (corporation_id, reference, name, sector, address_street, address_house_number, address_postcode, address_city, address_municipality_code)
       SELECT 'elan-wonen', 'BENCH-' || lpad(n::text, 6, '0'), 'Bench tenant ' || n, 'SOCIAL', 'Benchstraat', n::text,
              (($1::text[])[1 + n % 10]) || ' AB', CASE WHEN n % 10 >= 8 THEN 'Zandvoort' ELSE 'Haarlem' END, ($2::text[])[1 + n % 10]
         FROM generate_series(1, $3::int) AS n`,
      [AREAS.map(([area]) => area), AREAS.map(([, code]) => code), count],
    );
    // Amounts from EUR 10 to EUR 1,000, so that levels II and IV both occur; one in 40 with the bailiff.
    await corporations.query(
      `INSERT INTO arrears (tenant_id, amount_cents, since, phase, bailiff_handover_on)
       SELECT id, 1000 + (hashtext(reference) & 65535) % 99000, current_date - 75,
              CASE WHEN (hashtext(reference) & 255) % 40 = 0 THEN 'BAILIFF' ELSE 'COLLECTION' END, NULL
         FROM tenant WHERE reference LIKE 'BENCH-%'`,
    );
    await corporations.query(
      `INSERT INTO collection_step (corporation_id, tenant_id, reference, kind, taken_on, taken_by)
       SELECT 'elan-wonen', t.id, t.reference || '-' || k.kind, k.kind, current_date - 60, 'incasso-team'
         FROM tenant t CROSS JOIN unnest(ARRAY['PAYMENT_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_REFERRAL', 'DATA_SHARING_NOTICE']) AS k(kind)
        WHERE t.reference LIKE 'BENCH-%'
          AND NOT (k.kind = 'DEBT_HELP_REFERRAL' AND substring(t.reference from 7)::int % 50 = 0)`,
    );
    // One household in 7 is known at the SWT with children under 18: priority III where the arrears are under the threshold.
    const known: { id: string }[] = await corporations.query(`SELECT id FROM tenant WHERE substring(reference from 7)::int % 7 = 0`);
    await graph.subgraphs.swt.dataSource.query(
      `INSERT INTO household_profile (tenant_id, known_since, children_under_18, member_65_plus) SELECT id, current_date - 400, true, false FROM unnest($1::uuid[]) AS id`,
      [known.map((row) => row.id)],
    );
    console.log(
      `setup: ${count} tenants with arrears and collection steps written to the corporations database, ${known.length} household profiles to swt, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    const token = await signDevToken(issuer, { role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    const month = monthInNetherlands();
    const items = Array.from({ length: count }, (_, i) => ({ tenantReference: `BENCH-${String(i + 1).padStart(6, "0")}` }));
    const body = JSON.stringify({ query: SUBMIT, variables: { input: { reportingMonth: month, channel: "VPS", items } } });
    console.log(`node ${process.version}; one batch of ${count} items (${mebibytes(Buffer.byteLength(body))} request) through the gateway`);

    for (const run of ["first submission", "same batch again"]) {
      const started = performance.now();
      const response = await fetch(graph.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      const text = await response.text();
      const seconds = (performance.now() - started) / 1000;
      const json = JSON.parse(text) as {
        data?: { submitSignals: { accepted: number; alreadyReceived: number; refused: number; items: unknown[] } };
        errors?: { message: string }[];
      };
      if (!json.data?.submitSignals) throw new Error(`${run} failed (HTTP ${response.status}): ${JSON.stringify(json.errors)}`);
      const answer = json.data.submitSignals;
      const memory = process.memoryUsage();
      console.log(
        `${run}: ${seconds.toFixed(2)} s wall | ${answer.items.length} items answered: ${answer.accepted} accepted, ${answer.alreadyReceived} already received, ${answer.refused} refused | ` +
          `response ${mebibytes(Buffer.byteLength(text))} | memory rss ${mebibytes(memory.rss)}, heap used ${mebibytes(memory.heapUsed)} (gateway + 3 subgraphs + bench client)`,
      );
    }
    const [stored] = await graph.subgraphs.sdv.dataSource.query(
      `SELECT (SELECT count(*)::int FROM signal) AS signals, (SELECT count(*)::int FROM priority) AS priorities, (SELECT count(*)::int FROM referral) AS referrals`,
    );
    const levels = await graph.subgraphs.sdv.dataSource.query(`SELECT level, count(*)::int AS n FROM priority GROUP BY level ORDER BY level`);
    console.log(
      `stored in sdv: ${stored.signals} signals, ${stored.priorities} priorities, ${stored.referrals} forwardings; levels ${levels.map((l: { level: string; n: number }) => `${l.level}=${l.n}`).join(" ")}`,
    );
    const [cases] = await graph.subgraphs.swt.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "case") AS cases, (SELECT count(*)::int FROM case_signal) AS signals, (SELECT count(*)::int FROM "case" WHERE team_id = 'budget-coach') AS coach`,
    );
    console.log(`opened in swt: ${cases.cases} cases (${cases.coach} of the budget coach) holding ${cases.signals} signals`);
  } finally {
    await graph.close();
    await environment.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
