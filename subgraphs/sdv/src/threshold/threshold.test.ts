import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { sdvSubgraph } from "../index.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const CURRENT = `query($on: Date) { currentThreshold(on: $on) { amountCents validFrom setBy reason } }`;
const HISTORY = `{ thresholds { amountCents validFrom setBy } }`;

describe("the threshold amount (drempelbedrag) and its history", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function record(amountCents: number, validFrom: string, setBy: string, createdAt: string) {
    await subgraph.db.query(`insert into threshold (amount_cents, valid_from, set_by, reason, created_at) values ($1, $2, $3, $4, $5)`, [
      amountCents,
      validFrom,
      setBy,
      "Monthly monitoring",
      createdAt,
    ]);
  }

  it("a fresh database already holds the covenant's default of EUR 75, valid from 2021-04-01", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, CURRENT, { on: "2021-04-01" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.currentThreshold).toMatchObject({ amountCents: 7_500, validFrom: "2021-04-01", setBy: "covenant" });
    expect(result.data?.currentThreshold.reason).toMatch(/Divosa/);
  });

  it("before the covenant began no threshold applies", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, CURRENT, { on: "2021-03-31" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.currentThreshold).toBeNull();
  });

  describe("after SDV set new amounts", () => {
    beforeAll(async () => {
      await record(9_000, "2026-01-01", "sdv-worker", "2025-12-10T10:00:00Z");
      // Two decisions for the same day: the one recorded last stands.
      await record(5_000, "2026-07-01", "sdv-worker", "2026-06-20T10:00:00Z");
      await record(6_000, "2026-07-01", "coordinator", "2026-06-21T10:00:00Z");
      await record(12_000, "2099-01-01", "coordinator", "2026-06-22T10:00:00Z");
    });

    it("each date gets the amount valid on it, and a later amount never rewrites the days before it", async () => {
      const on = async (date: string) => (await subgraph.query(identities.sdvHaarlem, CURRENT, { on: date })).data?.currentThreshold.amountCents;
      expect(await on("2025-12-31")).toBe(7_500);
      expect(await on("2026-01-01")).toBe(9_000);
      expect(await on("2026-06-30")).toBe(9_000);
      expect(await on("2026-07-01")).toBe(6_000);
      expect(await on("2098-12-31")).toBe(6_000);
      expect(await on("2099-01-01")).toBe(12_000);
    });

    it("without a date the amount valid today in the Netherlands is given", async () => {
      const today = todayInNetherlands();
      const withoutDate = await subgraph.query(identities.sdvHaarlem, `{ currentThreshold { amountCents } }`);
      const onToday = await subgraph.query(identities.sdvHaarlem, CURRENT, { on: today });
      expect(withoutDate.errors).toBeUndefined();
      expect(withoutDate.data?.currentThreshold.amountCents).toBe(onToday.data?.currentThreshold.amountCents);
    });

    it("the history lists every entry, the newest first", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, HISTORY);
      expect(result.data?.thresholds).toEqual([
        { amountCents: 12_000, validFrom: "2099-01-01", setBy: "coordinator" },
        { amountCents: 6_000, validFrom: "2026-07-01", setBy: "coordinator" },
        { amountCents: 5_000, validFrom: "2026-07-01", setBy: "sdv-worker" },
        { amountCents: 9_000, validFrom: "2026-01-01", setBy: "sdv-worker" },
        { amountCents: 7_500, validFrom: "2021-04-01", setBy: "covenant" },
      ]);
    });

    it("every role of the covenant may read the threshold and its history", async () => {
      for (const identity of Object.values(identities)) {
        const result = await subgraph.query(identity, HISTORY);
        expect(result.errors, identity.role).toBeUndefined();
        expect(result.data?.thresholds, identity.role).toHaveLength(5);
      }
    });
  });

  it("a date that is not on the calendar is refused with a message that shows how to write it", async () => {
    const result = await subgraph.query(identities.sdvHaarlem, CURRENT, { on: "2026-02-30" });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
  });
});
