import { describe, expect, it } from "vitest";
import { channelRefusal, postcodeArea, refusalsFor, type IntakeFacts } from "./intake.rules.js";

const complete: IntakeFacts = {
  reference: "EW-1",
  tenantId: "00000000-0000-4000-8000-000000000001",
  corporationId: "elan-wonen",
  municipalityCode: "0392",
  postcode: "2033 AB",
  houseNumber: "12",
  arrears: { amountCents: 25_000, since: "2026-09-01", phase: "ARREARS", bailiffHandoverOn: null },
  collectionSteps: [
    { kind: "PAYMENT_REMINDER", takenOn: "2026-09-10" },
    { kind: "PERSONAL_CONTACT_ATTEMPT", takenOn: "2026-09-15" },
    { kind: "DEBT_HELP_REFERRAL", takenOn: "2026-09-20" },
    { kind: "DATA_SHARING_NOTICE", takenOn: "2026-09-10" },
  ],
  hasStandingObjection: false,
};

const codes = (facts: IntakeFacts, date = "2026-11-02") => refusalsFor(facts, date, null).map((r) => r.code);

describe("the intake rules of the covenant, one tenant at a time", () => {
  it("a tenant with at least 30 days of arrears, all four steps before the signal date and no objection, in Haarlem, is not refused", () => {
    expect(codes(complete)).toEqual([]);
  });

  it("arrears of 29 days on the signal date are too recent; 30 days are enough (Art. 1)", () => {
    expect(codes(complete, "2026-09-30")).toEqual(["ARREARS_TOO_RECENT"]);
    expect(codes({ ...complete, collectionSteps: complete.collectionSteps.map((s) => ({ ...s, takenOn: "2026-09-02" })) }, "2026-10-01")).toEqual([]);
  });

  it("a tenant without arrears cannot be signalled, and the message says so", () => {
    const [refusal] = refusalsFor({ ...complete, arrears: null }, "2026-11-02", null);
    expect(refusal).toMatchObject({ code: "ARREARS_TOO_RECENT" });
    expect(refusal!.message).toMatch(/No arrears are recorded/);
  });

  it("a missing step and a step taken after the signal date are both named; a step taken on the signal date counts", () => {
    const facts: IntakeFacts = {
      ...complete,
      collectionSteps: [
        { kind: "PAYMENT_REMINDER", takenOn: "2026-11-02" },
        { kind: "DEBT_HELP_REFERRAL", takenOn: "2026-11-05" },
        { kind: "DATA_SHARING_NOTICE", takenOn: "2026-10-01" },
      ],
    };
    const [refusal] = refusalsFor(facts, "2026-11-02", null);
    expect(refusal!.code).toBe("COLLECTION_STEPS_INCOMPLETE");
    expect(refusal!.message).toMatch(/missing: an attempt at personal contact \(PERSONAL_CONTACT_ATTEMPT\)/);
    expect(refusal!.message).toMatch(/dated after the signal date 2026-11-02: a referral to debt help \(DEBT_HELP_REFERRAL, taken on 2026-11-05\)/);
    expect(refusal!.message).not.toMatch(/PAYMENT_REMINDER|DATA_SHARING_NOTICE/);
  });

  it("a step taken twice counts from the first time it was taken", () => {
    const facts: IntakeFacts = { ...complete, collectionSteps: [...complete.collectionSteps, { kind: "PAYMENT_REMINDER", takenOn: "2026-12-01" }] };
    expect(codes(facts)).toEqual([]);
  });

  it("a step from an earlier episode of arrears does not count for these arrears, and the message says it predates them (Art. 3.2)", () => {
    // These arrears began on 2026-09-01; the tenant had arrears before, paid off, with a reminder then.
    for (const before of ["2026-08-31", "2025-03-14", "2019-01-02"]) {
      const facts: IntakeFacts = {
        ...complete,
        collectionSteps: complete.collectionSteps.map((s) => (s.kind === "PAYMENT_REMINDER" ? { ...s, takenOn: before } : s)),
      };
      const refusals = refusalsFor(facts, "2026-11-02", null);
      expect(refusals.map((r) => r.code)).toEqual(["COLLECTION_STEPS_INCOMPLETE"]);
      expect(refusals[0]!.message).toContain(`taken before these arrears began on 2026-09-01, so it predates these arrears`);
      expect(refusals[0]!.message).toContain(`a written payment reminder (PAYMENT_REMINDER, taken on ${before})`);
      expect(refusals[0]!.message).not.toMatch(/missing|DEBT_HELP_REFERRAL|PERSONAL_CONTACT_ATTEMPT|DATA_SHARING_NOTICE/);
    }
  });

  it("a step taken on the day these arrears began counts, and so does a new one beside an old one", () => {
    const onTheDay: IntakeFacts = { ...complete, collectionSteps: complete.collectionSteps.map((s) => ({ ...s, takenOn: "2026-09-01" })) };
    expect(codes(onTheDay)).toEqual([]);
    const oldAndNew: IntakeFacts = { ...complete, collectionSteps: [...complete.collectionSteps, { kind: "DEBT_HELP_REFERRAL", takenOn: "2024-05-05" }] };
    expect(codes(oldAndNew)).toEqual([]);
  });

  it("every step from an earlier episode: all four are named, none as missing", () => {
    const facts: IntakeFacts = { ...complete, collectionSteps: complete.collectionSteps.map((s) => ({ ...s, takenOn: "2025-02-01" })) };
    const [refusal] = refusalsFor(facts, "2026-11-02", null);
    for (const kind of ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"]) {
      expect(refusal!.message).toContain(`(${kind}, taken on 2025-02-01)`);
    }
    expect(refusal!.message).not.toMatch(/missing/);
  });

  it("a standing objection and an address outside Haarlem and Zandvoort are refused", () => {
    expect(codes({ ...complete, hasStandingObjection: true })).toEqual(["OBJECTION_ON_RECORD"]);
    expect(codes({ ...complete, municipalityCode: "0363" })).toEqual(["OUTSIDE_COVENANT"]);
    expect(codes({ ...complete, municipalityCode: "0473", postcode: "2041 AA" })).toEqual([]);
  });

  it("every reason is reported, not only the first", () => {
    const facts: IntakeFacts = { ...complete, arrears: null, collectionSteps: [], hasStandingObjection: true, municipalityCode: "0363" };
    expect(refusalsFor(facts, "2026-11-02", channelRefusal("EMAIL", "2026-11-02")).map((r) => r.code)).toEqual([
      "ARREARS_TOO_RECENT",
      "COLLECTION_STEPS_INCOMPLETE",
      "OBJECTION_ON_RECORD",
      "OUTSIDE_COVENANT",
      "CHANNEL_NOT_ALLOWED",
    ]);
  });

  it("VPS carries signals from the covenant's start on; e-mail only in phase I, up to and including 30 June 2021 (Art. 5.1)", () => {
    expect(channelRefusal("VPS", "2021-03-31")?.code).toBe("CHANNEL_NOT_ALLOWED");
    expect(channelRefusal("EMAIL", "2021-03-31")?.code).toBe("CHANNEL_NOT_ALLOWED");
    expect(channelRefusal("VPS", "2021-04-01")).toBeNull();
    expect(channelRefusal("EMAIL", "2021-04-01")).toBeNull();
    expect(channelRefusal("EMAIL", "2021-06-30")).toBeNull();
    expect(channelRefusal("EMAIL", "2021-07-01")?.message).toMatch(/must come through VPS/);
    expect(channelRefusal("VPS", "2026-11-02")).toBeNull();
  });

  it("routing reads the four-digit area of a postcode, written with or without a space", () => {
    expect(postcodeArea("2033 AB")).toBe("2033");
    expect(postcodeArea("2041AA")).toBe("2041");
    expect(postcodeArea("")).toBeNull();
  });
});
