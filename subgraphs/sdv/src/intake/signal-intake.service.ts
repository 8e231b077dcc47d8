import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import type { PriorityResult } from "../../../shared/src/covenant/priority.js";
import { bailiffWindowDays } from "../priority/priority.config.js";
import type { PriorityInputsRecord } from "../priority/priority.entity.js";
import { prioritise } from "../priority/priority.rules.js";
import type { CaseOpeningRequestService } from "../referral/case-opening-request.js";
import { referralDay, routeOf, type Route } from "../referral/route.js";
import { recordReferrals, WRITE_CHUNK } from "../referral/referral.service.js";
import type { RoutingService } from "../routing/routing.service.js";
import { SignalEntity, type SignalChannelValue } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import type { ThresholdService } from "../threshold/threshold.service.js";
import { now as clockNow, todayInNetherlands } from "../../../shared/src/clock.js";
import { recordRefusals, type RefusedItem } from "./intake-refusal.js";
import { intakeFactsOf, knownVulnerableAtSwt } from "./intake.peers.js";
import { corporationForWrite } from "../../../shared/src/corporation-for-write.js";
import { channelRefusal, duplicate, MAX_BATCH_ITEMS, notFound, postcodeArea, refusalsFor, type IntakeFacts, type Refusal } from "./intake.rules.js";
import type { SubmitSignalsInput } from "./intake.type.js";

export interface ItemAnswer {
  tenantReference: string;
  outcome: "ACCEPTED" | "ALREADY_RECEIVED" | "REFUSED";
  signal: SignalEntity | null;
  refusals: Refusal[];
}

export interface BatchAnswer {
  corporationId: string;
  reportingMonth: string;
  signalDate: string;
  channel: SignalChannelValue;
  accepted: number;
  alreadyReceived: number;
  refused: number;
  /** Referrals of this corporation still awaiting their case at swt after this batch (see CaseOpeningRequestService). */
  casesPending: number;
  items: ItemAnswer[];
}

/** A signal about to be written, with the priority and forwarding decided for it. */
interface NewSignal {
  index: number;
  signal: SignalEntity;
  inputs: PriorityInputsRecord;
  priority: PriorityResult;
  /** The threshold valid on the day of receipt, which the priority used. */
  thresholdId: string;
  route: Route | null;
}

/**
 * Signal intake (Art. 1, 3, 4, 5.2, 5.3): a corporation's monthly batch, checked, prioritised,
 * forwarded and answered per item. The work is set-based whatever the batch size: one call to the
 * corporations subgraph for all tenants' facts, one to swt for the derived level III fact, a fixed
 * number of reads, and bulk inserts in one transaction. Idempotent per (corporation, tenant, month):
 * the unique key decides, so a retried or concurrent batch never makes a second signal. Refused items
 * are kept for monitoring in the same transaction, once however often the batch is sent. After the
 * commit, swt is asked to open the cases of the new forwardings (and of any of this corporation's
 * earlier forwardings still waiting for theirs); if it cannot be reached, the batch stands.
 */
export class SignalIntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly peers: PeerClient,
    private readonly policy: SignalPolicy,
    private readonly thresholds: ThresholdService,
    private readonly routing: RoutingService,
    private readonly caseOpening: CaseOpeningRequestService,
  ) {}

  async submit(input: SubmitSignalsInput): Promise<BatchAnswer> {
    const started = performance.now();
    const corporationId = corporationForWrite(this.identity, input.corporationId, "submit signals", (other) => `submit signals for corporation "${other}"`);
    const now = clockNow();
    const receivedOn = todayInNetherlands(now);
    const signalDate = input.signalDate ?? receivedOn;
    const { reportingMonth } = input;
    const channel = input.channel as SignalChannelValue;
    validateBatch(input, signalDate, receivedOn);

    const answers: ItemAnswer[] = new Array(input.items.length);
    /** The refused items to keep for monitoring: first occurrences of a reference only. */
    const refused: RefusedItem[] = [];
    const refuse = (index: number, refusals: Refusal[], kept?: { reference: string; facts: IntakeFacts | null }) => {
      answers[index] = { tenantReference: input.items[index]!.tenantReference, outcome: "REFUSED", signal: null, refusals };
      if (kept) refused.push({ ...kept, refusals });
    };
    const already = (index: number, signal: SignalEntity) => {
      answers[index] = { tenantReference: input.items[index]!.tenantReference, outcome: "ALREADY_RECEIVED", signal, refusals: [] };
    };

    // The first item of a reference is processed; a repeat of it in the same batch is refused.
    const firstAt = new Map<string, number>();
    input.items.forEach((item, index) => {
      const reference = (item.tenantReference ?? "").trim();
      const first = firstAt.get(reference);
      if (!reference) refuse(index, [notFound("", corporationId)]);
      else if (first !== undefined) refuse(index, [duplicate(reference, first)]);
      else firstAt.set(reference, index);
    });

    const facts = await intakeFactsOf(this.peers, corporationId, [...firstAt.keys()]);
    const existing = await this.existing(
      this.db.manager,
      corporationId,
      reportingMonth,
      [...facts.values()].map((f) => f.tenantId),
    );
    const channelCheck = channelRefusal(channel, signalDate);
    const candidates: { index: number; facts: IntakeFacts }[] = [];
    for (const [reference, index] of firstAt) {
      const found = facts.get(reference);
      if (!found) {
        refuse(index, [notFound(reference, corporationId)], { reference, facts: null });
        continue;
      }
      // A signal already received answers the same whatever has changed since: a retry is not a new signal.
      const known = existing.get(found.tenantId);
      if (known) {
        already(index, known);
        continue;
      }
      const refusals = refusalsFor(found, signalDate, channelCheck);
      if (refusals.length) refuse(index, refusals, { reference, facts: found });
      else candidates.push({ index, facts: found });
    }

    if (candidates.length === 0 && refused.length) {
      await recordRefusals(this.db.manager, { corporationId, reportingMonth, at: now }, refused);
    }
    if (candidates.length) {
      const fresh = await this.decide(candidates, { corporationId, reportingMonth, signalDate, channel, now, receivedOn });
      const inserted = await this.store(fresh, { corporationId, reportingMonth, signalDate, channel, now }, refused);
      const lost: NewSignal[] = [];
      for (const item of fresh) {
        const previousSignalId = inserted.get(item.signal.id);
        if (previousSignalId === undefined) {
          lost.push(item);
          continue;
        }
        item.signal.previousSignalId = previousSignalId;
        answers[item.index] = { tenantReference: input.items[item.index]!.tenantReference, outcome: "ACCEPTED", signal: item.signal, refusals: [] };
      }
      // Another request recorded these between our read and our insert: its signal is the one.
      if (lost.length) {
        const winners = await this.existing(
          this.db.manager,
          corporationId,
          reportingMonth,
          lost.map((item) => item.signal.tenantId),
        );
        for (const item of lost) {
          const winner = winners.get(item.signal.tenantId);
          if (!winner) throw new Error(`Signal of tenant ${item.signal.tenantId} for ${reportingMonth} conflicted on insert but cannot be read back.`);
          already(item.index, winner);
        }
      }
    }

    // After the commit: a failure here is logged and leaves the forwardings pending, never undoes them.
    const cases = await this.caseOpening.afterForwarding({ corporationId });

    const count = (outcome: ItemAnswer["outcome"]) => answers.filter((a) => a.outcome === outcome).length;
    const answer: BatchAnswer = {
      corporationId,
      reportingMonth,
      signalDate,
      channel,
      accepted: count("ACCEPTED"),
      alreadyReceived: count("ALREADY_RECEIVED"),
      refused: count("REFUSED"),
      casesPending: cases.pending,
      items: answers,
    };
    logger.info(
      {
        corporationId,
        reportingMonth,
        items: answers.length,
        accepted: answer.accepted,
        alreadyReceived: answer.alreadyReceived,
        refused: answer.refused,
        casesOpened: cases.opened,
        casesPending: cases.pending,
        ms: Math.round(performance.now() - started),
      },
      "signal batch processed",
    );
    return answer;
  }

  /** The signals this corporation already has for these tenants in this month, by tenant; one statement. */
  private async existing(manager: EntityManager, corporationId: string, reportingMonth: string, tenantIds: string[]): Promise<Map<string, SignalEntity>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await this.policy
      .restrict(manager.getRepository(SignalEntity).createQueryBuilder("signal"))
      .andWhere("signal.corporationId = :corporationId AND signal.reportingMonth = :reportingMonth", { corporationId, reportingMonth })
      .andWhere("signal.tenantId = ANY(:tenantIds)", { tenantIds })
      .getMany();
    return new Map(rows.map((row) => [row.tenantId, row]));
  }

  /**
   * Priority (Art. 5.3) and forwarding of each accepted item, decided in memory: the threshold valid on
   * the day of receipt, the bailiff window in force, and of the SWT only whether priority III applies.
   */
  private async decide(
    candidates: { index: number; facts: IntakeFacts }[],
    batch: { corporationId: string; reportingMonth: string; signalDate: string; channel: SignalChannelValue; now: Date; receivedOn: string },
  ): Promise<NewSignal[]> {
    const vulnerable = await knownVulnerableAtSwt(
      this.peers,
      candidates.map(({ facts }) => ({ tenantId: facts.tenantId, postcode: facts.postcode, houseNumber: facts.houseNumber })),
    );
    const threshold = await this.thresholds.validOn(batch.receivedOn);
    if (!threshold) throw new Error(`No threshold is valid on ${batch.receivedOn}; the initial migration writes the covenant's default.`);
    const routing = await this.routing.table();
    const window = bailiffWindowDays();
    return candidates.map(({ index, facts }) => {
      const arrears = facts.arrears!;
      const inputs: PriorityInputsRecord = {
        signalDate: batch.signalDate,
        amountCents: arrears.amountCents,
        phase: arrears.phase,
        bailiffHandoverOn: arrears.bailiffHandoverOn,
        thresholdCents: threshold.amountCents,
        bailiffWindowDays: window,
        knownVulnerableAtSwt: vulnerable.has(facts.tenantId),
      };
      const priority = prioritise(inputs);
      const area = postcodeArea(facts.postcode);
      const route = routeOf(priority.level, { municipalityCode: facts.municipalityCode, postcodeArea: area }, routing);
      const signal = Object.assign(new SignalEntity(), {
        id: randomUUID(),
        tenantId: facts.tenantId,
        corporationId: batch.corporationId,
        municipalityCode: facts.municipalityCode,
        postcodeArea: area,
        reportingMonth: batch.reportingMonth,
        signalDate: batch.signalDate,
        channel: batch.channel,
        receivedAt: batch.now,
        deliveredAmountCents: arrears.amountCents,
        deliveredPhase: arrears.phase,
        deliveredBailiffHandoverOn: arrears.bailiffHandoverOn,
        // Forwarded on receipt; one that no team's area covers waits until a routing area is set.
        status: route ? "FORWARDED" : "RECEIVED",
        closedOn: null,
        previousSignalId: null,
        createdAt: batch.now,
      } satisfies SignalEntity);
      return { index, signal, inputs, priority, thresholdId: threshold.id, route };
    });
  }

  /**
   * Writes the new signals with their priorities and forwardings in one transaction, in bulk. The unique
   * key (corporation, tenant, month) skips any a concurrent request wrote first; only the signals
   * inserted here get a priority and a forwarding. Each is linked to the household's latest signal of
   * an earlier month (a repeated signal, DDAS). The batch's refused items are kept in the same
   * transaction. Returns, per inserted id, that earlier signal's id.
   */
  private async store(
    fresh: NewSignal[],
    batch: { corporationId: string; reportingMonth: string; signalDate: string; channel: SignalChannelValue; now: Date },
    refused: RefusedItem[],
  ): Promise<Map<string, string | null>> {
    const forwardedOn = referralDay(batch.now);
    return this.db.transaction(async (manager) => {
      const inserted = new Map<string, string | null>();
      for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
        const rows: { id: string; previous_signal_id: string | null }[] = await manager.query(
          `INSERT INTO signal (id, tenant_id, corporation_id, municipality_code, postcode_area, reporting_month, signal_date, channel, received_at,
                               delivered_amount_cents, delivered_phase, delivered_bailiff_handover_on, status, previous_signal_id)
           SELECT i.id, i.tenant_id, $2, i.municipality_code, i.postcode_area, $3, $4::date, $5, $6::timestamptz,
                  i.amount_cents, i.phase, i.bailiff_handover_on, i.status,
                  (SELECT earlier.id FROM signal earlier
                    WHERE earlier.tenant_id = i.tenant_id AND earlier.reporting_month < $3 AND earlier.status <> 'WITHDRAWN'
                    ORDER BY earlier.reporting_month DESC, earlier.received_at DESC, earlier.id DESC LIMIT 1)
             FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, tenant_id uuid, municipality_code text, postcode_area text,
                                                      amount_cents integer, phase text, bailiff_handover_on date, status text)
           ON CONFLICT ON CONSTRAINT signal_corporation_tenant_month_key DO NOTHING
           RETURNING id, previous_signal_id`,
          [
            JSON.stringify(
              fresh.slice(i, i + WRITE_CHUNK).map(({ signal: s }) => ({
                id: s.id,
                tenant_id: s.tenantId,
                municipality_code: s.municipalityCode,
                postcode_area: s.postcodeArea,
                amount_cents: s.deliveredAmountCents,
                phase: s.deliveredPhase,
                bailiff_handover_on: s.deliveredBailiffHandoverOn,
                status: s.status,
              })),
            ),
            batch.corporationId,
            batch.reportingMonth,
            batch.signalDate,
            batch.channel,
            batch.now,
          ],
        );
        for (const row of rows) inserted.set(row.id, row.previous_signal_id);
      }
      const written = fresh.filter((item) => inserted.has(item.signal.id));
      for (let i = 0; i < written.length; i += WRITE_CHUNK) {
        await manager.query(
          `INSERT INTO priority (signal_id, level, rule, reason, inputs, threshold_id, computed_at)
           SELECT p.signal_id, p.level, p.rule, p.reason, p.inputs, p.threshold_id, $2::timestamptz
             FROM jsonb_to_recordset($1::jsonb) AS p(signal_id uuid, level text, rule text, reason text, inputs jsonb, threshold_id uuid)`,
          [
            JSON.stringify(
              written.slice(i, i + WRITE_CHUNK).map((item) => ({
                signal_id: item.signal.id,
                level: item.priority.level,
                rule: item.priority.rule,
                reason: item.priority.reason,
                inputs: item.inputs,
                threshold_id: item.thresholdId,
              })),
            ),
            batch.now,
          ],
        );
      }
      const steps = written.flatMap((item) => (item.route ? [{ signalId: item.signal.id, route: item.route, kind: "RECEIPT" as const }] : []));
      await recordReferrals(manager, steps, forwardedOn, batch.now, this.identity.sub, false);
      await recordRefusals(manager, { corporationId: batch.corporationId, reportingMonth: batch.reportingMonth, at: batch.now }, refused);
      return inserted;
    });
  }
}

function validateBatch(input: SubmitSignalsInput, signalDate: string, receivedOn: string): void {
  if (input.items.length === 0) throw badInput("items is empty; a batch names at least one tenant.", { field: "items" });
  if (input.items.length > MAX_BATCH_ITEMS) {
    throw badInput(
      `A batch holds at most ${MAX_BATCH_ITEMS} items, got ${input.items.length}; send several batches (each item is answered on its own, so splitting changes nothing).`,
      { field: "items" },
    );
  }
  if (signalDate > receivedOn) {
    throw badInput(`signalDate ${signalDate} lies in the future (today is ${receivedOn} in the Netherlands); a signal is made on or before the day it is sent.`, {
      field: "signalDate",
    });
  }
  if (input.reportingMonth > signalDate.slice(0, 7)) {
    throw badInput(`reportingMonth ${input.reportingMonth} lies after the month of the signal date ${signalDate}; a month is reported on once it has begun.`, {
      field: "reportingMonth",
    });
  }
}
