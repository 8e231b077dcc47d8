import { describe, expect, it } from "vitest";
import { addMonths, BeforeCovenantError, COVENANT, covenantCalendar, lastDayForNotice, type CovenantData } from "./covenant-calendar.js";
import { addDays } from "./working-days.js";

describe("the covenant's term and tacit renewal (Art. 6.1)", () => {
  it("the first term runs one year from 2021-04-01, and renews on 2022-04-01", () => {
    const day = covenantCalendar("2021-04-01");
    expect(day.term).toEqual({ number: 1, startsOn: "2021-04-01", endsOn: "2022-03-31" });
    expect(day.nextRenewalOn).toBe("2022-04-01");
  });

  it("the last day of a term still belongs to it, and the renewal day starts the next term", () => {
    expect(covenantCalendar("2022-03-31").term).toEqual({ number: 1, startsOn: "2021-04-01", endsOn: "2022-03-31" });
    const renewed = covenantCalendar("2022-04-01");
    expect(renewed.term).toEqual({ number: 2, startsOn: "2022-04-01", endsOn: "2023-03-31" });
    expect(renewed.nextRenewalOn).toBe("2023-04-01");
  });

  it("renews a year at a time across the years, the leap years included", () => {
    const day = covenantCalendar("2026-11-27");
    expect(day.term).toEqual({ number: 6, startsOn: "2026-04-01", endsOn: "2027-03-31" });
    expect(day.nextRenewalOn).toBe("2027-04-01");
    expect(covenantCalendar("2028-02-29").term).toEqual({ number: 7, startsOn: "2027-04-01", endsOn: "2028-03-31" });
    expect(covenantCalendar("2031-01-15").term).toEqual({ number: 10, startsOn: "2030-04-01", endsOn: "2031-03-31" });
  });

  it("a day before the covenant started, or one that is no date, is refused", () => {
    expect(() => covenantCalendar("2021-03-31")).toThrow(BeforeCovenantError);
    expect(() => covenantCalendar("2021-03-31")).toThrow(/before the covenant started on 2021-04-01/);
    expect(() => covenantCalendar("2022-02-30")).toThrow(RangeError);
  });
});

describe("the last day for notice (Art. 6.1)", () => {
  it("is the date three months before the renewal, that date itself included", () => {
    // Renewal 1 April 2027: notice on 1 January still leaves January, February and March.
    expect(covenantCalendar("2026-11-27").lastDayForNotice).toBe("2027-01-01");
    expect(lastDayForNotice("2022-04-01")).toBe("2022-01-01");
  });

  it("notice is still possible up to and including that day, and no longer the day after", () => {
    expect(covenantCalendar("2026-12-31").noticeStillPossible).toBe(true);
    expect(covenantCalendar("2027-01-01").noticeStillPossible).toBe(true);
    const late = covenantCalendar("2027-01-02");
    expect(late.noticeStillPossible).toBe(false);
    // Too late for this renewal: the covenant renews on 1 April, and the next deadline follows with that term.
    expect(late.nextRenewalOn).toBe("2027-04-01");
    expect(covenantCalendar("2027-04-01").lastDayForNotice).toBe("2028-01-01");
    expect(covenantCalendar("2027-04-01").noticeStillPossible).toBe(true);
  });

  it("around month ends it falls on the last day of a shorter month, never in the month after", () => {
    expect(addMonths("2022-05-31", -3)).toBe("2022-02-28");
    expect(addMonths("2024-05-31", -3)).toBe("2024-02-29");
    expect(addMonths("2022-07-31", -3)).toBe("2022-04-30");
    expect(addMonths("2022-03-31", -3)).toBe("2021-12-31");
    expect(addMonths("2021-11-30", 3)).toBe("2022-02-28");
    expect(addMonths("2021-04-01", -4)).toBe("2020-12-01");
  });

  it("for a covenant starting on a month end, every term and deadline is counted from the start, so none drifts", () => {
    const monthEnd: CovenantData = { ...COVENANT, startsOn: "2021-05-31", phases: [{ code: "II", startsOn: "2021-05-31", endsOn: null, description: "" }] };
    const day = covenantCalendar("2023-01-10", monthEnd);
    expect(day.term).toEqual({ number: 2, startsOn: "2022-05-31", endsOn: "2023-05-30" });
    expect(day.nextRenewalOn).toBe("2023-05-31");
    expect(day.lastDayForNotice).toBe("2023-02-28");
    expect(covenantCalendar("2021-06-01", monthEnd).lastDayForNotice).toBe("2022-02-28");
    expect(covenantCalendar("2023-06-01", monthEnd).lastDayForNotice).toBe("2024-02-29");
  });
});

describe("the evaluation moments of a covenant year (Art. 6.3)", () => {
  it("are halfway through the year and a month before the last day for notice", () => {
    expect(covenantCalendar("2021-04-01").evaluations.map(({ kind, on }) => ({ kind, on }))).toEqual([
      { kind: "MID_TERM", on: "2021-10-01" },
      { kind: "BEFORE_NOTICE_DEADLINE", on: "2021-12-01" },
    ]);
    expect(covenantCalendar("2027-03-31").evaluations.map((e) => e.on)).toEqual(["2026-10-01", "2026-12-01"]);
  });

  it("both lie in the current covenant year, the second before the last day for notice", () => {
    for (const on of ["2021-04-01", "2023-09-15", "2026-11-27", "2030-03-31"]) {
      const day = covenantCalendar(on);
      for (const evaluation of day.evaluations) {
        expect(evaluation.on >= day.term.startsOn && evaluation.on <= day.term.endsOn, `${on}: ${evaluation.on}`).toBe(true);
      }
      expect(day.evaluations[1]!.on < day.lastDayForNotice).toBe(true);
    }
  });
});

describe("the phases of the covenant (Art. 5.1, 6.2)", () => {
  it("phase I runs from 2021-04-01 up to and including 2021-06-30", () => {
    expect(covenantCalendar("2021-04-01").phase.code).toBe("I");
    expect(covenantCalendar("2021-06-30").phase.code).toBe("I");
  });

  it("phase II starts on 1 July 2021 and has no end", () => {
    expect(covenantCalendar("2021-07-01").phase).toMatchObject({ code: "II", startsOn: "2021-07-01", endsOn: null });
    expect(covenantCalendar("2035-01-01").phase.code).toBe("II");
  });

  it("the phases follow each other without a gap", () => {
    const [first, second] = COVENANT.phases;
    expect(first!.startsOn).toBe(COVENANT.startsOn);
    expect(addDays(first!.endsOn!, 1)).toBe(second!.startsOn);
    expect(covenantCalendar(first!.endsOn!).phase.code).toBe("I");
    expect(covenantCalendar(second!.startsOn).phase.code).toBe("II");
  });
});
