import { registerEnumType } from "type-graphql";

/**
 * How the team tried to reach the household: the contact kinds (EnumContactsoort) of DDAS v1.2. The
 * names are the Dutch DDAS values made safe for GraphQL, so they read the same in the export;
 * DDAS_CONTACT_KIND gives the exact value.
 */
export enum ContactKind {
  ADMINISTRATIEF = "ADMINISTRATIEF",
  AFSPRAAK_OP_LOCATIE = "AFSPRAAK_OP_LOCATIE",
  BRIEF = "BRIEF",
  HUISBEZOEK = "HUISBEZOEK",
  KAARTJE = "KAARTJE",
  MAIL = "MAIL",
  ONBEKEND = "ONBEKEND",
  OVERIGE = "OVERIGE",
  SMS_WHATSAPP = "SMS_WHATSAPP",
  TELEFOON = "TELEFOON",
}

export const DDAS_CONTACT_KIND: Record<ContactKind, string> = {
  [ContactKind.ADMINISTRATIEF]: "Administratief",
  [ContactKind.AFSPRAAK_OP_LOCATIE]: "Afspraak op locatie",
  [ContactKind.BRIEF]: "Brief",
  [ContactKind.HUISBEZOEK]: "Huisbezoek",
  [ContactKind.KAARTJE]: "Kaartje",
  [ContactKind.MAIL]: "Mail",
  [ContactKind.ONBEKEND]: "Onbekend",
  [ContactKind.OVERIGE]: "Overige",
  [ContactKind.SMS_WHATSAPP]: "SMS/Whatsapp",
  [ContactKind.TELEFOON]: "Telefoon",
};

const CONTACT_KIND_MEANING: Record<ContactKind, string> = {
  [ContactKind.ADMINISTRATIEF]: "An administrative step, e.g. a check in a register",
  [ContactKind.AFSPRAAK_OP_LOCATIE]: "An appointment at a location",
  [ContactKind.BRIEF]: "A letter",
  [ContactKind.HUISBEZOEK]: "A home visit",
  [ContactKind.KAARTJE]: "A card left at the door",
  [ContactKind.MAIL]: "An e-mail",
  [ContactKind.ONBEKEND]: "Unknown",
  [ContactKind.OVERIGE]: "Another way",
  [ContactKind.SMS_WHATSAPP]: "A text or WhatsApp message",
  [ContactKind.TELEFOON]: "A phone call",
};

registerEnumType(ContactKind, {
  name: "ContactKind",
  description: "How the team tried to reach the household: the contact kinds of DDAS v1.2 (EnumContactsoort).",
  valuesConfig: Object.fromEntries(
    Object.values(ContactKind).map((kind) => [kind, { description: `${CONTACT_KIND_MEANING[kind]} (DDAS: "${DDAS_CONTACT_KIND[kind]}").` }]),
  ) as Record<ContactKind, { description: string }>,
});

/** Part of the day of a contact attempt (DDAS dagdeel): MORNING Ochtend, AFTERNOON Middag, EVENING Avond. */
export enum PartOfDay {
  MORNING = "MORNING",
  AFTERNOON = "AFTERNOON",
  EVENING = "EVENING",
}

export const DDAS_PART_OF_DAY: Record<PartOfDay, string> = {
  [PartOfDay.MORNING]: "Ochtend",
  [PartOfDay.AFTERNOON]: "Middag",
  [PartOfDay.EVENING]: "Avond",
};

registerEnumType(PartOfDay, {
  name: "PartOfDay",
  description: "Part of the day (DDAS dagdeel).",
  valuesConfig: {
    MORNING: { description: 'DDAS: "Ochtend".' },
    AFTERNOON: { description: 'DDAS: "Middag".' },
    EVENING: { description: 'DDAS: "Avond".' },
  },
});
