import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { BUDGET_COACH_TEAM, TEAMS, teamForPostcode } from "../../shared/src/covenant/organisations.js";
import type { DemoCase, DemoWorld } from "../../shared/src/demo/world.js";
import type { Phase } from "../../shared/src/covenant/phase.enum.js";
import { CaseNoteEntity } from "./case-note/case-note.entity.js";
import { CaseSignalEntity } from "./case/case-signal.entity.js";
import { CaseOutcome, CaseStatus } from "./case/case.enums.js";
import { CaseEntity } from "./case/case.entity.js";
import { ContactAttemptEntity } from "./contact-attempt/contact-attempt.entity.js";
import { ContactKind, PartOfDay } from "./contact-attempt/contact-attempt.enums.js";
import { FeedbackEntity } from "./feedback/feedback.entity.js";
import { feedbackDueOn } from "../../shared/src/covenant/working-days.js";
import { HouseholdProfileEntity } from "./household-profile/household-profile.entity.js";
import { addressKey, householdAddressOfRegistered, municipalityOfAddress } from "./household-profile/household-address.js";
import { TeamKind } from "./team/team.enums.js";
import { TeamEntity } from "./team/team.entity.js";

/** Rows per INSERT: large enough to be fast, far below PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 500;

export const NOT_TAKEN_UP_REASON = "De inwoner regelt het zelf en wil geen hulp vanuit vroegsignalering.";

/**
 * Writes swt's slice of the demo world: teams, household profiles, cases (the budget coach's referrals
 * among them, each with the corporation its feedback goes to, the day it was forwarded, its phase and
 * the day feedback is due) with their signals, contact attempts, notes and feedback. One transaction, multi-row inserts, and every row keyed by the world's ids with ON CONFLICT
 * DO NOTHING: running it again changes nothing. Returns how many demo cases the database holds afterwards.
 *
 * The world does not say why a case closed or why one was not taken up; this seed derives it from the
 * feedback so that the DDAS outcome and the privacy limit of Art. 5.5 have data to show: a closed case
 * taken into treatment was referred on for financial help, one with contact but no treatment was not
 * taken up because the household arranges it itself, one without contact could not be reached. The
 * demo's closed cases count as reported to sdv, whose own seed closes their signals.
 */
export async function seedDemo(db: DataSource, world: DemoWorld): Promise<{ cases: number }> {
  const forwardedOn = new Map(world.signals.map((signal) => [signal.id, signal.forwarding.forwardedOn]));
  // A case answers the signal that opened it, and so belongs to that signal's municipality.
  const municipalityOf = new Map(world.signals.map((signal) => [signal.id, signal.municipalityCode]));
  const phaseOf = new Map(world.signals.map((signal) => [signal.id, signal.phase as Phase]));

  const teams = [
    ...TEAMS.map((team) => ({ id: team.id, name: team.name, municipalityCode: team.municipalityCode, kind: TeamKind.SWT })),
    { id: BUDGET_COACH_TEAM.id, name: BUDGET_COACH_TEAM.name, municipalityCode: BUDGET_COACH_TEAM.municipalityCode, kind: TeamKind.BUDGET_COACH },
  ];
  // The SWT knows a household by its address; a second household the demo world puts at the same
  // address keeps only its tenant link, as a profile from before addresses were kept.
  const addressOf = new Map(world.tenants.map((tenant) => [tenant.id, tenant.address]));
  const addressesTaken = new Set<string>();
  const profiles = world.householdProfiles.map((profile) => {
    const registered = addressOf.get(profile.tenantId);
    const address = registered ? householdAddressOfRegistered(registered.postcode, registered.houseNumber) : null;
    const municipalityCode = address ? municipalityOfAddress(address) : undefined;
    const free = address && municipalityCode && !addressesTaken.has(addressKey(address));
    if (free) addressesTaken.add(addressKey(address));
    return {
      tenantId: profile.tenantId,
      ...(free ? { ...address, municipalityCode, recordedByTeam: teamForPostcode(address.postcode)?.id ?? null } : {}),
      knownSince: profile.knownSince,
      childrenUnder18: profile.childrenUnder18,
      member65Plus: profile.member65Plus,
    };
  });
  const cases = world.cases.map((kase) => ({
    id: kase.id,
    teamId: kase.teamId,
    tenantId: kase.tenantId,
    corporationId: kase.corporationId,
    municipalityCode: municipalityOf.get(kase.signalIds[0]!)!,
    status: kase.status as CaseStatus,
    openedOn: kase.openedOn,
    closedOn: kase.closedOn,
    outcome: outcomeOf(kase),
    forwardedOn: kase.forwardedOn,
    feedbackPhase: kase.phase as Phase,
    feedbackDueOn: kase.feedbackDueOn,
    closureReportedOn: kase.closedOn,
  }));
  const links = world.cases.flatMap((kase) =>
    kase.signalIds.map((signalId, i) => ({
      signalId,
      caseId: kase.id,
      position: i + 1,
      joinedOn: i === 0 ? kase.openedOn : (forwardedOn.get(signalId) ?? kase.openedOn),
      // A later signal has a feedback term of its own, from the day it joined, in its own phase.
      feedbackDueOn: i === 0 ? kase.feedbackDueOn : feedbackDueOn(forwardedOn.get(signalId) ?? kase.openedOn, phaseOf.get(signalId) ?? (kase.phase as Phase)),
    })),
  );
  const attempts = world.cases.flatMap((kase) =>
    kase.contactAttempts.map((attempt) => ({
      id: attempt.id,
      caseId: kase.id,
      kind: attempt.kind as ContactKind,
      reached: attempt.reached,
      on: attempt.on,
      partOfDay: attempt.partOfDay as PartOfDay,
    })),
  );
  const notes = world.cases.flatMap((kase) =>
    kase.notes.map((note) => ({ id: note.id, caseId: kase.id, text: note.text, author: note.author, createdAt: new Date(note.writtenAt) })),
  );
  const feedback = world.cases.flatMap((kase) => {
    const f = kase.feedback;
    if (!f) return [];
    const notTakenUp = f.notTakenUpForOtherReason;
    return [
      {
        id: f.id,
        caseId: kase.id,
        givenOn: f.givenOn,
        contactMade: f.contactMade,
        takenIntoTreatment: f.takenIntoTreatment,
        collectionCanBeSuspended: f.collectionCanBeSuspended,
        paymentsResumeOn: f.paymentsResumeOn,
        arrearsArrangement: f.arrearsArrangement,
        notTakenUpForOtherReason: notTakenUp,
        reasonNotTakenUp: notTakenUp ? NOT_TAKEN_UP_REASON : null,
      },
    ];
  });

  await db.transaction(async (manager) => {
    await insertMissing(manager, TeamEntity, teams);
    await insertMissing(manager, HouseholdProfileEntity, profiles);
    await insertMissing(manager, CaseEntity, cases);
    await insertMissing(manager, CaseSignalEntity, links);
    await insertMissing(manager, ContactAttemptEntity, attempts);
    await insertMissing(manager, CaseNoteEntity, notes);
    await insertMissing(manager, FeedbackEntity, feedback);
  });
  return { cases: cases.length };
}

/** The DDAS outcome the demo gives a case (see seedDemo for why). */
export function outcomeOf(kase: DemoCase): CaseOutcome | null {
  if (kase.status !== "CLOSED") return null;
  if (kase.feedback?.takenIntoTreatment) return CaseOutcome.FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL;
  if (kase.feedback?.contactMade) return CaseOutcome.ARRANGES_IT_THEMSELVES;
  return CaseOutcome.NO_CONTACT_POSSIBLE;
}

async function insertMissing<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + CHUNK) as never)
      .orIgnore()
      // The ids are the world's; reading generated columns back would only cost time.
      .updateEntity(false)
      .execute();
  }
}
