import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { sdvSubgraph } from "../index.js";

const RECORD = `mutation($handOvers: [HandOverInput!]!) { recordHandOvers(handOvers: $handOvers) }`;
const oost: Identity = { sub: "swt-oost", role: "SWT", orgs: ["0392"], team: "haarlem-oost" };

describe("recording a team's hand-over in sdv", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const forwardedOn = firstWorkingDayFrom(todayInNetherlands());

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
  });
  afterAll(() => subgraph?.stop());

  /** A signal of `municipalityCode` forwarded to `teamId`, whose case that team holds. */
  async function forwarded(teamId: string, municipalityCode = "0392"): Promise<string> {
    const [signal] = await subgraph.db.query(
      `insert into signal (tenant_id, corporation_id, municipality_code, postcode_area, reporting_month, signal_date, channel, received_at, delivered_amount_cents, delivered_phase, status)
       values (gen_random_uuid(), 'elan-wonen', $1, '2031', '2026-10', '2026-10-30', 'VPS', now(), 40000, 'ARREARS', 'FORWARDED') returning id`,
      [municipalityCode],
    );
    await subgraph.db.query(
      `insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at, case_id, case_team_id) values ($1, 'SWT', $2, '2026-11-02', now(), gen_random_uuid(), $2)`,
      [signal.id, teamId],
    );
    return signal.id;
  }
  const referral = async (id: string) => (await subgraph.db.query(`select team_id, target, case_id, case_team_id, forwarded_on::text from referral where signal_id = $1`, [id]))[0];

  it("forwards the team's own signals to the new team with their case, keeps the forwarding with its reason, and records nothing twice", async () => {
    const id = await forwarded("haarlem-oost");
    const caseId = randomUUID();
    const handOver = { signalIds: [id], caseId, teamId: "haarlem-noord", forwardedOn, reason: "Moved house" };
    const first = await subgraph.query(oost, RECORD, { handOvers: [handOver] });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordHandOvers).toBe(1);
    expect(await referral(id)).toEqual({ team_id: "haarlem-noord", target: "SWT", case_id: caseId, case_team_id: "haarlem-noord", forwarded_on: forwardedOn });
    // The old team no longer sees the signal, so a retry finds nothing to record.
    expect((await subgraph.query(oost, RECORD, { handOvers: [handOver] })).data!.recordHandOvers).toBe(0);
    const records = await subgraph.db.query(`select kind, from_team_id, to_team_id, forwarded_by, reason from forwarding_record where signal_id = $1`, [id]);
    expect(records).toEqual([{ kind: "HAND_OVER", from_team_id: "haarlem-oost", to_team_id: "haarlem-noord", forwarded_by: "swt-oost", reason: "Moved house" }]);
  });

  it("touches neither another team's signals nor sends a signal to a team of another municipality", async () => {
    const others = await forwarded("haarlem-schalkwijk");
    const own = await forwarded("haarlem-oost");
    const answer = await subgraph.query(oost, RECORD, {
      handOvers: [
        { signalIds: [others], caseId: randomUUID(), teamId: "haarlem-oost", forwardedOn, reason: "Take it" },
        { signalIds: [own], caseId: randomUUID(), teamId: "zandvoort", forwardedOn, reason: "Wrong municipality" },
      ],
    });
    expect(answer.data!.recordHandOvers).toBe(0);
    expect((await referral(others)).team_id).toBe("haarlem-schalkwijk");
    expect((await referral(own)).team_id).toBe("haarlem-oost");
  });

  it("is refused to the SDV and everyone but a team, and to a day after today's forwarding day", async () => {
    const id = await forwarded("haarlem-oost");
    const handOver = { signalIds: [id], caseId: randomUUID(), teamId: "haarlem-noord", forwardedOn, reason: "x" };
    for (const identity of [
      { sub: "sdv", role: "SDV", orgs: ["0392"] },
      { sub: "c", role: "COORDINATOR", orgs: ["0392"] },
      { sub: "e", role: "CORPORATION", orgs: ["elan-wonen"] },
    ] as Identity[]) {
      expect((await subgraph.query(identity, RECORD, { handOvers: [handOver] })).errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
    }
    const late = await subgraph.query(oost, RECORD, { handOvers: [{ ...handOver, forwardedOn: "2999-01-04" }] });
    expect(late.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await referral(id)).team_id).toBe("haarlem-oost");
  });
});
