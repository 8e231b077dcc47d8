import type { MunicipalityCode, TeamId } from "./organisations.js";

/** One four-digit postcode area (postcodegebied) of a municipality of the covenant, and the team that covers it at the start. */
export interface PostcodeAreaOfMunicipality {
  municipalityCode: MunicipalityCode;
  postcodeArea: string;
  teamId: TeamId;
  /** Where it lies, for people reading the table. */
  place: string;
  /** Set where the area's extent was not verified against the source below. */
  unverified?: true;
}

/**
 * Every four-digit postcode area in which Haarlem (0392) and Zandvoort (0473) have home addresses,
 * with the SWT team that covers it: the initial routing table (werkgebieden).
 *
 * Source: PostNL's postcode register as published in CBS's yearly table "Postcode-huisnummer-gemeente"
 * (which gives, per postcode and house number, the municipality code), summarised to four digits,
 * and the team boundaries of the municipalities' wijkteams. An area is listed per municipality:
 * a four-digit area can straddle a border, as 2116 does (Bentveld: the part in Zandvoort, the rest of
 * 2116 is Aerdenhout in Bloemendaal, 0377), so routing reads the address's municipality code together
 * with its area, and an address of 2116 in Bloemendaal is outside the covenant.
 *
 * Not listed, on purpose: Haarlem's PO-box ranges (2000-2009), which hold no homes. Marked
 * `unverified`: areas whose extent was not checked house by house against the CBS table; listing one
 * too many costs nothing (no address of another municipality carries this municipality's code). An
 * area missing here is not lost either: its signals of priority I-III wait, are listed to the SDV
 * (`unroutedSignals`) and counted in the monitoring, and the SDV can route the area by hand
 * (`setRoutingArea`), which it may do for a listed area or one in which a signal of its municipality
 * arrived.
 */
export const POSTCODE_AREAS: readonly PostcodeAreaOfMunicipality[] = [
  { municipalityCode: "0392", postcodeArea: "2011", teamId: "haarlem-centrum", place: "Haarlem, Binnenstad" },
  { municipalityCode: "0392", postcodeArea: "2012", teamId: "haarlem-centrum", place: "Haarlem, Binnenstad west and Kleverpark" },
  { municipalityCode: "0392", postcodeArea: "2013", teamId: "haarlem-zuidwest", place: "Haarlem, Leidsebuurt and Houtvaartkwartier" },
  { municipalityCode: "0392", postcodeArea: "2014", teamId: "haarlem-zuidwest", place: "Haarlem, Rozenprieel and Koninginnebuurt" },
  { municipalityCode: "0392", postcodeArea: "2015", teamId: "haarlem-zuidwest", place: "Haarlem, Zuiderhout and Den Hout" },
  { municipalityCode: "0392", postcodeArea: "2021", teamId: "haarlem-noord", place: "Haarlem-Noord, Transvaalwijk" },
  { municipalityCode: "0392", postcodeArea: "2022", teamId: "haarlem-noord", place: "Haarlem-Noord, Frans Hals and Indische wijk" },
  { municipalityCode: "0392", postcodeArea: "2023", teamId: "haarlem-noord", place: "Haarlem-Noord, Kleverpark-noord and Bos en Hoven" },
  { municipalityCode: "0392", postcodeArea: "2024", teamId: "haarlem-noord", place: "Haarlem-Noord, Vondelkwartier and Delftwijk" },
  { municipalityCode: "0392", postcodeArea: "2025", teamId: "haarlem-noord", place: "Haarlem-Noord, Sinnevelt and Ter Kleef" },
  { municipalityCode: "0392", postcodeArea: "2026", teamId: "haarlem-zuidwest", place: "Haarlem-Noord-West, Zijlweg and Oosterduin", unverified: true },
  { municipalityCode: "0392", postcodeArea: "2031", teamId: "haarlem-oost", place: "Haarlem-Oost, Amsterdamse buurt and Waarderpolder" },
  { municipalityCode: "0392", postcodeArea: "2032", teamId: "haarlem-oost", place: "Haarlem-Oost, Parkwijk and Van Zeggelenplein" },
  { municipalityCode: "0392", postcodeArea: "2033", teamId: "haarlem-oost", place: "Haarlem-Oost, Slachthuisbuurt and Zomervaart" },
  { municipalityCode: "0392", postcodeArea: "2034", teamId: "haarlem-schalkwijk", place: "Schalkwijk, Boerhaavewijk" },
  { municipalityCode: "0392", postcodeArea: "2035", teamId: "haarlem-schalkwijk", place: "Schalkwijk, Europawijk and Meerwijk" },
  { municipalityCode: "0392", postcodeArea: "2036", teamId: "haarlem-schalkwijk", place: "Schalkwijk, Molenwijk and Bijdorp" },
  { municipalityCode: "0392", postcodeArea: "2037", teamId: "haarlem-schalkwijk", place: "Schalkwijk, Zuid-Schalkwijk" },
  // Spaarndam-West belongs to Haarlem, Spaarndam-Oost to Haarlemmermeer: the village's areas straddle the border.
  { municipalityCode: "0392", postcodeArea: "2064", teamId: "haarlem-noord", place: "Spaarndam-West (Haarlem)", unverified: true },
  { municipalityCode: "0392", postcodeArea: "2065", teamId: "haarlem-noord", place: "Spaarndam-West (Haarlem)", unverified: true },
  { municipalityCode: "0473", postcodeArea: "2040", teamId: "zandvoort", place: "Zandvoort (mostly PO boxes)", unverified: true },
  { municipalityCode: "0473", postcodeArea: "2041", teamId: "zandvoort", place: "Zandvoort, centre and Oud-Noord" },
  { municipalityCode: "0473", postcodeArea: "2042", teamId: "zandvoort", place: "Zandvoort, Zuid and Nieuw-Noord" },
  // Bentveld: shared with Aerdenhout (Bloemendaal, 0377); only the addresses with Zandvoort's code are routed here.
  { municipalityCode: "0473", postcodeArea: "2116", teamId: "zandvoort", place: "Bentveld (Zandvoort part)" },
];

/** Whether `postcodeArea` is a listed area of `municipalityCode`. */
export function isListedArea(municipalityCode: string, postcodeArea: string): boolean {
  return POSTCODE_AREAS.some((a) => a.municipalityCode === municipalityCode && a.postcodeArea === postcodeArea);
}
