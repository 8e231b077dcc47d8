import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { swtSubgraph } from "../index.js";
import { zandvoortSdv } from "../testing.js";
import { addCasesToTally } from "./case-tally.js";

const MONTHS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on MonitoringMonth {
      month municipalityCode corporationId
      casesOpened { count suppressed }
      contactMade { count suppressed }
      takenIntoTreatment { count suppressed }
      feedbackGiven { count suppressed }
      feedbackOnTime { count suppressed }
      feedbackLate { count suppressed }
    }
  }
}`;

const key = (month: string, municipalityCode: string, corporationId: string) => ({ month, municipalityCode, corporationId });
const ref = (month: string, municipalityCode: string, corporationId: string) => ({ __typename: "MonitoringMonth", ...key(month, municipalityCode, corporationId) });
/** A true count as published: 0 as 0, 5 and more rounded up to a multiple of 5. */
const shown = (count: number) => ({ count: Math.ceil(count / 5) * 5, suppressed: false });
const SUPPRESSED = { count: null, suppressed: true };
const NONE = { casesOpened: null, contactMade: null, takenIntoTreatment: null, feedbackGiven: null, feedbackOnTime: null, feedbackLate: null };

interface CaseSeed {
  openedOn: string;
  municipalityCode?: string;
  corporationId?: string;
  teamId?: string;
  /** Feedback given this many days after the case opened; its term ends 14 days after. */
  feedbackAfterDays?: number;
  contactMade?: boolean;
  takenIntoTreatment?: boolean;
}

/**
 * swt's part of the covenant's monitoring, reached from the sdv subgraph's monitoring months. The
 * data: Elan Wonen's households in Haarlem had 7 cases opened in 2026-03 (feedback on 6, all on time;
 * contact made with 5, 2 taken into treatment) and 3 in 2026-04 (no feedback yet); Pré Wonen's in
 * Zandvoort 5 in 2026-03 (all with late feedback, contact made, none taken into treatment).
 */
describe("monitoring months in the swt subgraph (cases and feedback)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;

  async function openCase(seed: CaseSeed): Promise<string> {
    const [kase] = await subgraph.db.query(
      `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on)
       values ($1, $2, $3, $4, 'OPEN', $5, $5, 'ARREARS', $5::date + 14) returning id`,
      [seed.teamId ?? "haarlem-schalkwijk", randomUUID(), seed.corporationId ?? "elan-wonen", seed.municipalityCode ?? "0392", seed.openedOn],
    );
    if (seed.feedbackAfterDays !== undefined) {
      await subgraph.db.query(
        `insert into feedback (case_id, given_on, contact_made, taken_into_treatment, collection_can_be_suspended) values ($1, $2::date + $3::integer, $4, $5, false)`,
        [kase.id, seed.openedOn, seed.feedbackAfterDays, seed.contactMade ?? false, seed.takenIntoTreatment ?? false],
      );
    }
    return kase.id;
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    for (let i = 0; i < 7; i++) {
      await openCase({ openedOn: `2026-03-0${i + 1}`, feedbackAfterDays: i < 6 ? 14 - i : undefined, contactMade: i < 5, takenIntoTreatment: i < 2 });
    }
    for (let i = 0; i < 3; i++) await openCase({ openedOn: "2026-04-30" });
    for (let i = 0; i < 5; i++) {
      await openCase({ openedOn: "2026-03-31", municipalityCode: "0473", corporationId: "pre-wonen", teamId: "zandvoort", feedbackAfterDays: 15, contactMade: true });
    }
  });
  afterAll(() => subgraph?.stop());

  async function months(identity: Identity, representations: ReturnType<typeof ref>[]) {
    const before = subgraph.statements();
    const result = await subgraph.query(identity, MONTHS, { representations });
    expect(result.errors).toBeUndefined();
    return { months: result.data!._entities as Record<string, unknown>[], statements: subgraph.statements() - before };
  }

  it("counts cases by the month they were opened, municipality and corporation, withholding 1 to 4 but not 0 or 5", async () => {
    const { months: found } = await months(identities.analyst, [
      ref("2026-03", "0392", "elan-wonen"),
      ref("2026-04", "0392", "elan-wonen"),
      ref("2026-03", "0473", "pre-wonen"),
      ref("2026-03", "0392", "ymere"),
    ]);
    expect(found).toEqual([
      {
        ...key("2026-03", "0392", "elan-wonen"),
        casesOpened: shown(7),
        contactMade: shown(5),
        takenIntoTreatment: SUPPRESSED,
        feedbackGiven: shown(6),
        feedbackOnTime: shown(6),
        feedbackLate: shown(0),
      },
      {
        ...key("2026-04", "0392", "elan-wonen"),
        casesOpened: SUPPRESSED,
        contactMade: shown(0),
        takenIntoTreatment: shown(0),
        feedbackGiven: shown(0),
        feedbackOnTime: shown(0),
        feedbackLate: shown(0),
      },
      {
        ...key("2026-03", "0473", "pre-wonen"),
        casesOpened: shown(5),
        contactMade: shown(5),
        takenIntoTreatment: shown(0),
        feedbackGiven: shown(5),
        feedbackOnTime: shown(0),
        feedbackLate: shown(5),
      },
      {
        ...key("2026-03", "0392", "ymere"),
        casesOpened: shown(0),
        contactMade: shown(0),
        takenIntoTreatment: shown(0),
        feedbackGiven: shown(0),
        feedbackOnTime: shown(0),
        feedbackLate: shown(0),
      },
    ]);
  });

  it("the anonymous tally adds to the live cases, and erasing cases after tallying them changes no figure", async () => {
    // Two cases of 2026-04 erased earlier: with the 3 live ones, 5 opened.
    await subgraph.db.query(`insert into case_tally (month, municipality_code, corporation_id, metric, count) values ('2026-04', '0392', 'elan-wonen', 'OPENED', 2)`);
    expect((await months(identities.analyst, [ref("2026-04", "0392", "elan-wonen")])).months[0]).toMatchObject({ casesOpened: shown(5) });

    const cell = ref("2026-06", "0392", "ymere");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(await openCase({ openedOn: "2026-06-10", corporationId: "ymere", feedbackAfterDays: i < 5 ? 3 : 20, contactMade: true, takenIntoTreatment: i < 5 }));
    }
    const before = (await months(identities.analyst, [cell])).months[0];
    expect(before).toMatchObject({ casesOpened: shown(6), takenIntoTreatment: shown(5), feedbackOnTime: shown(5), feedbackLate: SUPPRESSED });

    const erase = (caseIds: string[]) =>
      subgraph.db.transaction(async (manager) => {
        const counted = await addCasesToTally(manager, caseIds);
        await manager.query(`delete from "case" where id = any($1::uuid[])`, [caseIds]);
        return counted;
      });
    expect(await erase(ids.slice(2))).toBe(4);
    expect((await months(identities.analyst, [cell])).months[0]).toEqual(before);
    // Erasing the same cases again (a retry) counts nothing twice.
    expect(await erase(ids.slice(2))).toBe(0);
    expect((await months(identities.analyst, [cell])).months[0]).toEqual(before);
    expect(await subgraph.db.query(`select count(*)::int as count from "case" where corporation_id = 'ymere'`)).toEqual([{ count: 2 }]);
  });

  it("an SDV reads the months of the municipalities it serves; those of another come back without counts", async () => {
    const { months: found } = await months(zandvoortSdv, [ref("2026-03", "0473", "pre-wonen"), ref("2026-03", "0392", "elan-wonen")]);
    expect(found[0]).toMatchObject({ municipalityCode: "0473", casesOpened: shown(5) });
    expect(found[1]).toEqual({ ...key("2026-03", "0392", "elan-wonen"), ...NONE });
  });

  it("a corporation, an SWT and the budget coach are refused the monitoring counts", async () => {
    for (const identity of [identities.elanWonen, identities.swtSchalkwijk, identities.budgetCoach]) {
      const result = await subgraph.query(identity, MONTHS, { representations: [ref("2026-03", "0392", "elan-wonen")] });
      expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
      expect(JSON.stringify(result.data)).not.toContain('"count":');
    }
  });

  it("36 months of every municipality and corporation take as many statements as one month", async () => {
    const one = await months(identities.coordinator, [ref("2026-03", "0392", "elan-wonen")]);
    const grid = [];
    for (let m = 0; m < 36; m++) {
      const month = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
      for (const municipality of ["0392", "0473"]) for (const corporation of ["elan-wonen", "pre-wonen", "ymere"]) grid.push(ref(month, municipality, corporation));
    }
    const many = await months(identities.coordinator, grid);
    expect(many.months).toHaveLength(216);
    expect(many.months.find((month) => month.month === "2026-03" && month.corporationId === "elan-wonen")).toMatchObject({ casesOpened: shown(7) });
    expect(many.statements).toBe(one.statements);
  });
});
