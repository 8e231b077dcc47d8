import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { BUDGET_COACH_TEAM } from "../../shared/src/covenant/organisations.js";
import { DEMO_BAILIFF_WINDOW_DAYS, DEMO_THRESHOLD_CENTS, demoId, type DemoWorld } from "../../shared/src/demo/world.js";
import { PriorityEntity } from "./priority/priority.entity.js";
import { ReferralRecordEntity } from "./referral/referral-record.entity.js";
import { ReferralEntity } from "./referral/referral.entity.js";
import { SignalEntity } from "./signal/signal.entity.js";
import { DEFAULT_THRESHOLD } from "./threshold/threshold.defaults.js";
import { ThresholdEntity } from "./threshold/threshold.entity.js";

const CHUNK = 500;

/** Multi-row inserts that skip rows already there, so seeding again changes nothing. */
async function insertAll<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as never)
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}

/**
 * sdv's slice of the demo world: the default threshold, the signals as delivered (with their repeated
 * links), their priorities and forwardings, each with the case the swt slice opens for it. One transaction; ids come from the world, so running it
 * again, or after the other subgraphs, adds nothing and stays consistent with them.
 * Returns how many signals the demo holds.
 */
export async function seedDemo(db: DataSource, world: DemoWorld): Promise<{ signals: number }> {
  if (DEMO_THRESHOLD_CENTS !== DEFAULT_THRESHOLD.amountCents) {
    throw new Error(`The demo world assumes a threshold of ${DEMO_THRESHOLD_CENTS} cents, sdv's default is ${DEFAULT_THRESHOLD.amountCents}.`);
  }
  const postcodeOf = new Map(world.tenants.map((t) => [t.id, t.address.postcode]));
  // The world is ordered by month, so an earlier signal is always written before the one that links to it.
  const signals: Partial<SignalEntity>[] = world.signals.map((s) => ({
    id: s.id,
    tenantId: s.tenantId,
    corporationId: s.corporationId,
    municipalityCode: s.municipalityCode,
    postcodeArea: postcodeOf.get(s.tenantId)?.slice(0, 4) ?? null,
    reportingMonth: s.reportingMonth,
    signalDate: s.receivedAt.slice(0, 10),
    channel: s.channel,
    receivedAt: new Date(s.receivedAt),
    deliveredAmountCents: s.amountCents,
    deliveredPhase: s.phase,
    deliveredBailiffHandoverOn: s.bailiffHandoverOn,
    status: "FORWARDED",
    previousSignalId: s.previousSignalId,
  }));
  const priorities: Partial<PriorityEntity>[] = world.signals.map((s) => ({
    id: demoId(`priority:${s.id}`),
    signalId: s.id,
    level: s.priority.level,
    rule: s.priority.rule,
    reason: s.priority.reason,
    inputs: {
      signalDate: s.receivedAt.slice(0, 10),
      amountCents: s.amountCents,
      phase: s.phase,
      bailiffHandoverOn: s.bailiffHandoverOn,
      thresholdCents: DEFAULT_THRESHOLD.amountCents,
      bailiffWindowDays: DEMO_BAILIFF_WINDOW_DAYS,
      knownVulnerableAtSwt: s.priority.knownVulnerableAtSwt,
    },
    thresholdId: DEFAULT_THRESHOLD.id,
    computedAt: new Date(s.receivedAt),
  }));
  const caseOf = new Map(world.cases.flatMap((kase) => kase.signalIds.map((signalId) => [signalId, kase] as const)));
  const referrals: Partial<ReferralEntity>[] = world.signals.map((s) => ({
    id: demoId(`referral:${s.id}`),
    signalId: s.id,
    target: s.forwarding.target,
    teamId: s.forwarding.target === "BUDGET_COACH" ? BUDGET_COACH_TEAM.id : s.forwarding.teamId!,
    forwardedOn: s.forwarding.forwardedOn,
    forwardedAt: new Date(`${s.forwarding.forwardedOn}T08:00:00.000Z`),
    caseId: caseOf.get(s.id)?.id ?? null,
    caseTeamId: caseOf.get(s.id)?.teamId ?? null,
  }));

  // Each forwarding is the first of its signal's history, made at intake.
  const referralRecords: Partial<ReferralRecordEntity>[] = referrals.map((r) => ({
    id: demoId(`forwarding:${r.signalId}`),
    signalId: r.signalId,
    kind: "RECEIPT",
    fromTarget: null,
    fromTeamId: null,
    toTarget: r.target,
    toTeamId: r.teamId,
    forwardedOn: r.forwardedOn,
    forwardedAt: r.forwardedAt,
    forwardedBy: "demo-intake",
    reason: null,
  }));

  await db.transaction(async (manager) => {
    await insertAll(manager, ThresholdEntity, [{ ...DEFAULT_THRESHOLD }]);
    await insertAll(manager, SignalEntity, signals);
    await insertAll(manager, PriorityEntity, priorities);
    await insertAll(manager, ReferralEntity, referrals);
    await insertAll(manager, ReferralRecordEntity, referralRecords);
  });
  return { signals: world.signals.length };
}
