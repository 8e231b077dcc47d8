import { MUNICIPALITIES } from "../../../shared/src/covenant/organisations.js";

/*
 * The DDAS-Vroegsignalering v1.2 document (uitwisselmodel) built from what the three partners hold:
 * sdv's signals as delivered, the corporation's address and arrears start of each tenant, and the
 * SWT's cases. Pure functions: no database, no network, no clock (the delivery instant is passed in).
 * Field names and enumeration values are the standard's, character for character.
 */

/** The end results of a case (EnumEindresultaat) of DDAS v1.2. */
export type DdasResult =
  | "(Budget)advies en/of quick fix"
  | "Definitief geen contact kunnen krijgen"
  | "Geen reactie na eerder contact"
  | "Inwoner al bekend bij schuldhulpverlening"
  | "Inwoner heeft al een ander lopend traject"
  | "Inwoner heeft zelf al betaald/betalingsregeling getroffen"
  | "Inwoner is overleden"
  | "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"
  | "Niet opgepakt: andere reden"
  | "Niet opgepakt: herhaalde melding"
  | "Niet opgepakt: onterecht signaal"
  | "Persoon is geen inwoner (meer) in de gemeente"
  | "Vervolghulp en/of verwijzing"
  | "Vervolghulp en/of verwijzing financieel"
  | "Vervolghulp en/of verwijzing niet financieel"
  | "Verwijzing zonder tussenkomst inwoner";

/** Where a signal stands (EnumSignaalstatus) in DDAS v1.2. */
export type DdasSignalStatus =
  | "Inwoner al bekend bij schuldhulpverlening"
  | "Inwoner is overleden"
  | "Niet opgepakt: andere reden"
  | "Niet opgepakt: herhaalde melding"
  | "Niet opgepakt: onterecht signaal"
  | "Nog niet opgepakt"
  | "Opgepakt"
  | "Persoon is geen inwoner (meer) in de gemeente";

export const NOT_YET_TAKEN_UP: DdasSignalStatus = "Nog niet opgepakt";
export const TAKEN_UP: DdasSignalStatus = "Opgepakt";

/**
 * The status of a signal that a case holds, by the case's end result. DDAS gives six end results a
 * status of the same name: the household was already known at debt help, has died, is no resident
 * (any more), or the signal was not taken up (other reason, repeated signal, unjustified signal).
 * Every other end result means the municipality did take the signal up, whatever came of it; so does
 * a case that has no end result yet. A signal that no case holds is "Nog niet opgepakt".
 */
export const SIGNAL_STATUS_OF_RESULT: Readonly<Record<DdasResult, DdasSignalStatus>> = {
  "(Budget)advies en/of quick fix": TAKEN_UP,
  "Definitief geen contact kunnen krijgen": TAKEN_UP,
  "Geen reactie na eerder contact": TAKEN_UP,
  "Inwoner al bekend bij schuldhulpverlening": "Inwoner al bekend bij schuldhulpverlening",
  "Inwoner heeft al een ander lopend traject": TAKEN_UP,
  "Inwoner heeft zelf al betaald/betalingsregeling getroffen": TAKEN_UP,
  "Inwoner is overleden": "Inwoner is overleden",
  "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering": TAKEN_UP,
  "Niet opgepakt: andere reden": "Niet opgepakt: andere reden",
  "Niet opgepakt: herhaalde melding": "Niet opgepakt: herhaalde melding",
  "Niet opgepakt: onterecht signaal": "Niet opgepakt: onterecht signaal",
  "Persoon is geen inwoner (meer) in de gemeente": "Persoon is geen inwoner (meer) in de gemeente",
  "Vervolghulp en/of verwijzing": TAKEN_UP,
  "Vervolghulp en/of verwijzing financieel": TAKEN_UP,
  "Vervolghulp en/of verwijzing niet financieel": TAKEN_UP,
  "Verwijzing zonder tussenkomst inwoner": TAKEN_UP,
};

/** A signal as sdv received it, as far as DDAS reports it. */
export interface ExportedSignal {
  id: string;
  tenantId: string;
  /** The arrears as delivered, in cents. */
  amountCents: number;
  /** The day the corporation made the signal (signaaldatum). */
  signalDate: string;
}

/** What the corporations subgraph tells of a signalled tenant for DDAS (DdasClient there). */
export interface DdasClientFacts {
  tenantId: string;
  /** Four digits and two capitals, no space (2033AB). */
  postcode: string;
  houseNumber: string;
  houseNumberAddition: string | null;
  /** The oldest unpaid due date of the current arrears, when there are arrears. */
  arrearsSince: string | null;
}

/** What the swt subgraph tells of a case for DDAS (DdasCase there), already in DDAS's words. */
export interface DdasCaseFacts {
  id: string;
  /** Every signal of the case, the one that opened it first. */
  signalIds: string[];
  /** The end result (EnumEindresultaat), when set. */
  outcome: string | null;
  /** The day the case was taken up (datumOpgepakt). */
  openedOn: string;
  contactAttempts: { kind: string; reached: boolean; on: string; partOfDay: string }[];
}

export interface DdasClient {
  postcode: string;
  huisnummer: string;
  huisnummertoevoeging?: string;
}

export interface DdasSignal {
  ID: string;
  bedrag: number;
  ontstaansdatum?: string;
  signaaldatum: string;
  status: DdasSignalStatus;
  signaalpartner: { type: "Huur" };
  client?: DdasClient;
}

export interface DdasCase {
  resultaat?: string;
  datumOpgepakt: string;
  vroegsignalen: { ID: string }[];
  contactpogingen: { soort: string; bereikt: boolean; datum: string; dagdeel: string }[];
}

export interface DdasDelivery {
  teller: number;
  gemeentecode: string;
  aanleverendeOrganisatie: { naam: string };
  vroegsignalen: DdasSignal[];
  vroegsignaalzaken: DdasCase[];
}

/** The document (Uitwisselmodel) as the export answers it. */
export interface DdasDocument {
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
  leveringen: DdasDelivery[];
}

export interface DdasDocumentInput {
  municipalityCode: string;
  from: string;
  to: string;
  /** The moment of delivery (aanleverdatumEnTijd). */
  deliveredAt: Date;
  /** Code of the data supplier (codeGegevensleverancier): the software or hosting party. */
  supplierCode: string;
  /** The signals to report: those of the period and any other that a reported case holds. */
  signals: ExportedSignal[];
  clients: DdasClientFacts[];
  cases: DdasCaseFacts[];
}

/** Whole euros (DDAS bedrag), rounded half up from cents: 12,50 becomes 13, 12,49 becomes 12. */
export function wholeEuros(cents: number): number {
  return Math.floor((cents + 50) / 100);
}

/** An instant as DDAS writes it: YYYY-MM-DDTHH:MM:SSZ, in UTC, without fractions of a second. */
export function ddasInstant(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The day the arrears arose (ontstaansdatum), when known. The corporation keeps only the current
 * arrears; their start counts for a signal only when it lies on or before the signal's date, for only
 * then were these the arrears signalled. Arrears that began later are a new debt: left out, not guessed.
 */
export function originOf(signalDate: string, arrearsSince: string | null | undefined): string | undefined {
  return arrearsSince && arrearsSince <= signalDate ? arrearsSince : undefined;
}

/** The status of a signal: from its case's end result, "Opgepakt" in a case without one, else not yet taken up. */
export function signalStatusOf(kase: { outcome: string | null } | undefined): DdasSignalStatus {
  if (!kase) return NOT_YET_TAKEN_UP;
  if (kase.outcome === null) return TAKEN_UP;
  return SIGNAL_STATUS_OF_RESULT[kase.outcome as DdasResult] ?? TAKEN_UP;
}

/** The delivering organisation (aanleverendeOrganisatie): the municipality itself, e.g. "Gemeente Haarlem". */
export function deliveringOrganisation(municipalityCode: string): { naam: string } {
  const municipality = MUNICIPALITIES.find((m) => m.code === municipalityCode);
  if (!municipality) throw new Error(`No covenant municipality has CBS code ${municipalityCode}.`);
  return { naam: `Gemeente ${municipality.name}` };
}

function clientOf(facts: DdasClientFacts | undefined): DdasClient | undefined {
  if (!facts) return undefined;
  return {
    postcode: facts.postcode,
    huisnummer: facts.houseNumber,
    ...(facts.houseNumberAddition ? { huisnummertoevoeging: facts.houseNumberAddition } : {}),
  };
}

const byDateThenId =
  <T>(date: (item: T) => string, id: (item: T) => string) =>
  (a: T, b: T) =>
    date(a).localeCompare(date(b)) || id(a).localeCompare(id(b));

/**
 * The whole document for one municipality and period: one delivery (levering) with its signals and
 * cases. A signal whose tenant has no client facts comes without `client`, which the schema refuses:
 * the export then fails instead of reporting someone it cannot place. A case refers to its signals by
 * ID; references to signals not in `signals` are dropped, and a case left with none is not reported.
 */
export function buildDdasDocument(input: DdasDocumentInput): DdasDocument {
  const clients = new Map(input.clients.map((client) => [client.tenantId, client]));
  const signals = [...new Map(input.signals.map((signal) => [signal.id, signal])).values()].sort(
    byDateThenId(
      (s) => s.signalDate,
      (s) => s.id,
    ),
  );
  const reported = new Set(signals.map((signal) => signal.id));

  const cases = [...new Map(input.cases.map((kase) => [kase.id, kase])).values()]
    .map((kase) => ({ ...kase, signalIds: [...new Set(kase.signalIds)].filter((id) => reported.has(id)) }))
    .filter((kase) => kase.signalIds.length > 0)
    .sort(
      byDateThenId(
        (c) => c.openedOn,
        (c) => c.id,
      ),
    );
  const caseOfSignal = new Map<string, DdasCaseFacts>();
  for (const kase of cases) for (const id of kase.signalIds) if (!caseOfSignal.has(id)) caseOfSignal.set(id, kase);

  const vroegsignalen = signals.map((signal): DdasSignal => {
    const facts = clients.get(signal.tenantId);
    const origin = originOf(signal.signalDate, facts?.arrearsSince);
    const client = clientOf(facts);
    return {
      ID: signal.id,
      bedrag: wholeEuros(signal.amountCents),
      ...(origin ? { ontstaansdatum: origin } : {}),
      signaaldatum: signal.signalDate,
      status: signalStatusOf(caseOfSignal.get(signal.id)),
      signaalpartner: { type: "Huur" },
      ...(client ? { client } : {}),
    };
  });

  const vroegsignaalzaken = cases.map((kase): DdasCase => ({
    ...(kase.outcome !== null ? { resultaat: kase.outcome } : {}),
    datumOpgepakt: kase.openedOn,
    vroegsignalen: kase.signalIds.map((id) => ({ ID: id })),
    contactpogingen: kase.contactAttempts.map((attempt) => ({
      soort: attempt.kind,
      bereikt: attempt.reached,
      datum: attempt.on,
      dagdeel: attempt.partOfDay,
    })),
  }));

  return {
    startdatumLevering: input.from,
    einddatumLevering: input.to,
    aanleverdatumEnTijd: ddasInstant(input.deliveredAt),
    codeGegevensleverancier: input.supplierCode,
    leveringen: [
      {
        teller: 1,
        gemeentecode: input.municipalityCode,
        aanleverendeOrganisatie: deliveringOrganisation(input.municipalityCode),
        vroegsignalen,
        vroegsignaalzaken,
      },
    ],
  };
}
