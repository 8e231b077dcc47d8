import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { openDataSource } from "../../../shared/src/database.js";
import { entities } from "../entities.js";
import { CasesAndErasure1795823966391 } from "./1795823966391-cases-and-erasure.js";
import { migrations } from "./index.js";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { TEAMS } from "../../../shared/src/covenant/organisations.js";
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

  it("the routing table starts as the covenant's teams and postcode areas, the same the code knows, and never points at the budget coach", async () => {
    const rows: { postcode_area: string; team_id: string; updated_by: string }[] = await subgraph.db.query(
      `select postcode_area, team_id, updated_by from routing_area order by postcode_area`,
    );
    const expected = TEAMS.flatMap((team) => team.postcodeAreas.map((area) => ({ postcode_area: area, team_id: team.id, updated_by: "covenant" }))).sort((a, b) =>
      a.postcode_area.localeCompare(b.postcode_area),
    );
    expect(rows).toEqual(expected);
    expect(await refusal(`insert into routing_area (postcode_area, team_id, updated_by) values ('2099', 'budget-coach', 'x')`)).toBe("routing_area_team_check");
    expect(await refusal(`insert into routing_area (postcode_area, team_id, updated_by) values ('0999', 'zandvoort', 'x')`)).toBe(
      "routing_area_postcode_area_check",
    );
  });

  it("a signal keeps only the four digits of a postcode area, never a full postcode", async () => {
    expect(await refusal(`update signal set postcode_area = '2033 AB' where id = $1`, [signalId])).toBe("signal_postcode_area_check");
  });

  it("a priority whose rule names another level, or a half-recorded override, is refused", async () => {
    expect(await refusal(priority("level, rule", "'I', 'II.ABOVE_THRESHOLD'"), [signalId])).toBe("priority_rule_check");
    expect(await refusal(priority("level, rule, override_level", "'II', 'II.ABOVE_THRESHOLD', 'I'"), [signalId])).toBe(
      "priority_override_complete_check",
    );
  });

  it("erasing a signal erases its priority and forwarding and unlinks the signal that repeated it", async () => {
    await subgraph.db.query(priority("level, rule", "'II', 'II.ABOVE_THRESHOLD'"), [signalId]);
    await subgraph.db.query(`insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, 'SWT', 'haarlem-noord', '2026-11-02', now())`, [
      signalId,
    ]);
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
    const [row] = await after.dataSource.query(
      `select s.signal_date, r.team_id from signal s join referral r on r.signal_id = s.id where s.id = $1`,
      [signal.id],
    );
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
      .then(() => undefined, (error: { constraint?: string }) => error.constraint);
    await after.dataSource.destroy();
    expect(row.closed_on).toBe(row.today);
    expect(refused).toBe("signal_closed_on_check");
  });
});
