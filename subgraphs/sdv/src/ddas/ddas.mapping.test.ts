import { describe, expect, it } from "vitest";
import uitwisselmodel from "./schema/json_schema_Uitwisselmodel-v1.2.json" with { type: "json" };
import {
  buildDdasDocument,
  ddasInstant,
  deliveringOrganisation,
  originOf,
  SIGNAL_STATUS_OF_RESULT,
  signalStatusOf,
  wholeEuros,
  type DdasCaseFacts,
  type DdasClientFacts,
  type DdasDocumentInput,
  type ExportedSignal,
} from "./ddas.mapping.js";
import { checkExportRequest, lastDayOfYearFrom } from "./ddas.rules.js";
import { validateDdasDocument } from "./ddas.validator.js";

const RESULTS = uitwisselmodel.$defs.EnumEindresultaat.enum;
const STATUSES = uitwisselmodel.$defs.EnumSignaalstatus.enum;

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const S1 = "a0000000-0000-4000-8000-000000000001";
const S2 = "a0000000-0000-4000-8000-000000000002";
const S3 = "a0000000-0000-4000-8000-000000000003";

const signals: ExportedSignal[] = [
  { id: S2, tenantId: T1, amountCents: 125_050, signalDate: "2026-02-15" },
  { id: S1, tenantId: T1, amountCents: 98_049, signalDate: "2026-01-15" },
  { id: S3, tenantId: T2, amountCents: 4_550, signalDate: "2026-02-15" },
];
const clients: DdasClientFacts[] = [
  { tenantId: T1, postcode: "2033AB", houseNumber: "12", houseNumberAddition: "A", arrearsSince: "2025-11-01" },
  { tenantId: T2, postcode: "2041CD", houseNumber: "7", houseNumberAddition: null, arrearsSince: "2026-03-01" },
];
const kase: DdasCaseFacts = {
  id: "c0000000-0000-4000-8000-000000000001",
  signalIds: [S1, S2],
  outcome: null,
  openedOn: "2026-01-16",
  contactAttempts: [
    { kind: "Brief", reached: false, on: "2026-01-19", partOfDay: "Ochtend" },
    { kind: "Huisbezoek", reached: true, on: "2026-01-21", partOfDay: "Avond" },
  ],
};

function input(overrides: Partial<DdasDocumentInput> = {}): DdasDocumentInput {
  return {
    municipalityCode: "0392",
    from: "2026-01-01",
    to: "2026-03-31",
    deliveredAt: new Date("2026-04-02T08:15:30.456Z"),
    supplierCode: "early-warning-graph",
    signals,
    clients,
    cases: [kase],
    ...overrides,
  };
}

describe("the DDAS mapping of amounts, dates and statuses", () => {
  it("rounds an amount in cents half up to whole euros", () => {
    expect(wholeEuros(1_250)).toBe(13);
    expect(wholeEuros(1_249)).toBe(12);
    expect(wholeEuros(1_200)).toBe(12);
    expect(wholeEuros(50)).toBe(1);
    expect(wholeEuros(49)).toBe(0);
    expect(wholeEuros(125_050)).toBe(1_251);
  });

  it("writes the delivery instant as YYYY-MM-DDTHH:MM:SSZ, without milliseconds", () => {
    expect(ddasInstant(new Date("2026-04-02T08:15:30.456Z"))).toBe("2026-04-02T08:15:30Z");
    expect(ddasInstant(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31T23:59:59Z");
  });

  it("takes the arrears' start as ontstaansdatum only when it lies on or before the signal date", () => {
    expect(originOf("2026-02-15", "2025-11-01")).toBe("2025-11-01");
    expect(originOf("2026-02-15", "2026-02-15")).toBe("2026-02-15");
    expect(originOf("2026-02-15", "2026-03-01")).toBeUndefined();
    expect(originOf("2026-02-15", null)).toBeUndefined();
  });

  it("maps every DDAS end result to a DDAS signal status, six of them to the status of the same name", () => {
    expect(Object.keys(SIGNAL_STATUS_OF_RESULT).sort()).toEqual([...RESULTS].sort());
    for (const status of Object.values(SIGNAL_STATUS_OF_RESULT)) expect(STATUSES).toContain(status);
    const sameName = Object.entries(SIGNAL_STATUS_OF_RESULT).filter(([result, status]) => result === status);
    expect(sameName.map(([result]) => result).sort()).toEqual([
      "Inwoner al bekend bij schuldhulpverlening",
      "Inwoner is overleden",
      "Niet opgepakt: andere reden",
      "Niet opgepakt: herhaalde melding",
      "Niet opgepakt: onterecht signaal",
      "Persoon is geen inwoner (meer) in de gemeente",
    ]);
    for (const [result, status] of Object.entries(SIGNAL_STATUS_OF_RESULT)) if (result !== status) expect(status).toBe("Opgepakt");
  });

  it("calls a signal without a case not yet taken up, and one in a case without an end result taken up", () => {
    expect(signalStatusOf(undefined)).toBe("Nog niet opgepakt");
    expect(signalStatusOf({ outcome: null })).toBe("Opgepakt");
    expect(signalStatusOf({ outcome: "Vervolghulp en/of verwijzing financieel" })).toBe("Opgepakt");
    expect(signalStatusOf({ outcome: "Inwoner is overleden" })).toBe("Inwoner is overleden");
  });

  it("names the municipality as the delivering organisation", () => {
    expect(deliveringOrganisation("0392")).toEqual({ naam: "Gemeente Haarlem" });
    expect(deliveringOrganisation("0473")).toEqual({ naam: "Gemeente Zandvoort" });
  });
});

describe("the DDAS document of one municipality and period", () => {
  it("holds one delivery with the signals by date and the cases that refer to them, and passes the schema", () => {
    const document = buildDdasDocument(input());
    expect(document).toEqual({
      startdatumLevering: "2026-01-01",
      einddatumLevering: "2026-03-31",
      aanleverdatumEnTijd: "2026-04-02T08:15:30Z",
      codeGegevensleverancier: "early-warning-graph",
      leveringen: [
        {
          teller: 1,
          gemeentecode: "0392",
          aanleverendeOrganisatie: { naam: "Gemeente Haarlem" },
          vroegsignalen: [
            {
              ID: S1,
              bedrag: 980,
              ontstaansdatum: "2025-11-01",
              signaaldatum: "2026-01-15",
              status: "Opgepakt",
              signaalpartner: { type: "Huur" },
              client: { postcode: "2033AB", huisnummer: "12", huisnummertoevoeging: "A" },
            },
            {
              ID: S2,
              bedrag: 1_251,
              ontstaansdatum: "2025-11-01",
              signaaldatum: "2026-02-15",
              status: "Opgepakt",
              signaalpartner: { type: "Huur" },
              client: { postcode: "2033AB", huisnummer: "12", huisnummertoevoeging: "A" },
            },
            {
              // arrears that began after the signal are other arrears: no ontstaansdatum; no addition: none written
              ID: S3,
              bedrag: 46,
              signaaldatum: "2026-02-15",
              status: "Nog niet opgepakt",
              signaalpartner: { type: "Huur" },
              client: { postcode: "2041CD", huisnummer: "7" },
            },
          ],
          vroegsignaalzaken: [
            {
              datumOpgepakt: "2026-01-16",
              vroegsignalen: [{ ID: S1 }, { ID: S2 }],
              contactpogingen: [
                { soort: "Brief", bereikt: false, datum: "2026-01-19", dagdeel: "Ochtend" },
                { soort: "Huisbezoek", bereikt: true, datum: "2026-01-21", dagdeel: "Avond" },
              ],
            },
          ],
        },
      ],
    });
    expect(validateDdasDocument(document)).toEqual({ valid: true });
  });

  it("gives a case its end result and its signals the status that result implies", () => {
    const document = buildDdasDocument(input({ cases: [{ ...kase, outcome: "Niet opgepakt: herhaalde melding" }] }));
    const [delivery] = document.leveringen;
    expect(delivery!.vroegsignaalzaken[0]!.resultaat).toBe("Niet opgepakt: herhaalde melding");
    expect(delivery!.vroegsignalen.filter((s) => s.ID !== S3).map((s) => s.status)).toEqual(["Niet opgepakt: herhaalde melding", "Niet opgepakt: herhaalde melding"]);
    expect(validateDdasDocument(document)).toEqual({ valid: true });
  });

  it("drops a case's references to signals not reported, and a case left without any", () => {
    const gone = "a0000000-0000-4000-8000-0000000000ff";
    const document = buildDdasDocument(
      input({
        cases: [
          { ...kase, signalIds: [S1, gone, S2, S1] },
          { ...kase, id: "c0000000-0000-4000-8000-000000000002", signalIds: [gone] },
        ],
      }),
    );
    const zaken = document.leveringen[0]!.vroegsignaalzaken;
    expect(zaken).toHaveLength(1);
    expect(zaken[0]!.vroegsignalen).toEqual([{ ID: S1 }, { ID: S2 }]);
    const reported = new Set(document.leveringen[0]!.vroegsignalen.map((s) => s.ID));
    for (const zaak of zaken) for (const ref of zaak.vroegsignalen) expect(reported.has(ref.ID)).toBe(true);
  });

  it("never carries a BSN, name or anything but postcode and house number of a client", () => {
    const document = buildDdasDocument(input());
    for (const signal of document.leveringen[0]!.vroegsignalen) {
      expect(Object.keys(signal.client!).sort()).toEqual(expect.arrayContaining(["huisnummer", "postcode"]));
      expect(Object.keys(signal.client!).every((key) => ["postcode", "huisnummer", "huisnummertoevoeging"].includes(key))).toBe(true);
    }
  });

  it("makes an empty delivery, still valid, for a period without signals", () => {
    const document = buildDdasDocument(input({ signals: [], clients: [], cases: [], municipalityCode: "0473" }));
    expect(document.leveringen[0]).toMatchObject({ gemeentecode: "0473", vroegsignalen: [], vroegsignaalzaken: [] });
    expect(validateDdasDocument(document)).toEqual({ valid: true });
  });

  it("fails the schema when a signal's client cannot be placed, or a value is not the standard's", () => {
    const unplaced = buildDdasDocument(input({ clients: [clients[1]!] }));
    const invalid = validateDdasDocument(unplaced);
    expect(invalid.valid).toBe(false);
    if (!invalid.valid) expect(invalid.errors.join("\n")).toMatch(/\/leveringen\/0\/vroegsignalen\/0 must have required property 'client'/);

    const broken = JSON.parse(JSON.stringify(buildDdasDocument(input()))) as Record<string, any>;
    broken.aanleverdatumEnTijd = "2026-04-02 08:15";
    broken.leveringen[0].vroegsignalen[0].status = "Afgesloten";
    broken.leveringen[0].vroegsignalen[1].bedrag = 12.5;
    broken.leveringen[0].vroegsignaalzaken[0].resultaat = "Verwijzing zonder toestemming";
    const result = validateDdasDocument(broken);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      const text = result.errors.join("\n");
      expect(text).toMatch(/\/aanleverdatumEnTijd must match format "date-time"/);
      expect(text).toMatch(/\/leveringen\/0\/vroegsignalen\/0\/status must be equal to one of the allowed values/);
      expect(text).toMatch(/\/leveringen\/0\/vroegsignalen\/1\/bedrag must be integer/);
      expect(text).toMatch(/\/leveringen\/0\/vroegsignaalzaken\/0\/resultaat must be equal to one of the allowed values/);
      // Where and what, never the value itself.
      expect(text).not.toMatch(/Afgesloten|2033AB/);
    }
  });
});

describe("what an export may be asked for", () => {
  const ask = (municipalityCode: string, from: string, to: string) => () => checkExportRequest({ municipalityCode, from, to });

  it("accepts a covenant municipality and a period of up to one year", () => {
    expect(ask("0392", "2026-01-01", "2026-03-31")).not.toThrow();
    expect(ask("0473", "2026-01-01", "2026-12-31")).not.toThrow();
    expect(ask("0392", "2026-05-05", "2026-05-05")).not.toThrow();
  });

  it("refuses an unknown municipality, a reversed period and one longer than a year, saying what to fix", () => {
    expect(ask("0363", "2026-01-01", "2026-03-31")).toThrow(/"0363" is not a municipality of the covenant; use the CBS code 0392 \(Haarlem\) or 0473 \(Zandvoort\)/);
    expect(ask("0392", "2026-03-31", "2026-01-01")).toThrow(/from \(2026-03-31\) lies after to \(2026-01-01\).*swap them/);
    expect(ask("0392", "2026-01-01", "2027-01-01")).toThrow(/longer than a year.*to 2026-12-31 at the latest/);
    try {
      ask("0392", "2026-01-01", "2027-01-01")();
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    }
  });

  it("ends a year that starts on 29 February on 28 February", () => {
    expect(lastDayOfYearFrom("2024-02-29")).toBe("2025-02-28");
    expect(lastDayOfYearFrom("2026-03-01")).toBe("2027-02-28");
    expect(lastDayOfYearFrom("2027-03-01")).toBe("2028-02-29");
  });
});
