import type { DataSource, EntityManager } from "typeorm";
import { euros, targetOfLevel } from "../../../shared/src/covenant/priority.js";
import { badInput, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import type { CaseOpeningRequestService } from "../referral/case-opening-request.js";
import { referralDay, planReferral, type ReferralChangeValue, type Route, type RoutingTableSource } from "../referral/route.js";
import { ReferralEntity } from "../referral/referral.entity.js";
import { recordReferrals, WRITE_CHUNK, type ReferralStep } from "../referral/referral.service.js";
import { SignalEntity, LIVE_STATUSES } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import type { ThresholdEntity } from "../threshold/threshold.entity.js";
import type { ThresholdService } from "../threshold/threshold.service.js";
import { PriorityRevisionEntity, type PriorityRevisionKind } from "./priority-revision.entity.js";
import { PriorityEntity, type PriorityLevelValue } from "./priority.entity.js";
import { prioritise } from "./priority.rules.js";
import { now as clockNow } from "../../../shared/src/clock.js";

/** The level that counts for routing and lists: an SDV worker's override wins over the computed level. */
export function effectiveLevel(priority: Pick<PriorityEntity, "level" | "overrideLevel">): PriorityLevelValue {
  return priority.overrideLevel ?? priority.level;
}

/** A priority with the tenant of its signal: its inputs and reason state that person's arrears, so reads are logged. */
export type VisiblePriority = PriorityEntity & { tenantId: string };
export type VisibleRevision = PriorityRevisionEntity & { tenantId: string };

/** A signal with its priority and forwarding, as the decisions on it read it. */
type HandledSignal = SignalEntity & { priority: PriorityEntity | null; referral: ReferralEntity | null };

/** At most this many signals per recomputation: one batch of intake. */
export const MAX_RECOMPUTATION = 20_000;

export interface PriorityChangeValue {
  signal: SignalEntity;
  tenantId: string;
  currentLevel: PriorityLevelValue;
  newLevel: PriorityLevelValue;
  currentRule: string;
  newRule: string;
  reason: string;
  forwardingWouldChange: boolean;
}

export interface RecomputationItemValue {
  signalId: string;
  tenantId?: string;
  outcome: "RECOMPUTED" | "UNCHANGED" | "SKIPPED";
  signal: SignalEntity | null;
  previousLevel: PriorityLevelValue | null;
  newLevel: PriorityLevelValue | null;
  message: string;
  forwardingChange: ReferralChangeValue | null;
}

function routeOfReferral(referral: ReferralEntity | null): Route | null {
  return referral ? { target: referral.target, teamId: referral.teamId } : null;
}

/**
 * Priorities (Art. 5.3): read where their signal is visible; overridden by an SDV worker; previewed and
 * recomputed under another threshold. The priority row always holds the decision in force; whatever it
 * replaces goes to priority_revision in the same transaction, and a change of level that sends the
 * signal to another target moves its forwarding and says so; after the commit, swt is asked for the
 * case of each signal forwarded anew (see CaseOpeningRequestService).
 */
export class PriorityService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
    private readonly identity: Identity,
    private readonly thresholds: ThresholdService,
    private readonly routing: RoutingTableSource,
    private readonly caseOpening: CaseOpeningRequestService,
  ) {}

  /** The priority per signal id, in the order asked; null where none or the signal is not the caller's. */
  async bySignalIds(signalIds: readonly string[]): Promise<(VisiblePriority | null)[]> {
    const valid = signalIds.filter(isUuid);
    if (valid.length === 0) return signalIds.map(() => null);
    const { entities, raw } = await this.policy
      .restrict(
        this.db
          .getRepository(PriorityEntity)
          .createQueryBuilder("priority")
          .innerJoin(SignalEntity, "signal", "signal.id = priority.signalId")
          .addSelect("signal.tenantId", "signal_tenant_id"),
        "signal",
      )
      .andWhere("priority.signalId = ANY(:signalIds)", { signalIds: valid })
      .getRawAndEntities<{ priority_id: string; signal_tenant_id: string }>();
    const tenantOf = new Map(raw.map((row) => [row.priority_id, row.signal_tenant_id]));
    const bySignal = new Map(entities.map((row) => [row.signalId, Object.assign(row, { tenantId: tenantOf.get(row.id)! })]));
    return signalIds.map((id) => bySignal.get(id) ?? null);
  }

  /** Per signal id, what its priority replaced, newest first; one query for all. */
  async historyBySignalIds(signalIds: readonly string[]): Promise<VisibleRevision[][]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length
      ? await this.policy
          .restrict(
            this.db
              .getRepository(PriorityRevisionEntity)
              .createQueryBuilder("revision")
              .innerJoinAndMapOne("revision.signal", SignalEntity, "signal", "signal.id = revision.signalId"),
            "signal",
          )
          .andWhere("revision.signalId = ANY(:signalIds)", { signalIds: valid })
          .orderBy("revision.revisedAt", "DESC")
          .addOrderBy("revision.id", "DESC")
          .getMany()
      : [];
    const bySignal = new Map<string, VisibleRevision[]>();
    for (const row of rows as (PriorityRevisionEntity & { signal: SignalEntity })[]) {
      const list = bySignal.get(row.signalId) ?? [];
      list.push(Object.assign(row, { tenantId: row.signal.tenantId }));
      bySignal.set(row.signalId, list);
    }
    return signalIds.map((id) => bySignal.get(id) ?? []);
  }

  /** The signals asked, with priority and forwarding, locked for a decision; only those the caller may see. */
  private async handled(manager: EntityManager, ids: string[]): Promise<Map<string, HandledSignal>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = (await this.policy
      .restrict(manager.getRepository(SignalEntity).createQueryBuilder("signal"))
      .leftJoinAndMapOne("signal.priority", PriorityEntity, "priority", "priority.signalId = signal.id")
      .leftJoinAndMapOne("signal.referral", ReferralEntity, "referral", "referral.signalId = signal.id")
      .andWhere("signal.id = ANY(:ids)", { ids: valid })
      .setLock("pessimistic_write", undefined, ["signal"])
      .getMany()) as HandledSignal[];
    return new Map(rows.map((row) => [row.id, { ...row, priority: row.priority ?? null, referral: row.referral ?? null } as HandledSignal]));
  }

  private revisionOf(signal: HandledSignal, kind: PriorityRevisionKind, at: Date): Partial<PriorityRevisionEntity> {
    const p = signal.priority!;
    return {
      signalId: signal.id,
      level: p.level,
      rule: p.rule,
      reason: p.reason,
      inputs: p.inputs,
      thresholdId: p.thresholdId,
      computedAt: p.computedAt,
      overrideLevel: p.overrideLevel,
      overrideReason: p.overrideReason,
      overriddenBy: p.overriddenBy,
      forwardedTo: signal.referral?.target ?? null,
      forwardedTeamId: signal.referral?.teamId ?? null,
      forwardedOn: signal.referral?.forwardedOn ?? null,
      revision: kind,
      revisedBy: this.identity.sub,
      revisedAt: at,
    };
  }

  private async keepRevisions(manager: EntityManager, rows: Partial<PriorityRevisionEntity>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1_000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(PriorityRevisionEntity)
        .values(rows.slice(i, i + 1_000))
        .updateEntity(false)
        .execute();
    }
  }

  /**
   * An SDV worker sets the level of one signal, with a reason; the computed level stays beside it.
   * The override decides the forwarding: between I-III and IV the signal moves, and the answer says so.
   */
  async override(signalId: string, level: PriorityLevelValue, reason: string): Promise<{ signal: SignalEntity; forwardingChange: ReferralChangeValue | null }> {
    const why = (reason ?? "").trim();
    if (!why) throw badInput("reason must say why the level is overridden; it is kept beside the computed level.", { argument: "reason" });
    if (why.length > 2_000) throw badInput("reason is longer than 2000 characters.", { argument: "reason" });
    const now = clockNow();
    const forwardedOn = referralDay(now);
    const result = await this.db.transaction(async (manager) => {
      const signal = (await this.handled(manager, [signalId])).get(signalId);
      if (!signal) throw userError("SIGNAL_NOT_FOUND", `No signal with id "${signalId}" that you may see.`, { argument: "signalId" });
      if (!LIVE_STATUSES.includes(signal.status)) {
        throw userError("SIGNAL_NOT_OPEN", `Signal ${signalId} is ${signal.status}; only a RECEIVED or FORWARDED signal's priority can be overridden.`);
      }
      if (!signal.priority) throw userError("PRIORITY_NOT_COMPUTED", `Signal ${signalId} has no computed priority to override.`);
      await this.keepRevisions(manager, [this.revisionOf(signal, "OVERRIDDEN", now)]);
      await manager.query(`UPDATE priority SET override_level = $2, override_reason = $3, overridden_by = $4, overridden_at = $5 WHERE signal_id = $1`, [
        signal.id,
        level,
        why,
        this.identity.sub,
        now,
      ]);
      const plan = planReferral(routeOfReferral(signal.referral), level, signal, await this.routing.table(manager), forwardedOn);
      if (plan.write) {
        await recordReferrals(manager, [{ signalId: signal.id, route: plan.write, kind: "PRIORITY" }], forwardedOn, now, this.identity.sub, true);
        signal.status = "FORWARDED";
      }
      return { signal: plain(signal), forwardingChange: plan.change };
    });
    if (result.forwardingChange?.changed) await this.caseOpening.afterForwarding({ forwarded: [result.signal.id] });
    return result;
  }

  /**
   * What a threshold would change among the open signals the caller may see (RECEIVED or FORWARDED,
   * not overridden: an override is a worker's decision a threshold does not reopen). Computed from each
   * priority's stored inputs with only the threshold replaced; nothing is written.
   */
  async preview(thresholdId: string | null | undefined): Promise<{ threshold: ThresholdEntity; openSignals: number; changes: PriorityChangeValue[] }> {
    const threshold = await this.thresholds.forRecomputation(thresholdId);
    const signals = (await this.policy
      .restrict(this.db.getRepository(SignalEntity).createQueryBuilder("signal"))
      .innerJoinAndMapOne("signal.priority", PriorityEntity, "priority", "priority.signalId = signal.id")
      .andWhere("signal.status IN (:...openStatuses)", { openStatuses: LIVE_STATUSES })
      .andWhere("priority.overrideLevel IS NULL")
      .orderBy("signal.receivedAt", "ASC")
      .addOrderBy("signal.id", "ASC")
      .getMany()) as (SignalEntity & { priority: PriorityEntity })[];
    const changes: PriorityChangeValue[] = [];
    for (const { priority, ...signal } of signals) {
      const next = prioritise({ ...priority.inputs, thresholdCents: threshold.amountCents });
      if (next.level === priority.level) continue;
      changes.push({
        signal,
        tenantId: signal.tenantId,
        currentLevel: priority.level,
        newLevel: next.level,
        currentRule: priority.rule,
        newRule: next.rule,
        reason: next.reason,
        forwardingWouldChange: targetOfLevel(priority.level) !== targetOfLevel(next.level),
      });
    }
    return { threshold, openSignals: signals.length, changes };
  }

  /**
   * Applies a threshold to the signals listed, and to no other: each open, not overridden signal whose
   * level changes gets a new priority (the one it replaces is kept in its history) and, between I-III
   * and IV, a new forwarding. Every signal listed gets an answer, in the order listed. One transaction.
   */
  async recompute(signalIds: string[], thresholdId: string | null | undefined): Promise<{ threshold: ThresholdEntity; recomputed: number; items: RecomputationItemValue[] }> {
    const ids = [...new Set(signalIds)];
    if (ids.length > MAX_RECOMPUTATION) {
      throw badInput(`At most ${MAX_RECOMPUTATION} signals can be recomputed at once, got ${ids.length}.`, { argument: "signalIds" });
    }
    const threshold = await this.thresholds.forRecomputation(thresholdId);
    const now = clockNow();
    const forwardedOn = referralDay(now);
    const steps: ReferralStep[] = [];
    const result = await this.db.transaction(async (manager) => {
      const found = await this.handled(manager, ids);
      const routing = found.size ? await this.routing.table(manager) : new Map<string, string>();
      const revisions: Partial<PriorityRevisionEntity>[] = [];
      const updates: Record<string, unknown>[] = [];
      const items = ids.map((signalId): RecomputationItemValue => {
        const signal = found.get(signalId);
        const skipped = (message: string): RecomputationItemValue => ({
          signalId,
          tenantId: signal?.tenantId,
          outcome: "SKIPPED",
          signal: signal ? plain(signal) : null,
          previousLevel: signal?.priority?.level ?? null,
          newLevel: null,
          message,
          forwardingChange: null,
        });
        if (!signal) return skipped(`No signal with id "${signalId}" that you may see.`);
        if (!LIVE_STATUSES.includes(signal.status)) return skipped(`The signal is ${signal.status}; only open signals (RECEIVED, FORWARDED) are recomputed.`);
        const priority = signal.priority;
        if (!priority) return skipped("The signal has no computed priority yet.");
        if (priority.overrideLevel) {
          return skipped(`An SDV worker set its level to ${priority.overrideLevel} (${priority.overrideReason}); the override stands.`);
        }
        const inputs = { ...priority.inputs, thresholdCents: threshold.amountCents };
        const next = prioritise(inputs);
        if (next.level === priority.level) {
          return {
            ...skipped(`Level ${priority.level} stays under the threshold of ${euros(threshold.amountCents)}; nothing was written.`),
            outcome: "UNCHANGED",
            newLevel: priority.level,
          };
        }
        revisions.push(this.revisionOf(signal, "RECOMPUTED", now));
        updates.push({ signal_id: signal.id, level: next.level, rule: next.rule, reason: next.reason, inputs, threshold_id: threshold.id });
        const plan = planReferral(routeOfReferral(signal.referral), next.level, signal, routing, forwardedOn);
        if (plan.write) {
          steps.push({ signalId: signal.id, route: plan.write, kind: "PRIORITY" });
          signal.status = "FORWARDED";
        }
        return {
          signalId,
          tenantId: signal.tenantId,
          outcome: "RECOMPUTED",
          signal: plain(signal),
          previousLevel: priority.level,
          newLevel: next.level,
          message: next.reason,
          forwardingChange: plan.change,
        };
      });
      await this.keepRevisions(manager, revisions);
      for (let i = 0; i < updates.length; i += WRITE_CHUNK) {
        await manager.query(
          `UPDATE priority p SET level = r.level, rule = r.rule, reason = r.reason, inputs = r.inputs, threshold_id = r.threshold_id, computed_at = $2
             FROM jsonb_to_recordset($1::jsonb) AS r(signal_id uuid, level text, rule text, reason text, inputs jsonb, threshold_id uuid)
            WHERE p.signal_id = r.signal_id`,
          [JSON.stringify(updates.slice(i, i + WRITE_CHUNK)), now],
        );
      }
      await recordReferrals(manager, steps, forwardedOn, now, this.identity.sub, true);
      return { threshold, recomputed: updates.length, items };
    });
    if (steps.length) await this.caseOpening.afterForwarding({ forwarded: steps.map((f) => f.signalId) });
    return result;
  }
}

function plain(signal: HandledSignal): SignalEntity {
  const { priority: _p, referral: _r, ...rest } = signal;
  return rest as SignalEntity;
}
