import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../test/support/subgraph.js";
import { TEAMS } from "../../shared/src/covenant/organisations.js";
import { buildDemoWorld, type DemoWorld } from "../../shared/src/demo/world.js";
import { swtSubgraph } from "./index.js";
import { seedDemo } from "./seed.js";

const TABLES = ["team", "household_profile", "case", "case_signal", "contact_attempt", "case_note", "feedback"];

describe("the swt demo seed and the database rules", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    world = buildDemoWorld();
  });
  afterAll(() => subgraph?.stop());

  async function counts() {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [{ count }] = await subgraph.db.query(`select count(*)::int as count from "${table}"`);
      result[table] = count;
    }
    return result;
  }

  it("a fresh database already holds the covenant's teams, before any seed", async () => {
    const rows = await subgraph.db.query(`select id, name, municipality_code as "municipalityCode" from team order by id`);
    expect(rows).toEqual(TEAMS.map((t) => ({ id: t.id, name: t.name, municipalityCode: t.municipalityCode })).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it("seeding writes the world's slice, and seeding twice leaves the same counts", async () => {
    const first = await seedDemo(subgraph.db, world);
    expect(first.cases).toBe(world.cases.length);
    const once = await counts();
    expect(once).toMatchObject({
      team: TEAMS.length,
      household_profile: world.householdProfiles.length,
      case: world.cases.length,
      case_signal: world.cases.reduce((n, c) => n + c.signalIds.length, 0),
      contact_attempt: world.cases.reduce((n, c) => n + c.contactAttempts.length, 0),
      feedback: world.cases.filter((c) => c.feedback).length,
    });
    const before = subgraph.statements();
    await seedDemo(subgraph.db, world);
    // one transaction of a few multi-row inserts, not one statement per row
    expect(subgraph.statements() - before).toBeLessThan(20);
    expect(await counts()).toEqual(once);
  });

  it("a closed demo case carries a DDAS outcome and an open one does not", async () => {
    const [{ closedWithout }] = await subgraph.db.query(`select count(*)::int as "closedWithout" from "case" where status = 'CLOSED' and outcome is null`);
    const [{ openWith }] = await subgraph.db.query(`select count(*)::int as "openWith" from "case" where status <> 'CLOSED' and outcome is not null`);
    expect(closedWithout).toBe(0);
    expect(openWith).toBe(0);
  });

  it("the reason a case was not taken up stays in swt while the fact shows in the feedback", async () => {
    const result = await subgraph.query(identities.coordinator, `{ cases(first: 500) { edges { node { feedback { notTakenUpForOtherReason reasonNotTakenUp takenIntoTreatment } } } } }`);
    const feedback = result.data!.cases.edges.map((e: any) => e.node.feedback).filter(Boolean);
    const notTakenUp = feedback.filter((f: any) => f.notTakenUpForOtherReason);
    expect(notTakenUp.length).toBeGreaterThan(0);
    expect(notTakenUp.every((f: any) => !f.takenIntoTreatment && f.reasonNotTakenUp)).toBe(true);
  });

  it("removing a case removes its signals, contact attempts, notes and feedback with it", async () => {
    const kase = world.cases.find((c) => c.feedback && c.contactAttempts.length > 0)!;
    await subgraph.db.query(`insert into case_note (case_id, text, author) values ($1, 'Gebeld, geen gehoor.', 'swt-worker')`, [kase.id]);
    await subgraph.db.query(`delete from "case" where id = $1`, [kase.id]);
    for (const table of ["case_signal", "contact_attempt", "case_note", "feedback"]) {
      const [{ count }] = await subgraph.db.query(`select count(*)::int as count from "${table}" where case_id = $1`, [kase.id]);
      expect(count, table).toBe(0);
    }
  });

  it("the database refuses a closed case without a closing date, an unknown contact kind and a signal in two cases", async () => {
    const tenant = world.tenants[0]!.id;
    await expect(
      subgraph.db.query(`insert into "case" (team_id, tenant_id, status, opened_on) values ('zandvoort', $1, 'CLOSED', '2026-01-05')`, [tenant]),
    ).rejects.toThrow(/case_closed_check/);
    const kase = world.cases[1]!;
    await expect(
      subgraph.db.query(`insert into contact_attempt (case_id, kind, reached, attempted_on, part_of_day) values ($1, 'FAX', false, '2026-01-05', 'MORNING')`, [kase.id]),
    ).rejects.toThrow(/contact_attempt_kind_check/);
    const other = world.cases[2]!;
    await expect(
      subgraph.db.query(`insert into case_signal (signal_id, case_id, position, joined_on) values ($1, $2, 9, '2026-01-05')`, [kase.signalIds[0], other.id]),
    ).rejects.toThrow(/case_signal_pkey/);
    await expect(
      subgraph.db.query(`insert into "case" (team_id, tenant_id, status, opened_on) values ('nowhere', $1, 'OPEN', '2026-01-05')`, [tenant]),
    ).rejects.toThrow(/case_team_fkey/);
  });
});
