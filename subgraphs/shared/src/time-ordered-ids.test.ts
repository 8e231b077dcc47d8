import { describe, expect, it } from "vitest";
import { timeOrderedIds } from "./time-ordered-ids.js";

describe("timeOrderedIds", () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("gives UUIDs of version 7 that start with the millisecond they were made in", () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0, 123);
    const ids = timeOrderedIds(500, now);
    expect(ids).toHaveLength(500);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
    }
    expect(new Set(ids).size).toBe(500);
  });

  it("sorts ids of a later millisecond after those of an earlier one", () => {
    const earlier = timeOrderedIds(50, 1_800_000_000_000);
    const later = timeOrderedIds(50, 1_800_000_000_001);
    expect(later.every((id) => earlier.every((other) => id > other))).toBe(true);
  });

  it("gives no ids when asked for none", () => {
    expect(timeOrderedIds(0)).toEqual([]);
  });
});
