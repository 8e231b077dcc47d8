import { describe, expect, it } from "vitest";
import { ddasAddress, ddasHouseNumber, ddasPostcode } from "./ddas-address.js";

describe("an address as DDAS identifies a client", () => {
  it("writes the postcode as four digits and two capitals without a space", () => {
    expect(ddasPostcode("2033 AB")).toBe("2033AB");
    expect(ddasPostcode("2033ab")).toBe("2033AB");
    expect(ddasPostcode(" 2041  cd ")).toBe("2041CD");
  });

  it("splits the house number from its letter or addition", () => {
    expect(ddasHouseNumber("12")).toEqual({ houseNumber: "12", houseNumberAddition: null });
    expect(ddasHouseNumber("12A")).toEqual({ houseNumber: "12", houseNumberAddition: "A" });
    expect(ddasHouseNumber("40-2")).toEqual({ houseNumber: "40", houseNumberAddition: "2" });
    expect(ddasHouseNumber("7 bis")).toEqual({ houseNumber: "7", houseNumberAddition: "bis" });
    expect(ddasHouseNumber("112 A-3")).toEqual({ houseNumber: "112", houseNumberAddition: "A-3" });
    expect(ddasHouseNumber(" 9 ")).toEqual({ houseNumber: "9", houseNumberAddition: null });
  });

  it("passes a house number that does not start with digits on whole", () => {
    expect(ddasHouseNumber("t/o 14")).toEqual({ houseNumber: "t/o 14", houseNumberAddition: null });
  });

  it("combines both", () => {
    expect(ddasAddress({ postcode: "2033 AB", houseNumber: "40-2" })).toEqual({ postcode: "2033AB", houseNumber: "40", houseNumberAddition: "2" });
  });
});
