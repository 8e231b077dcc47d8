import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { PriorityInputsRecord, PriorityLevelValue } from "../priority/priority.entity.js";
import type { ReferralTargetValue } from "../referral/referral.entity.js";
import { DEFAULT_THRESHOLD } from "../threshold/threshold.defaults.js";
import type { SignalChannelValue, SignalStatusValue } from "./signal.entity.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";

/** Test data builders for the sdv subgraph's tests (not used by the running subgraph). */

export interface SignalSeed {
  tenantId?: string;
  corporationId?: string;
  municipalityCode?: string;
  reportingMonth?: string;
  channel?: SignalChannelValue;
  status?: SignalStatusValue;
  amountCents?: number;
  receivedAt?: string;
  /** A computed priority of this level, with the default threshold. */
  priority?: PriorityLevelValue;
  /** Forwarded to an SWT team (its slug) or to the budget coach. */
  forwardedTo?: { target: "SWT"; teamId: string } | { target: Extract<ReferralTargetValue, "BUDGET_COACH"> };
}

/** Writes one signal, with its priority and forwarding when given; returns its id and tenant id. */
export async function insertSignal(db: DataSource, seed: SignalSeed = {}): Promise<{ id: string; tenantId: string }> {
  const tenantId = seed.tenantId ?? randomUUID();
  const [row] = await db.query(
    `insert into signal (tenant_id, corporation_id, municipality_code, reporting_month, signal_date, channel, status, received_at, delivered_amount_cents, delivered_phase)
     values ($1, $2, $3, $4, ($7::timestamptz at time zone 'Europe/Amsterdam')::date, $5, $6, $7, $8, 'ARREARS') returning id`,
    [
      tenantId,
      seed.corporationId ?? "elan-wonen",
      seed.municipalityCode ?? "0392",
      seed.reportingMonth ?? "2026-09",
      seed.channel ?? "VPS",
      seed.status ?? "RECEIVED",
      seed.receivedAt ?? now().toISOString(),
      seed.amountCents ?? 12_000,
    ],
  );
  const id: string = row.id;
  if (seed.priority) {
    const inputs: PriorityInputsRecord = {
      signalDate: (seed.receivedAt ?? now().toISOString()).slice(0, 10),
      amountCents: seed.amountCents ?? 12_000,
      phase: "ARREARS",
      bailiffHandoverOn: null,
      thresholdCents: DEFAULT_THRESHOLD.amountCents,
      bailiffWindowDays: 14,
      knownVulnerableAtSwt: false,
    };
    await db.query(`insert into priority (signal_id, level, rule, reason, inputs, threshold_id, computed_at) values ($1, $2, $2 || '.TEST', 'Set by a test.', $3, $4, $5)`, [
      id,
      seed.priority,
      inputs,
      DEFAULT_THRESHOLD.id,
      now(),
    ]);
  }
  if (seed.forwardedTo) {
    await db.query(`insert into referral (signal_id, target, team_id, forwarded_on, forwarded_at) values ($1, $2, $3, $4, $5)`, [
      id,
      seed.forwardedTo.target,
      seed.forwardedTo.target === "SWT" ? seed.forwardedTo.teamId : BUDGET_COACH_TEAM.id,
      todayInNetherlands(),
      now(),
    ]);
  }
  return { id, tenantId };
}
