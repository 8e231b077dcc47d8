import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { badInput, forbidden } from "../../../shared/src/errors.js";
import { dueDateOf } from "../feedback-deadline/feedback-deadline.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { CaseOutcome, CaseStatus } from "./case.enums.js";
import type { OpenedCase, ReferralInput } from "./case-opening.type.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";

/** Referrals in one call at most: one intake batch of a corporation fits. */
export const MAX_REFERRALS = 20_000;

/**
 * One lock for every opening of cases, held until the transaction ends. Two calls for one household
 * (a corporation's intake and the SDV re-forwarding, say) must not both find it without a case and
 * each open one; calls are few, so taking them one at a time costs nothing noticeable. A lock per
 * household would take up to 20,000 entries of PostgreSQL's shared lock table in one transaction.
 */
export const CASE_OPENING_LOCK = "swt.case-opening";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface Planned {
  referral: ReferralInput;
  /** Position of the referral in the call, for messages. */
  index: number;
  feedbackDueOn: string;
}

/**
 * Opens cases for the signals sdv forwards (Art. 5.3-5.4), or adds them to the household's case:
 *  - a signal already in a case answers that case (a retry, or a forwarding sent twice);
 *  - a household with a case that is not CLOSED gets the signal in that case, at the next position,
 *    whichever team the signal was routed to: one household, one case, one team;
 *  - otherwise a new OPEN case for the team the signal was forwarded to, opened on the day of
 *    forwarding, with that day, the phase as delivered and the day feedback is due.
 * Set-based: a fixed number of statements whatever the number of referrals.
 *
 * Who may ask: a corporation for its own signals (the sdv subgraph calls during that corporation's
 * intake, with its token), and the SDV for signals of the municipalities it serves.
 */
export class CaseOpeningService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
  ) {}

  async open(referrals: ReferralInput[]): Promise<OpenedCase[]> {
    if (referrals.length > MAX_REFERRALS) {
      throw badInput(`At most ${MAX_REFERRALS} referrals can be sent at once, got ${referrals.length}; send them in parts.`, { argument: "referrals" });
    }
    referrals.forEach((referral, index) => this.authorize(referral, index));
    const planned = new Map<string, Planned>();
    referrals.forEach((referral, index) => {
      validate(referral, index);
      // The same signal twice in one call: the first says where it goes.
      if (!planned.has(referral.signalId)) {
        planned.set(referral.signalId, { referral, index, feedbackDueOn: dueDateOf(referral.forwardedOn, referral.phase, `referrals[${index}].forwardedOn`) });
      }
    });
    if (planned.size === 0) return [];
    const answers = await this.db.transaction((manager) => this.place(manager, [...planned.values()]));
    return referrals.map((referral) => answers.get(referral.signalId)!);
  }

  private authorize(referral: ReferralInput, index: number): void {
    const { role, orgs } = this.identity;
    const allowed = (role === "CORPORATION" && orgs.includes(referral.corporationId)) || ((role === "SDV" || role === "COORDINATOR") && orgs.includes(referral.municipalityCode));
    if (!allowed) {
      throw forbidden(
        role === "CORPORATION"
          ? `referrals[${index}] is a signal of ${referral.corporationId}; a corporation can open cases for its own signals only.`
          : role === "SDV" || role === "COORDINATOR"
            ? `referrals[${index}] is a signal of municipality ${referral.municipalityCode}, which you do not serve.`
            : `Your role (${role}) may not open cases.`,
      );
    }
  }

  private async place(manager: EntityManager, planned: Planned[]): Promise<Map<string, OpenedCase>> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [CASE_OPENING_LOCK]);
    const answers = new Map<string, OpenedCase>();

    const linked: { signalId: string; caseId: string; teamId: string; position: number }[] = await manager.query(
      `SELECT s.signal_id AS "signalId", s.case_id AS "caseId", c.team_id AS "teamId", s.position
         FROM case_signal s JOIN "case" c ON c.id = s.case_id
        WHERE s.signal_id = ANY($1::uuid[])`,
      [planned.map((p) => p.referral.signalId)],
    );
    const linkOf = new Map(linked.map((link) => [link.signalId, link]));
    const moving: { planned: Planned; from: { caseId: string; teamId: string } }[] = [];
    for (const p of planned) {
      const link = linkOf.get(p.referral.signalId);
      if (!link) continue;
      // A signal forwarded anew to another holder leaves its case; anything else (a retry, a move
      // already made) answers the case the signal is in.
      if (p.referral.move && link.teamId !== p.referral.teamId) moving.push({ planned: p, from: link });
      else answers.set(link.signalId, { signalId: link.signalId, caseId: link.caseId, teamId: link.teamId, joinedExisting: link.position > 1 });
    }
    const fresh = planned.filter((p) => !linkOf.has(p.referral.signalId));
    if (fresh.length === 0 && moving.length === 0) return answers;
    await this.assertTeamsExist(manager, [...fresh, ...moving.map((m) => m.planned)]);
    if (moving.length > 0) await this.move(manager, moving, answers);
    if (fresh.length === 0) return answers;

    // The households' open cases, locked against a close running at the same time; the oldest if a
    // household should hold more than one (from before one case per household was the rule).
    const open: { id: string; tenantId: string; teamId: string; lastPosition: number | null }[] = await manager.query(
      `SELECT c.id, c.tenant_id AS "tenantId", c.team_id AS "teamId", (SELECT max(s.position) FROM case_signal s WHERE s.case_id = c.id)::int AS "lastPosition"
         FROM "case" c
        WHERE c.tenant_id = ANY($1::uuid[]) AND c.status <> $2
        ORDER BY c.tenant_id, c.opened_on, c.created_at, c.id
          FOR UPDATE OF c`,
      [[...new Set(fresh.map((p) => p.referral.tenantId))], CaseStatus.CLOSED],
    );
    const openCaseOf = new Map<string, { id: string; teamId: string; next: number }>();
    for (const kase of open) if (!openCaseOf.has(kase.tenantId)) openCaseOf.set(kase.tenantId, { id: kase.id, teamId: kase.teamId, next: (kase.lastPosition ?? 0) + 1 });

    const byTenant = new Map<string, Planned[]>();
    for (const p of fresh) byTenant.set(p.referral.tenantId, [...(byTenant.get(p.referral.tenantId) ?? []), p]);
    const cases: { id: string; planned: Planned }[] = [];
    const links: { signalId: string; caseId: string; position: number; joinedOn: string; feedbackDueOn: string }[] = [];
    for (const [tenantId, signals] of byTenant) {
      // Earliest forwarding first; within a day, in the order sent.
      signals.sort((a, b) => a.referral.forwardedOn.localeCompare(b.referral.forwardedOn) || a.index - b.index);
      let kase = openCaseOf.get(tenantId);
      if (!kase) {
        kase = { id: randomUUID(), teamId: signals[0]!.referral.teamId, next: 1 };
        cases.push({ id: kase.id, planned: signals[0]! });
      }
      for (const { referral, feedbackDueOn } of signals) {
        links.push({ signalId: referral.signalId, caseId: kase.id, position: kase.next, joinedOn: referral.forwardedOn, feedbackDueOn });
        answers.set(referral.signalId, { signalId: referral.signalId, caseId: kase.id, teamId: kase.teamId, joinedExisting: kase.next > 1 });
        kase.next += 1;
      }
    }

    if (cases.length > 0) {
      const column = <T>(pick: (c: { id: string; planned: Planned }) => T) => cases.map(pick);
      await manager.query(
        `INSERT INTO "case" (id, team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on, created_at, updated_at)
         SELECT id, team_id, tenant_id, corporation_id, municipality_code, $9::text, forwarded_on, forwarded_on, feedback_phase, feedback_due_on, $10, $10
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::text[], $8::date[])
             AS t(id, team_id, tenant_id, corporation_id, municipality_code, forwarded_on, feedback_phase, feedback_due_on)`,
        [
          column((c) => c.id),
          column((c) => c.planned.referral.teamId),
          column((c) => c.planned.referral.tenantId),
          column((c) => c.planned.referral.corporationId),
          column((c) => c.planned.referral.municipalityCode),
          column((c) => c.planned.referral.forwardedOn),
          column((c) => c.planned.referral.phase),
          column((c) => c.planned.feedbackDueOn),
          CaseStatus.OPEN,
          // The moment the case reached the team, from the graph's clock (it decides the first day of work).
          now(),
        ],
      );
    }
    // Under the lock no other call links these signals; ON CONFLICT keeps a retry harmless all the same.
    await manager.query(
      `INSERT INTO case_signal (signal_id, case_id, position, joined_on, feedback_due_on)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::date[], $5::date[])
       ON CONFLICT (signal_id) DO NOTHING`,
      [links.map((l) => l.signalId), links.map((l) => l.caseId), links.map((l) => l.position), links.map((l) => l.joinedOn), links.map((l) => l.feedbackDueOn)],
    );
    return answers;
  }

  /**
   * Every team named exists, and works for the referral's municipality (the budget coach serves both):
   * whoever may open a case for a municipality's signal opens it only at a team of that municipality.
   */
  private async assertTeamsExist(manager: EntityManager, planned: Planned[]): Promise<void> {
    const teamIds = [...new Set(planned.map((p) => p.referral.teamId))];
    const known: { id: string; municipalityCode: string }[] = await manager.query(`SELECT id, municipality_code AS "municipalityCode" FROM team WHERE id = ANY($1::text[])`, [
      teamIds,
    ]);
    const municipalityOf = new Map(known.map((team) => [team.id, team.municipalityCode]));
    const unknown = planned.find((p) => !municipalityOf.has(p.referral.teamId));
    if (unknown) {
      throw badInput(`referrals[${unknown.index}].teamId "${unknown.referral.teamId}" is no team; use a team's slug from the teams query, or budget-coach.`, {
        field: `referrals[${unknown.index}].teamId`,
      });
    }
    const elsewhere = planned.find((p) => p.referral.teamId !== BUDGET_COACH_TEAM.id && municipalityOf.get(p.referral.teamId) !== p.referral.municipalityCode);
    if (elsewhere) {
      throw badInput(
        `referrals[${elsewhere.index}].teamId "${elsewhere.referral.teamId}" works for municipality ${municipalityOf.get(elsewhere.referral.teamId)}, not ${elsewhere.referral.municipalityCode}; a signal goes to a team of its own municipality or to budget-coach.`,
        { field: `referrals[${elsewhere.index}].teamId` },
      );
    }
  }

  /**
   * Moves signals sdv forwarded anew to another holder (Art. 5.3: a priority between I-III and IV
   * changed, or the SDV rerouted it): each leaves its case for the household's open case at the new
   * holder, or a new one there, opened on the new forwarding day with its own feedback term. A case
   * left without signals closes as TRANSFERRED; sdv took the decision, so the closure is not reported
   * back to it as the end of the signals' life. Each move is kept in case_transfer.
   */
  private async move(manager: EntityManager, moving: { planned: Planned; from: { caseId: string; teamId: string } }[], answers: Map<string, OpenedCase>): Promise<void> {
    const at = now();
    const today = todayInNetherlands(at);
    const transfers: { signalId: string; fromCaseId: string; toCaseId: string; fromTeamId: string; toTeamId: string }[] = [];
    for (const { planned, from } of moving) {
      const { referral } = planned;
      const target = await openCaseAt(manager, referral.tenantId, referral.teamId, from.caseId);
      const caseId = target?.id ?? randomUUID();
      if (!target) {
        await insertCase(manager, {
          id: caseId,
          teamId: referral.teamId,
          tenantId: referral.tenantId,
          corporationId: referral.corporationId,
          municipalityCode: referral.municipalityCode,
          forwardedOn: referral.forwardedOn,
          phase: referral.phase,
          feedbackDueOn: planned.feedbackDueOn,
          at,
        });
      }
      const position = await moveSignal(manager, referral.signalId, caseId, referral.forwardedOn);
      answers.set(referral.signalId, { signalId: referral.signalId, caseId, teamId: referral.teamId, joinedExisting: position > 1 });
      transfers.push({ signalId: referral.signalId, fromCaseId: from.caseId, toCaseId: caseId, fromTeamId: from.teamId, toTeamId: referral.teamId });
    }
    await closeEmptiedCases(manager, [...new Set(transfers.map((t) => t.fromCaseId))], at);
    await manager.query(
      `INSERT INTO case_transfer (signal_id, from_case_id, to_case_id, from_team_id, to_team_id, kind, reason, transferred_by, transferred_at, reported_on)
       SELECT t.signal_id, t.from_case_id, t.to_case_id, t.from_team_id, t.to_team_id, 'FORWARDING', NULL, $6, $7, $8::date
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(signal_id, from_case_id, to_case_id, from_team_id, to_team_id)`,
      [
        transfers.map((t) => t.signalId),
        transfers.map((t) => t.fromCaseId),
        transfers.map((t) => t.toCaseId),
        transfers.map((t) => t.fromTeamId),
        transfers.map((t) => t.toTeamId),
        this.identity.sub,
        at,
        today,
      ],
    );
  }
}

function validate(referral: ReferralInput, index: number): void {
  const field = (name: string) => `referrals[${index}].${name}`;
  for (const name of ["signalId", "tenantId"] as const) {
    if (!isUuid(referral[name])) throw badInput(`${field(name)} "${referral[name]}" is not a uuid.`, { field: field(name) });
  }
  if (!SLUG.test(referral.corporationId)) {
    throw badInput(`${field("corporationId")} "${referral.corporationId}" is not a corporation id (lowercase words joined by hyphens).`, { field: field("corporationId") });
  }
  if (!/^[0-9]{4}$/.test(referral.municipalityCode)) {
    throw badInput(`${field("municipalityCode")} "${referral.municipalityCode}" is not a CBS municipality code (four digits).`, { field: field("municipalityCode") });
  }
}

/** The household's open case at `teamId` other than `except`, locked; null when there is none. */
export async function openCaseAt(manager: EntityManager, tenantId: string, teamId: string, except: string): Promise<{ id: string } | null> {
  const [found]: { id: string }[] = await manager.query(
    `SELECT id FROM "case" WHERE tenant_id = $1 AND team_id = $2 AND status <> $3 AND id <> $4
      ORDER BY opened_on, created_at, id LIMIT 1 FOR UPDATE`,
    [tenantId, teamId, CaseStatus.CLOSED, except],
  );
  return found ?? null;
}

/** Writes a new OPEN case, opened on the day of forwarding, with that day's feedback term. */
export async function insertCase(
  manager: EntityManager,
  c: { id: string; teamId: string; tenantId: string; corporationId: string | null; municipalityCode: string; forwardedOn: string; phase: string; feedbackDueOn: string; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO "case" (id, team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $10)`,
    [c.id, c.teamId, c.tenantId, c.corporationId, c.municipalityCode, CaseStatus.OPEN, c.forwardedOn, c.phase, c.feedbackDueOn, c.at],
  );
}

/** Links a signal to `caseId` at its next position, joined on `joinedOn`; answers the position. */
export async function moveSignal(manager: EntityManager, signalId: string, caseId: string, joinedOn: string): Promise<number> {
  // An UPDATE ... RETURNING answers [rows, affected].
  const [rows]: [{ position: number }[], number] = await manager.query(
    `UPDATE case_signal SET case_id = $2, joined_on = $3,
            position = (SELECT COALESCE(max(s.position), 0) + 1 FROM case_signal s WHERE s.case_id = $2)
      WHERE signal_id = $1
      RETURNING position`,
    [signalId, caseId, joinedOn],
  );
  return rows[0]!.position;
}

/**
 * Closes as TRANSFERRED each of these cases that is not closed and holds no signal any more, on today
 * (or the day it opened, when sdv dated its forwarding ahead to the next working day). Its closure is
 * marked as reported: the signals live on at the new holder, so sdv must not close them.
 */
export async function closeEmptiedCases(manager: EntityManager, caseIds: string[], at: Date): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const [rows]: [{ id: string }[], number] = await manager.query(
    `UPDATE "case" c SET status = $2, outcome = $3, closed_on = GREATEST(c.opened_on, $4::date), closure_reported_on = $4::date, updated_at = $5
      WHERE c.id = ANY($1::uuid[]) AND c.status <> $2
        AND NOT EXISTS (SELECT 1 FROM case_signal s WHERE s.case_id = c.id)
      RETURNING c.id`,
    [caseIds, CaseStatus.CLOSED, CaseOutcome.TRANSFERRED, todayInNetherlands(at), at],
  );
  return rows.map((row) => row.id);
}
