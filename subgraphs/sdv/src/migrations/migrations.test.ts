import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { openDataSource } from "../../../shared/src/database.js";
import { entities } from "../entities.js";
import { CasesAndErasure1795823966391 } from "./1795823966391-cases-and-erasure.js";
import { RoutingByMunicipality1795829000000 } from "./1795829000000-routing-by-municipality.js";
import { AccessLogReadAtDefault1796200000001 } from "./1796200000001-access-log-read-at-default.js";
import { migrations } from "./index.js";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { TEAMS } from "../../../shared/src/covenant/organisations.js";
import { POSTCODE_AREAS } from "../../../shared/src/covenant/postcode-areas.js";
import { DEFAULT_THRESHOLD } from "../threshold/threshold.defaults.js";
import { sdvSubgraph } from "../index.js";

/** The rules the database itself keeps, whatever code writes to it. */
describe("the sdv database", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const tenantId = "2b3c4d5e-0000-4000-8000-000000000001";
  let signalId: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const [row] = await subgraph.db.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase)
       values ($1, 'elan-wonen', '0392', '2026-10', '2026-10-30', 'VPS', now(), 12000, 'ARREARS') returning id`,
      [tenantId],
    );
    signalId = row.id;
  });
  afterAll(() => subgraph?.stop());

  async function refusal(sql: string, params: unknown[] = []): Promise<string | undefined> {
    try {
      await subgraph.db.query(sql, params);
      return undefined;
    } catch (error) {
      return (error as { constraint?: string }).constraint;
    }
  }

  const priority = (fields: string, values: string) =>
    `insert into priority (signal_id, threshold_id, reason, inputs, computed_at, ${fields}) values ($1, '${DEFAULT_THRESHOLD.id}', 'r', '{}', now(), ${values})`;

  it("the initial migration writes the covenant's default threshold, the same one the code knows", async () => {
    const rows = await subgraph.db.query(`select id, amount_cents, valid_from, set_by, reason from threshold`);
    expect(rows).toEqual([
      {
        id: DEFAULT_THRESHOLD.id,
        amount_cents: DEFAULT_THRESHOLD.amountCents,
        valid_from: DEFAULT_THRESHOLD.validFrom,
        set_by: DEFAULT_THRESHOLD.setBy,
        reason: DEFAULT_THRESHOLD.reason,
      },
    ]);
  });

  it("a second signal of the same tenant, corporation and month is refused", async () => {
    expect(
      await refusal(
        `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase)
         values ($1, 'elan-wonen', '0392', '2026-10', '2026-10-31', 'VPS', now(), 9000, 'ARREARS')`,
        [tenantId],
      ),
    ).toBe("signal_corporation_tenant_month_key");
  });

  it("a signal with an unknown channel, phase or month, or without arrears, is refused", async () => {
    const insert = (channel: string, phase: string, month: string, cents: number) =>
      refusal(
        `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase)
         values (gen_random_uuid(), 'ymere', '0392', $1, '2026-10-30', $2, now(), $3, $4)`,
        [month, channel, cents, phase],
      );
    expect(await insert("FAX", "ARREARS", "2026-10", 100)).toBe("signal_channel_check");
    expect(await insert("VPS", "EVICTION", "2026-10", 100)).toBe("signal_delivered_phase_check");
    expect(await insert("VPS", "ARREARS", "2026-13", 100)).toBe("signal_reporting_month_check");
    expect(await insert("VPS", "ARREARS", "2026-10", 0)).toBe("signal_delivered_amount_check");
  });

  it("a forwarding to the SWT names an SWT team, and one to the budget coach names the budget coach's team", async () => {
    const referral = `insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, $2, $3, '2026-11-02', now())`;
    expect(await refusal(referral, [signalId, "SWT", "budget-coach"])).toBe("referral_team_check");
    expect(await refusal(referral, [signalId, "BUDGET_COACH", "zandvoort"])).toBe("referral_team_check");
  });

  it("the routing table starts as every postcode area of Haarlem and Zandvoort, by municipality, the same the code knows, and never points at the budget coach", async () => {
    const rows: { municipality_code: string; postcode_area: string; team_id: string; updated_by: string }[] = await subgraph.db.query(
      `select municipality_code, postcode_area, team_id, updated_by from routing_area order by municipality_code, postcode_area`,
    );
    const expected = POSTCODE_AREAS.map((a) => ({ municipality_code: a.municipalityCode, postcode_area: a.postcodeArea, team_id: a.teamId, updated_by: "covenant" })).sort(
      (a, b) => a.municipality_code.localeCompare(b.municipality_code) || a.postcode_area.localeCompare(b.postcode_area),
    );
    expect(rows).toEqual(expected);
    // Every team of the covenant keeps the areas it had, in its own municipality.
    for (const team of TEAMS) {
      for (const area of team.postcodeAreas)
        expect(rows, `${team.id} ${area}`).toContainEqual(expect.objectContaining({ municipality_code: team.municipalityCode, postcode_area: area, team_id: team.id }));
    }
    // Bentveld (2116) is Zandvoort's only as far as its addresses carry Zandvoort's code.
    expect(rows.filter((r) => r.postcode_area === "2116")).toEqual([expect.objectContaining({ municipality_code: "0473", team_id: "zandvoort" })]);
    const history: { n: number }[] = await subgraph.db.query(`select count(*)::int as n from routing_area_change where changed_by = 'covenant' and from_team_id is null`);
    expect(history[0]!.n).toBe(rows.length);
    expect(await refusal(`insert into routing_area (municipality_code, postcode_area, team_id, updated_by) values ('0392', '2099', 'budget-coach', 'x')`)).toBe(
      "routing_area_team_check",
    );
    expect(await refusal(`insert into routing_area (municipality_code, postcode_area, team_id, updated_by) values ('0473', '0999', 'zandvoort', 'x')`)).toBe(
      "routing_area_postcode_area_check",
    );
    expect(await refusal(`insert into routing_area (municipality_code, postcode_area, team_id, updated_by) values ('392', '2099', 'zandvoort', 'x')`)).toBe(
      "routing_area_municipality_code_check",
    );
  });

  it("a signal keeps only the four digits of a postcode area, never a full postcode", async () => {
    expect(await refusal(`update signal set postcode_area = '2033 AB' where id = $1`, [signalId])).toBe("signal_postcode_area_check");
  });

  it("a priority whose rule names another level, or a half-recorded override, is refused", async () => {
    expect(await refusal(priority("level, rule", "'I', 'II.ABOVE_THRESHOLD'"), [signalId])).toBe("priority_rule_check");
    expect(await refusal(priority("level, rule, override_level", "'II', 'II.ABOVE_THRESHOLD', 'I'"), [signalId])).toBe("priority_override_complete_check");
  });

  it("erasing a signal erases its priority and forwarding and unlinks the signal that repeated it", async () => {
    await subgraph.db.query(priority("level, rule", "'II', 'II.ABOVE_THRESHOLD'"), [signalId]);
    await subgraph.db.query(`insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, 'SWT', 'haarlem-noord', '2026-11-02', now())`, [signalId]);
    const [later] = await subgraph.db.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase, previous_signal_id)
       values ($1, 'elan-wonen', '0392', '2026-11', '2026-11-27', 'VPS', now(), 15000, 'COLLECTION', $2) returning id`,
      [tenantId, signalId],
    );
    await subgraph.db.query(`delete from signal where id = $1`, [signalId]);
    const [left] = await subgraph.db.query(
      `select (select count(*) from priority where signal_id = $1) as priorities, (select count(*) from referral where signal_id = $1) as referrals,
              (select previous_signal_id from signal where id = $2) as previous`,
      [signalId, later.id],
    );
    expect(left).toEqual({ priorities: 0, referrals: 0, previous: null });
  });
});

describe("the migration that brings intake and routing", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("gives signals recorded before it the Dutch day they were received as signal date, and names the budget coach by its team", async () => {
    const before = await openDataSource({ url: databases.urls.sdv, entities, migrations: migrations.slice(0, 2) });
    const [signal] = await before.dataSource.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, channel, received_at, delivered_amount_cents, delivered_phase)
       values (gen_random_uuid(), 'elan-wonen', '0392', '2026-10', 'VPS', '2026-10-31T23:30:00Z', 4000, 'ARREARS') returning id`,
    );
    await before.dataSource.query(`insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, 'BUDGET_COACH', null, '2026-11-02', now())`, [
      signal.id,
    ]);
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.sdv, entities, migrations });
    const [row] = await after.dataSource.query(`select s.signal_date, r.team_id from signal s join referral r on r.signal_id = s.id where s.id = $1`, [signal.id]);
    await after.dataSource.destroy();
    // 23:30 UTC on 31 October is 00:30 on 1 November in Amsterdam.
    expect(row).toEqual({ signal_date: "2026-11-01", team_id: "budget-coach" });
  });
});

describe("the migration that brings cases, closures, refusals and the erasure log", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("gives signals closed before it the day of the migration as closing day, so their retention period starts no earlier, and a closing day only to closed signals", async () => {
    const before = await openDataSource({ url: databases.urls.sdv, entities, migrations: migrations.slice(0, migrations.indexOf(CasesAndErasure1795823966391)) });
    const [closed] = await before.dataSource.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase, status)
       values (gen_random_uuid(), 'elan-wonen', '0392', '2026-01', '2026-01-30', 'VPS', '2026-01-30T10:00:00Z', 4000, 'ARREARS', 'CLOSED') returning id`,
    );
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.sdv, entities, migrations });
    const [row] = await after.dataSource.query(`select closed_on, (now() at time zone 'Europe/Amsterdam')::date as today from signal where id = $1`, [closed.id]);
    const refused = await after.dataSource
      .query(
        `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase, status, closed_on)
         values (gen_random_uuid(), 'elan-wonen', '0392', '2026-02', '2026-02-27', 'VPS', now(), 4000, 'ARREARS', 'FORWARDED', '2026-03-01')`,
      )
      .then(
        () => undefined,
        (error: { constraint?: string }) => error.constraint,
      );
    await after.dataSource.destroy();
    expect(row.closed_on).toBe(row.today);
    expect(refused).toBe("signal_closed_on_check");
  });
});

describe("the migration that keys routing by municipality and records forwardings", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("keeps every routing row as an SDV left it, under the municipality of its team, adds the areas missing, and makes each forwarding the first of its history", async () => {
    const before = await openDataSource({ url: databases.urls.sdv, entities, migrations: migrations.slice(0, migrations.indexOf(RoutingByMunicipality1795829000000)) });
    // An SDV moved 2011 to Oost and added 2019 for Centrum and 2099 for Zandvoort before the migration.
    await before.dataSource.query(`update routing_area set team_id = 'haarlem-oost', updated_by = 'sdv-worker' where postcode_area = '2011'`);
    await before.dataSource.query(
      `insert into routing_area (postcode_area, team_id, updated_by) values ('2019', 'haarlem-centrum', 'sdv-worker'), ('2099', 'zandvoort', 'sdv-worker')`,
    );
    const [signal] = await before.dataSource.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, postcode_area, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase, status)
       values (gen_random_uuid(), 'elan-wonen', '0392', '2011', '2026-01', '2026-01-30', 'VPS', '2026-01-30T10:00:00Z', 40000, 'ARREARS', 'FORWARDED') returning id`,
    );
    await before.dataSource.query(
      `insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, 'SWT', 'haarlem-oost', '2026-02-02', '2026-01-30T10:00:00Z')`,
      [signal.id],
    );
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.sdv, entities, migrations });
    const rows: { municipality_code: string; postcode_area: string; team_id: string; updated_by: string }[] = await after.dataSource.query(
      `select municipality_code, postcode_area, team_id, updated_by from routing_area where postcode_area in ('2011', '2012', '2019', '2099', '2116') order by postcode_area`,
    );
    const records = await after.dataSource.query(`select kind, from_team_id, to_team_id, to_target, forwarded_on::text from forwarding_record where signal_id = $1`, [signal.id]);
    const [referral] = await after.dataSource.query(`select case_move from referral where signal_id = $1`, [signal.id]);
    await after.dataSource.destroy();
    expect(rows).toEqual([
      { municipality_code: "0392", postcode_area: "2011", team_id: "haarlem-oost", updated_by: "sdv-worker" },
      { municipality_code: "0392", postcode_area: "2012", team_id: "haarlem-centrum", updated_by: "covenant" },
      { municipality_code: "0392", postcode_area: "2019", team_id: "haarlem-centrum", updated_by: "sdv-worker" },
      { municipality_code: "0473", postcode_area: "2099", team_id: "zandvoort", updated_by: "sdv-worker" },
      { municipality_code: "0473", postcode_area: "2116", team_id: "zandvoort", updated_by: "covenant" },
    ]);
    expect(records).toEqual([{ kind: "RECEIPT", from_team_id: null, to_team_id: "haarlem-oost", to_target: "SWT", forwarded_on: "2026-02-02" }]);
    expect(referral.case_move).toBe(false);
  });
});

describe("the migration that keeps the access log's read_at to the millisecond by default instead of by trigger", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());
  const insert = (readAt: string) =>
    `insert into access_log (read_at, subject, role, organisations, person_id, fields, request_id)
     values (${readAt}, 's', 'SDV', '{}', gen_random_uuid(), '{}', 'r') returning read_at = date_trunc('milliseconds', read_at) as truncated`;

  it("keeps the rows written before it, truncates new ones by default, refuses microseconds, and brings the trigger back when undone", async () => {
    const before = await openDataSource({ url: databases.urls.sdv, entities, migrations: migrations.slice(0, migrations.indexOf(AccessLogReadAtDefault1796200000001)) });
    expect(await before.dataSource.query(insert("'2026-11-02T10:00:00.123456Z'"))).toEqual([{ truncated: true }]);
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.sdv, entities, migrations });
    expect(await after.dataSource.query(`select count(*)::int as rows from access_log`)).toEqual([{ rows: 1 }]);
    expect(await after.dataSource.query(insert("DEFAULT"))).toEqual([{ truncated: true }]);
    const refused = await after.dataSource.query(insert("'2026-11-02T10:00:00.123456Z'")).then(
      () => undefined,
      (error: { constraint?: string }) => error.constraint,
    );
    expect(refused).toBe("access_log_read_at_milliseconds");

    await after.dataSource.undoLastMigration({ transaction: "each" });
    expect(await after.dataSource.query(insert("'2026-11-02T10:00:00.123456Z'"))).toEqual([{ truncated: true }]);
    await after.dataSource.destroy();
  });
});
