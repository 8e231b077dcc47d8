import { createHash } from "node:crypto";
import { BUDGET_COACH_TEAM, CORPORATIONS, TEAMS, teamForPostcode } from "../covenant/organisations.js";
import { COLLECTION_STEP_KINDS, type CollectionStepKind } from "../covenant/collection-steps.js";
import { computePriority, type Phase, type PriorityLevel } from "../covenant/priority.js";
import { addDays, addWorkingDays, feedbackDueOn } from "../covenant/working-days.js";

/**
 * The demo world: a deterministic, plausible picture of the covenant in 2026 for Haarlem and
 * Zandvoort. Each subgraph seeds only its own slice (tenants in corporations, signals in sdv, cases in
 * swt), and because ids are derived from names, the slices fit together without any copying.
 */

export const DEMO_TODAY = "2026-11-02";
export const DEMO_THRESHOLD_CENTS = 7_500;
export const DEMO_BAILIFF_WINDOW_DAYS = 14;

/** A stable uuid (version 5 layout) derived from a name, so every run and every subgraph agree. */
export function demoId(name: string): string {
  const hash = createHash("sha1").update(`early-warning-demo:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface DemoTenant {
  id: string;
  corporationId: string;
  reference: string;
  name: string;
  birthDate: string;
  phone: string;
  email: string | null;
  address: { street: string; houseNumber: string; postcode: string; city: string; municipalityCode: string };
  sector: "SOCIAL" | "FREE";
  arrears: { amountCents: number; since: string; phase: Phase; bailiffHandoverOn: string | null } | null;
  collectionSteps: { reference: string; kind: CollectionStepKind; takenOn: string; takenBy: string }[];
  objection: { reference: string; recordedOn: string } | null;
}

export interface DemoRegisterEntry {
  id: string;
  corporationId: string;
  reference: string;
  kind: "EVICTION" | "KEYS_RETURNED" | "EVICTION_PREVENTED";
  occurredOn: string;
  municipalityCode: string;
  withChildren: boolean;
  aged65Plus: boolean;
  reason: string | null;
}

export interface DemoHouseholdProfile {
  tenantId: string;
  knownSince: string | null;
  childrenUnder18: boolean;
  member65Plus: boolean;
}

export interface DemoSignal {
  id: string;
  tenantId: string;
  corporationId: string;
  municipalityCode: string;
  reportingMonth: string;
  channel: "VPS" | "EMAIL";
  receivedAt: string;
  amountCents: number;
  phase: Phase;
  bailiffHandoverOn: string | null;
  previousSignalId: string | null;
  priority: { level: PriorityLevel; rule: string; reason: string; knownVulnerableAtSwt: boolean };
  forwarding: { target: "SWT" | "BUDGET_COACH"; teamId: string | null; forwardedOn: string };
}

export type ContactKind = "BRIEF" | "TELEFOON" | "HUISBEZOEK" | "SMS_WHATSAPP" | "MAIL";

export type PartOfDay = "MORNING" | "AFTERNOON" | "EVENING";

export interface DemoCase {
  id: string;
  /** An SWT team, or BUDGET_COACH_TEAM.id for a referral to the budget coach. */
  teamId: string;
  tenantId: string;
  /** The corporation the feedback goes to. */
  corporationId: string;
  signalIds: string[];
  status: "OPEN" | "IN_TREATMENT" | "CLOSED";
  openedOn: string;
  closedOn: string | null;
  /** The day the opening signal was forwarded, its phase as delivered, and the day feedback is due (Art. 5.4). */
  forwardedOn: string;
  phase: Phase;
  feedbackDueOn: string;
  /** One attempt per kind, day and part of the day. */
  contactAttempts: { id: string; kind: ContactKind; reached: boolean; on: string; partOfDay: PartOfDay }[];
  notes: { id: string; text: string; author: string; writtenAt: string }[];
  feedback: {
    id: string;
    givenOn: string;
    contactMade: boolean;
    takenIntoTreatment: boolean;
    collectionCanBeSuspended: boolean;
    paymentsResumeOn: string | null;
    arrearsArrangement: string | null;
    /** Reached, but not taken up for another reason: the corporation learns only that. */
    notTakenUpForOtherReason: boolean;
  } | null;
}

export interface DemoWorld {
  tenants: DemoTenant[];
  registerEntries: DemoRegisterEntry[];
  householdProfiles: DemoHouseholdProfile[];
  signals: DemoSignal[];
  cases: DemoCase[];
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Monday to Friday only; the signals' days ignore holidays (the feedback term does not: see the cases). */
function nextWeekday(date: string): string {
  let d = date;
  for (;;) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) return d;
    d = addDays(d, 1);
  }
}

const FIRST_NAMES = [
  "Anouk",
  "Bram",
  "Daan",
  "Emma",
  "Fatima",
  "Gert",
  "Hanneke",
  "Ilse",
  "Jeroen",
  "Kees",
  "Lotte",
  "Mohamed",
  "Noor",
  "Olga",
  "Pieter",
  "Quinten",
  "Ria",
  "Sanne",
  "Thijs",
  "Ursula",
  "Vera",
  "Willem",
  "Yusuf",
  "Zeynep",
  "Anna",
  "Bas",
  "Chantal",
  "Dirk",
  "Esra",
  "Femke",
  "Hans",
  "Ineke",
  "Joost",
  "Karin",
  "Luuk",
  "Marieke",
  "Nadia",
  "Priya",
  "Ruud",
  "Sevda",
  "Tessa",
  "Wouter",
];
const PREFIXES = ["", "", "", "van ", "de ", "van der ", "van den ", "ter "];
const SURNAMES = [
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Dijkstra",
  "Kok",
  "Willems",
  "Yilmaz",
  "El Amrani",
  "Berg",
  "Leeuwen",
  "Vliet",
  "Heuvel",
  "Wal",
  "Kaya",
  "Hoekstra",
  "Koster",
  "Prins",
  "Huisman",
  "Postma",
  "Kuiper",
  "Veenstra",
];

const STREETS: Record<string, string[]> = {
  "2011": ["Grote Houtstraat", "Kruisstraat", "Zijlstraat"],
  "2012": ["Gedempte Oude Gracht", "Raaks"],
  "2013": ["Leidsevaart", "Brouwersvaart"],
  "2014": ["Wagenweg", "Florapark"],
  "2015": ["Westergracht", "Pijlslaan"],
  "2021": ["Rijksstraatweg", "Kleverparkweg"],
  "2022": ["Marnixstraat", "Zaanenlaan"],
  "2023": ["Planetenlaan", "Kennemerplein"],
  "2024": ["Delftlaan", "Schoterweg"],
  "2025": ["Vondelweg", "Pim Mulierlaan"],
  "2026": ["Lorentzkade", "Van Oosten de Bruynstraat"],
  "2031": ["Amsterdamsevaart", "Zomerkade"],
  "2032": ["Jan Gijzenkade", "Prinsen Bolwerk"],
  "2033": ["Zomervaart", "Slachthuisstraat"],
  "2034": ["Europaweg", "Floris van Adrichemlaan"],
  "2035": ["Amerikaweg", "Noorwegenlaan"],
  "2036": ["Bernadottelaan", "Aziëweg"],
  "2037": ["Schipholweg", "Boerhaavelaan"],
  "2041": ["Kerkstraat", "Haltestraat", "Thorbeckestraat"],
  "2042": ["Flemingstraat", "Keesomstraat", "Celsiusstraat"],
};
const OUTSIDE = [
  { postcode: "1991", street: "Vestingplein", city: "Velserbroek", municipalityCode: "0453" },
  { postcode: "1063", street: "Slotermeerlaan", city: "Amsterdam", municipalityCode: "0363" },
];

const WORKERS = ["m.devries", "s.kaya", "j.bos", "incasso-team", "a.smit"];
const MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
const RESULTS_TAKEN = ["Schuldhulpverlening gestart", "Betalingsregeling afgesproken", "Doorverwezen naar budgetcoach"];
const PARTS_OF_DAY: readonly PartOfDay[] = ["MORNING", "AFTERNOON", "EVENING"];
const NOTES_NOT_REACHED = [
  "Brief met uitnodiging voor een gesprek bezorgd.",
  "Gebeld, geen gehoor; voicemail ingesproken.",
  "Huisbezoek: niemand thuis, kaartje achtergelaten.",
  "Bericht gestuurd, nog geen reactie.",
];
const NOTES_REACHED = [
  "Gesprek gehad; inwoner staat open voor hulp bij de huurachterstand.",
  "Inwoner bereikt; afspraak gemaakt voor een huisbezoek.",
  "Telefonisch contact; inwoner stuurt de post van de verhuurder door.",
];
const EVICTION_REASONS = ["Huurachterstand", "Overlast", "Woonfraude"];

export function buildDemoWorld(tenantCount = 360): DemoWorld {
  const rnd = random(20210401);
  const tenants: DemoTenant[] = [];
  const corporationCounters = new Map<string, number>();
  const areas = Object.keys(STREETS);

  for (let i = 0; i < tenantCount; i++) {
    const corporation = CORPORATIONS[i % 3]!;
    const serial = (corporationCounters.get(corporation.id) ?? 0) + 1;
    corporationCounters.set(corporation.id, serial);
    const prefixCode = { "elan-wonen": "EW", "pre-wonen": "PW", ymere: "YM" }[corporation.id];
    const reference = `${prefixCode}-${String(100000 + serial * 7).padStart(6, "0")}`;
    const first = rnd.pick(FIRST_NAMES);
    const surname = `${rnd.pick(PREFIXES)}${rnd.pick(SURNAMES)}`;
    const outside = i % 40 === 39;
    let address: DemoTenant["address"];
    if (outside) {
      const o = OUTSIDE[i % 2]!;
      address = { street: o.street, houseNumber: String(rnd.int(1, 180)), postcode: `${o.postcode} ${letters(rnd)}`, city: o.city, municipalityCode: o.municipalityCode };
    } else {
      // About one in six households lives in Zandvoort.
      const area = rnd.chance(0.17) ? rnd.pick(["2041", "2042"]) : rnd.pick(areas.filter((a) => !a.startsWith("204")));
      const zandvoort = area.startsWith("204");
      address = {
        street: rnd.pick(STREETS[area]!),
        houseNumber: `${rnd.int(1, 240)}${rnd.chance(0.15) ? rnd.pick(["A", "B", "-1", "-2"]) : ""}`,
        postcode: `${area} ${letters(rnd)}`,
        city: zandvoort ? "Zandvoort" : "Haarlem",
        municipalityCode: zandvoort ? "0473" : "0392",
      };
    }
    const id = demoId(`tenant:${corporation.id}:${reference}`);
    const birthYear = rnd.int(1940, 2004);
    const birthDate = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;

    // Three in four tenants of this demo have arrears; a spread of phases and amounts.
    let arrears: DemoTenant["arrears"] = null;
    const steps: DemoTenant["collectionSteps"] = [];
    if (i % 4 !== 3) {
      const daysBehind = rnd.int(12, 200);
      const since = addDays(DEMO_TODAY, -daysBehind);
      const phase: Phase = daysBehind > 175 ? "BAILIFF" : daysBehind > 90 ? "COLLECTION" : "ARREARS";
      const amountCents = rnd.chance(0.3) ? rnd.int(20_00, 74_99) : rnd.int(75_00, 3_200_00);
      const bailiffHandoverOn = phase === "COLLECTION" && rnd.chance(0.4) ? addDays(DEMO_TODAY, rnd.int(-20, 40)) : null;
      arrears = { amountCents, since, phase, bailiffHandoverOn };
      // Most have the four MVI steps; some are still incomplete, so intake has something to refuse.
      const stepCount = rnd.chance(0.85) ? 4 : rnd.int(1, 3);
      COLLECTION_STEP_KINDS.slice(0, stepCount).forEach((kind, k) => {
        steps.push({ reference: `${reference}-S${k + 1}`, kind, takenOn: addDays(since, 7 + k * 5), takenBy: rnd.pick(WORKERS) });
      });
    }
    const objection = i % 53 === 17 ? { reference: `${reference}-B1`, recordedOn: addDays(DEMO_TODAY, -rnd.int(30, 300)) } : null;
    tenants.push({
      id,
      corporationId: corporation.id,
      reference,
      name: `${first} ${surname}`,
      birthDate,
      phone: `06${String(rnd.int(10_000_000, 99_999_999))}`,
      email: rnd.chance(0.8) ? `${first.toLowerCase()}.${surname.toLowerCase().replace(/[^a-z]/g, "")}${i}@example.nl` : null,
      address,
      sector: rnd.chance(0.88) ? "SOCIAL" : "FREE",
      arrears,
      collectionSteps: steps,
      objection,
    });
  }

  // The SWT knows some households already.
  const householdProfiles: DemoHouseholdProfile[] = tenants
    .filter((_, i) => i % 5 === 0 || i % 7 === 0)
    .map((t, k) => ({
      tenantId: t.id,
      knownSince: k % 3 === 2 ? null : addDays(DEMO_TODAY, -200 - k * 11),
      childrenUnder18: k % 2 === 0,
      member65Plus: t.birthDate < "1961-11-02",
    }));
  const profileOf = new Map(householdProfiles.map((p) => [p.tenantId, p]));

  // Signals: every month, each eligible tenant whose arrears had run 30 days by the signal date.
  const signals: DemoSignal[] = [];
  const lastSignalOf = new Map<string, string>();
  for (const month of MONTHS) {
    const signalDate = `${month}-15`;
    for (const tenant of tenants) {
      const a = tenant.arrears;
      if (!a || tenant.objection || tenant.collectionSteps.length < 4) continue;
      if (tenant.address.municipalityCode !== "0392" && tenant.address.municipalityCode !== "0473") continue;
      if (addDays(a.since, 30) > signalDate) continue;
      if (tenant.collectionSteps.some((s) => s.takenOn > signalDate)) continue;
      // Not every month: a household is signalled in about half of the months it qualifies.
      if (rnd.chance(0.5)) continue;
      const profile = profileOf.get(tenant.id);
      const knownVulnerable = !!profile?.knownSince && (profile.childrenUnder18 || profile.member65Plus);
      const priority = computePriority({
        signalDate,
        phase: a.phase,
        bailiffHandoverOn: a.bailiffHandoverOn,
        amountCents: a.amountCents,
        thresholdCents: DEMO_THRESHOLD_CENTS,
        bailiffWindowDays: DEMO_BAILIFF_WINDOW_DAYS,
        knownAtSwt: !!profile?.knownSince,
        childrenUnder18: !!profile?.childrenUnder18,
        member65Plus: !!profile?.member65Plus,
      });
      const team = teamForPostcode(tenant.address.postcode);
      const id = demoId(`signal:${tenant.id}:${month}`);
      const receivedAt = `${signalDate}T0${rnd.int(7, 9)}:${String(rnd.int(10, 59))}:00.000Z`;
      signals.push({
        id,
        tenantId: tenant.id,
        corporationId: tenant.corporationId,
        municipalityCode: tenant.address.municipalityCode,
        reportingMonth: month,
        channel: "VPS",
        receivedAt,
        amountCents: a.amountCents,
        phase: a.phase,
        bailiffHandoverOn: a.bailiffHandoverOn,
        previousSignalId: lastSignalOf.get(tenant.id) ?? null,
        priority: { ...priority, knownVulnerableAtSwt: knownVulnerable },
        forwarding: {
          target: priority.level === "IV" ? "BUDGET_COACH" : "SWT",
          teamId: priority.level === "IV" ? null : (team?.id ?? TEAMS[0].id),
          forwardedOn: nextWeekday(addDays(signalDate, 1)),
        },
      });
      lastSignalOf.set(tenant.id, id);
    }
  }

  // Cases: the SWT team (or the budget coach) opens one per household on its first forwarded
  // signal; later signals of the household join it while it is not closed, whichever team they were
  // routed to (one household, one case). The feedback term runs from the forwarding of the opening
  // signal, in its phase (Art. 5.4): most feedback comes on time, some late, and some is still owed.
  const cases: DemoCase[] = [];
  const openCaseOf = new Map<string, DemoCase>();
  for (const signal of signals) {
    const existing = openCaseOf.get(signal.tenantId);
    if (existing) {
      existing.signalIds.push(signal.id);
      continue;
    }
    const teamId = signal.forwarding.target === "SWT" ? signal.forwarding.teamId! : BUDGET_COACH_TEAM.id;
    const n = cases.length;
    const forwardedOn = signal.forwarding.forwardedOn;
    const openedOn = forwardedOn;
    const dueOn = feedbackDueOn(forwardedOn, signal.phase);
    const attempts: DemoCase["contactAttempts"] = [];
    const attemptCount = n % 6 === 5 ? 0 : rnd.int(1, 3);
    let day = addWorkingDays(forwardedOn, 1);
    let part = rnd.int(0, 1);
    for (let k = 0; k < attemptCount; k++) {
      attempts.push({
        id: demoId(`contact:${signal.id}:${k}`),
        kind: rnd.pick(["BRIEF", "TELEFOON", "HUISBEZOEK", "SMS_WHATSAPP", "MAIL"] as const),
        reached: k === attemptCount - 1 ? rnd.chance(0.7) : false,
        on: day,
        partOfDay: PARTS_OF_DAY[part]!,
      });
      // The next try later the same day, or a working day or two on.
      if (part < 2 && rnd.chance(0.35)) part += 1;
      else {
        day = addWorkingDays(day, rnd.int(1, 2));
        part = rnd.int(0, 2);
      }
    }
    const reached = attempts.some((a) => a.reached);
    const lastAttemptOn = attempts.at(-1)?.on ?? forwardedOn;
    const onTime = rnd.chance(0.8);
    const givenOn = onTime ? maxDate(lastAttemptOn, minDate(dueOn, addWorkingDays(lastAttemptOn, rnd.int(0, 2)))) : addWorkingDays(dueOn, rnd.int(1, 6));
    // No attempt yet, a team that let it slip, or late feedback that has not come by today: still owed.
    const hasFeedback = attemptCount > 0 && n % 11 !== 7 && givenOn <= DEMO_TODAY;
    const takenIntoTreatment = reached && rnd.chance(0.75);
    const closed = hasFeedback && signal.reportingMonth <= "2026-07" && rnd.chance(0.6);
    const author = `${teamId}.medewerker`;
    const notes: DemoCase["notes"] = attempts.slice(0, rnd.int(0, 2)).map((attempt, k) => ({
      id: demoId(`note:${signal.id}:${k}`),
      text: attempt.reached ? rnd.pick(NOTES_REACHED) : rnd.pick(NOTES_NOT_REACHED),
      author,
      writtenAt: `${attempt.on}T${String(14 + k).padStart(2, "0")}:${String(rnd.int(10, 59))}:00.000Z`,
    }));
    const kase: DemoCase = {
      id: demoId(`case:${signal.tenantId}:${signal.id}`),
      teamId,
      tenantId: signal.tenantId,
      corporationId: signal.corporationId,
      signalIds: [signal.id],
      status: closed ? "CLOSED" : hasFeedback && takenIntoTreatment ? "IN_TREATMENT" : "OPEN",
      openedOn,
      closedOn: closed ? addDays(givenOn, rnd.int(20, 60)) : null,
      forwardedOn,
      phase: signal.phase,
      feedbackDueOn: dueOn,
      contactAttempts: attempts,
      notes,
      feedback: hasFeedback
        ? {
            id: demoId(`feedback:${signal.id}`),
            givenOn,
            contactMade: reached,
            takenIntoTreatment,
            collectionCanBeSuspended: takenIntoTreatment && rnd.chance(0.6),
            paymentsResumeOn: takenIntoTreatment ? addDays(givenOn, rnd.int(7, 30)) : null,
            arrearsArrangement: takenIntoTreatment ? rnd.pick(RESULTS_TAKEN) : null,
            notTakenUpForOtherReason: reached && !takenIntoTreatment,
          }
        : null,
    };
    cases.push(kase);
    if (!closed) openCaseOf.set(signal.tenantId, kase);
  }

  const registerEntries: DemoRegisterEntry[] = [];
  CORPORATIONS.forEach((corporation, c) => {
    for (let k = 0; k < 14; k++) {
      const kind = (["EVICTION", "KEYS_RETURNED", "EVICTION_PREVENTED"] as const)[k % 3]!;
      const reference = `${corporation.id.toUpperCase()}-R${2026}${String(k + 1).padStart(3, "0")}`;
      registerEntries.push({
        id: demoId(`register:${corporation.id}:${reference}`),
        corporationId: corporation.id,
        reference,
        kind,
        occurredOn: addDays("2026-01-10", k * 21 + c * 3),
        municipalityCode: k % 5 === 4 ? "0473" : "0392",
        withChildren: kind === "EVICTION" && k % 2 === 0,
        aged65Plus: kind === "EVICTION" && k % 4 === 3,
        reason: kind === "EVICTION" ? EVICTION_REASONS[k % EVICTION_REASONS.length]! : null,
      });
    }
  });

  return { tenants, registerEntries, householdProfiles, signals, cases };
}

function letters(rnd: ReturnType<typeof random>): string {
  const alphabet = "ABCEGHJKLMNPRTVWXZ";
  return `${rnd.pick(alphabet.split(""))}${rnd.pick(alphabet.split(""))}`;
}
