import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../test/support/subgraph.js";
import { BUDGET_COACH_TEAM, TEAMS } from "../../shared/src/covenant/organisations.js";
import { feedbackDueOn } from "../../shared/src/covenant/working-days.js";
import { buildDemoWorld, DEMO_TODAY, type DemoCase, type DemoWorld } from "../../shared/src/demo/world.js";
import { swtSubgraph } from "./index.js";
import { seedDemo } from "./seed.js";
import { swtWorkerOf } from "./testing.js";

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

  it("a fresh database already holds the covenant's teams and the budget coach, before any seed", async () => {
    const rows = await subgraph.db.query(`select id, name, municipality_code as "municipalityCode", kind from team order by id`);
    expect(rows).toEqual(
      [
        ...TEAMS.map((t) => ({ id: t.id, name: t.name, municipalityCode: t.municipalityCode, kind: "SWT" })),
        { id: BUDGET_COACH_TEAM.id, name: BUDGET_COACH_TEAM.name, municipalityCode: BUDGET_COACH_TEAM.municipalityCode, kind: "BUDGET_COACH" },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it("seeding writes the world's slice, and seeding twice leaves the same counts", async () => {
    const first = await seedDemo(subgraph.db, world);
    expect(first.cases).toBe(world.cases.length);
    const once = await counts();
    expect(world.cases.some((c) => c.teamId === BUDGET_COACH_TEAM.id)).toBe(true);
    expect(once).toMatchObject({
      team: TEAMS.length + 1,
      household_profile: world.householdProfiles.length,
      case: world.cases.length,
      case_signal: world.cases.reduce((n, c) => n + c.signalIds.length, 0),
      contact_attempt: world.cases.reduce((n, c) => n + c.contactAttempts.length, 0),
      case_note: world.cases.reduce((n, c) => n + c.notes.length, 0),
      feedback: world.cases.filter((c) => c.feedback).length,
    });
    const before = subgraph.statements();
    await seedDemo(subgraph.db, world);
    // one transaction of a few multi-row inserts, not one statement per row
    expect(subgraph.statements() - before).toBeLessThan(20);
    expect(await counts()).toEqual(once);
  });

  it("every seeded case names the corporation its feedback goes to and the municipality of its signal", async () => {
    const municipalityOf = new Map(world.signals.map((s) => [s.id, s.municipalityCode]));
    const rows: { id: string; corporationId: string; municipalityCode: string }[] = await subgraph.db.query(
      `select id, corporation_id as "corporationId", municipality_code as "municipalityCode" from "case"`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const kase of world.cases) {
      expect(byId.get(kase.id)).toEqual({ id: kase.id, corporationId: kase.corporationId, municipalityCode: municipalityOf.get(kase.signalIds[0]!) });
    }
  });

  it("every seeded case carries the day its signal was forwarded, the phase, and the due day the covenant's calendar gives", async () => {
    const rows: { id: string; forwardedOn: string; phase: string; dueOn: string; reportedOn: string | null; closedOn: string | null }[] = await subgraph.db.query(
      `select id, forwarded_on as "forwardedOn", feedback_phase as phase, feedback_due_on as "dueOn", closure_reported_on as "reportedOn", closed_on as "closedOn" from "case"`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const kase of world.cases) {
      const signal = world.signals.find((s) => s.id === kase.signalIds[0])!;
      const row = byId.get(kase.id)!;
      expect(row).toMatchObject({ forwardedOn: signal.forwarding.forwardedOn, phase: signal.phase, dueOn: feedbackDueOn(signal.forwarding.forwardedOn, signal.phase) });
      // The demo's closures count as reported: sdv's own seed closes their signals.
      expect(row.reportedOn).toBe(row.closedOn);
    }
  });

  it("the demo holds feedback on time, late feedback and feedback still owed past its due day, with contact attempts and notes", () => {
    const state = (kase: DemoCase) =>
      kase.feedback ? (kase.feedback.givenOn <= kase.feedbackDueOn ? "ON_TIME" : "LATE") : DEMO_TODAY > kase.feedbackDueOn ? "OVERDUE" : "AWAITED";
    const counts = new Map<string, number>();
    for (const kase of world.cases) counts.set(state(kase), (counts.get(state(kase)) ?? 0) + 1);
    for (const key of ["ON_TIME", "LATE", "OVERDUE"]) expect(counts.get(key) ?? 0, key).toBeGreaterThan(5);
    expect(world.cases.filter((c) => c.notes.length > 0).length).toBeGreaterThan(20);
    for (const kase of world.cases) {
      const keys = kase.contactAttempts.map((a) => `${a.on}:${a.partOfDay}:${a.kind}`);
      expect(new Set(keys).size, kase.id).toBe(keys.length);
      expect(kase.contactAttempts.every((a) => a.on >= kase.openedOn && a.on <= DEMO_TODAY)).toBe(true);
      if (kase.feedback) expect(kase.feedback.givenOn >= kase.forwardedOn && kase.feedback.givenOn <= DEMO_TODAY).toBe(true);
    }
    // One household, one case at a time.
    const open = world.cases.filter((c) => c.status !== "CLOSED").map((c) => c.tenantId);
    expect(new Set(open).size).toBe(open.length);
  });

  it("a closed demo case carries a DDAS outcome and an open one does not", async () => {
    const [{ closedWithout }] = await subgraph.db.query(`select count(*)::int as "closedWithout" from "case" where status = 'CLOSED' and outcome is null`);
    const [{ openWith }] = await subgraph.db.query(`select count(*)::int as "openWith" from "case" where status <> 'CLOSED' and outcome is not null`);
    expect(closedWithout).toBe(0);
    expect(openWith).toBe(0);
  });

  it("the reason a case was not taken up stays in swt while the fact shows in the feedback", async () => {
    const feedback: any[] = [];
    for (const identity of [...TEAMS.map((t) => swtWorkerOf(t.id)), identities.budgetCoach]) {
      const result = await subgraph.query(identity, `{ cases(first: 500) { edges { node { feedback { notTakenUpForOtherReason reasonNotTakenUp takenIntoTreatment } } } } }`);
      expect(result.errors).toBeUndefined();
      feedback.push(...result.data!.cases.edges.map((e: any) => e.node.feedback).filter(Boolean));
    }
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

  it("the database refuses a closed case without a closing date, an unknown phase or a due day not after forwarding, an unknown contact kind, a signal in two cases, an unknown team or kind, and a malformed corporation or municipality", async () => {
    const tenant = world.tenants[0]!.id;
    const insertCase = (values: { team?: string; status?: string; corporation?: string; municipality?: string; phase?: string; dueOn?: string }) =>
      subgraph.db.query(
        `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on)
         values ($1, $2, $3, $4, $5, '2026-01-05', '2026-01-05', $6, $7)`,
        [
          values.team ?? "zandvoort",
          tenant,
          values.corporation ?? "elan-wonen",
          values.municipality ?? "0473",
          values.status ?? "OPEN",
          values.phase ?? "ARREARS",
          values.dueOn ?? "2026-01-19",
        ],
      );
    await expect(insertCase({ status: "CLOSED" })).rejects.toThrow(/case_closed_check/);
    await expect(insertCase({ phase: "EVICTION" })).rejects.toThrow(/case_feedback_phase_check/);
    await expect(insertCase({ dueOn: "2026-01-05" })).rejects.toThrow(/case_feedback_due_on_check/);
    const kase = world.cases[1]!;
    await expect(
      subgraph.db.query(`insert into contact_attempt (case_id, kind, reached, attempted_on, part_of_day) values ($1, 'FAX', false, '2026-01-05', 'MORNING')`, [kase.id]),
    ).rejects.toThrow(/contact_attempt_kind_check/);
    const other = world.cases[2]!;
    await expect(
      subgraph.db.query(`insert into case_signal (signal_id, case_id, position, joined_on) values ($1, $2, 9, '2026-01-05')`, [kase.signalIds[0], other.id]),
    ).rejects.toThrow(/case_signal_pkey/);
    await expect(insertCase({ team: "nowhere" })).rejects.toThrow(/case_team_fkey/);
    await expect(insertCase({ corporation: "Elan Wonen" })).rejects.toThrow(/case_corporation_id_check/);
    await expect(insertCase({ municipality: "Haarlem" })).rejects.toThrow(/case_municipality_code_check/);
    await expect(subgraph.db.query(`insert into team (id, name, municipality_code, kind) values ('x', 'X', '0392', 'OTHER')`)).rejects.toThrow(/team_kind_check/);
  });
});
