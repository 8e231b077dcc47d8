import { buildSchema, GraphQLError, parseValue as parseValueNode } from "graphql";
import { describe, expect, it } from "vitest";
import { applyScalarParsing, DateScalar, DateTimeScalar, isIsoDate, YearMonthScalar } from "./scalars.js";

function refusal(parse: () => unknown): GraphQLError {
  try {
    parse();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected a refusal");
}

describe("the graph's scalars and their ranges", () => {
  it("a Date is a real calendar day from 1900-01-01 to 2099-12-31", () => {
    for (const day of ["1900-01-01", "2000-02-29", "2024-02-29", "2099-12-31"]) expect(DateScalar.parseValue(day)).toBe(day);
    for (const day of [
      "1899-12-31",
      "2100-01-01",
      "9999-12-31",
      "0001-01-01",
      "1900-02-29",
      "2026-02-29",
      "2021-02-30",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-1-1",
      " 2026-01-01",
      "+02026-01-01",
    ]) {
      const error = refusal(() => DateScalar.parseValue(day));
      expect(error.extensions.code, day).toBe("BAD_USER_INPUT");
    }
    expect(refusal(() => DateScalar.parseValue("9999-12-31")).message).toMatch(/between 1900-01-01 and 2099-12-31/);
    expect(refusal(() => DateScalar.parseValue("2021-02-30")).message).toMatch(/YYYY-MM-DD/);
    expect(refusal(() => DateScalar.parseValue(20260301)).message).toMatch(/YYYY-MM-DD.*20260301/);
  });

  it("a Date written in the query as something other than a string is refused, showing what was written", () => {
    const error = refusal(() => DateScalar.parseLiteral(parseValueNode("20260301")));
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/got 20260301/);
    expect(error.nodes).toHaveLength(1);
  });

  it("a YearMonth is a month from 1900-01 to 2099-12", () => {
    for (const month of ["1900-01", "2026-12", "2099-12"]) expect(YearMonthScalar.parseValue(month)).toBe(month);
    for (const month of ["1899-12", "2100-01", "9999-12", "0001-01", "2026-13", "2026-00", "2026-1", "2026-01-01", "202601"]) {
      expect(refusal(() => YearMonthScalar.parseValue(month)).extensions.code, month).toBe("BAD_USER_INPUT");
    }
  });

  it("a DateTime is an instant with a zone, on the calendar, between 1900 and 2099 in UTC", () => {
    expect((DateTimeScalar.parseValue("1900-01-01T00:00:00Z") as Date).toISOString()).toBe("1900-01-01T00:00:00.000Z");
    expect((DateTimeScalar.parseValue("2100-01-01T00:30:00+01:00") as Date).toISOString()).toBe("2099-12-31T23:30:00.000Z");
    expect((DateTimeScalar.parseValue("2026-03-29T02:30:00.123456+01:00") as Date).toISOString()).toBe("2026-03-29T01:30:00.123Z");
    for (const instant of [
      "1899-12-31T23:59:59.999Z",
      "1900-01-01T00:30:00+01:00",
      "2099-12-31T23:30:00-01:00",
      "9999-12-31T23:59:59Z",
      "2021-02-30T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T23:60:00Z",
      "2026-01-01T00:00:00+24:00",
      "2026-01-01T00:00:00",
      "2026-01-01",
    ]) {
      expect(refusal(() => DateTimeScalar.parseValue(instant)).extensions.code, instant).toBe("BAD_USER_INPUT");
    }
  });

  it("values that come out of the graph are only checked for their form, never for their range", () => {
    expect(DateScalar.serialize("1850-06-01")).toBe("1850-06-01");
    expect(DateScalar.serialize(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
    expect(YearMonthScalar.serialize("2150-01")).toBe("2150-01");
    expect(() => DateScalar.serialize("2026-02-30")).toThrow(TypeError);
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
  });

  it("gives a schema built from SDL, as the gateway's supergraph is, the same parsing", () => {
    const schema = applyScalarParsing(buildSchema("scalar Date scalar YearMonth scalar DateTime type Query { due(on: Date!): Date }"));
    const date = schema.getType("Date") as typeof DateScalar;
    expect(date.parseValue("2026-03-01")).toBe("2026-03-01");
    expect(refusal(() => date.parseValue("9999-12-31")).extensions.code).toBe("BAD_USER_INPUT");
    expect(refusal(() => (schema.getType("YearMonth") as typeof YearMonthScalar).parseLiteral(parseValueNode(`"2026-13"`))).extensions.code).toBe("BAD_USER_INPUT");
  });
});
