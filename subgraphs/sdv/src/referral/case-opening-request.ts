import type { DataSource } from "typeorm";
import { isCorporationId } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { logger } from "../../../shared/src/logger.js";
import type { PhaseValue } from "../signal/signal.entity.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { LIVE_STATUSES } from "../signal/signal.entity.js";
import { askPeer, type PeerQuery, type VariablesOf } from "../../../shared/src/contracts/contract.js";
import { openCasesForReferrals } from "../../../shared/src/contracts/swt.js";

/** Referrals per call to swt; swt takes at most 20,000 in one call. */
export const CASE_OPENING_CHUNK = 5_000;

/** One forwarding as swt's `openCasesForReferrals` takes it (ReferralInput; its contract says what each field is). */
export type ReferralForCase = VariablesOf<typeof openCasesForReferrals>["referrals"][number] & { phase: PhaseValue };

/**
 * Whose forwardings a caller may have swt open cases for, which is also whose pending forwardings it
 * sends again: a corporation its own signals (during its intake), an SDV the signals of the
 * municipalities it serves. Nobody else: swt refuses any other caller.
 */
export type CaseOpeningScope = { corporationId: string } | { municipalityCodes: string[] };

export interface CaseOpeningOutcome {
  /** Referrals sent to swt. */
  sent: number;
  /** Of those, the ones swt answered with their case, now stored. */
  opened: number;
  /** Referrals of the scope that still await their case: swt could not be reached or did not answer them. */
  pending: number;
}

const NOTHING: CaseOpeningOutcome = { sent: 0, opened: 0, pending: 0 };

/**
 * Opening cases (casussen) for forwarded signals (Art. 5.3, 5.4): every forwarding to an SWT team or
 * the budget coach opens a case in the swt subgraph, or joins the household's open case there. sdv
 * asks swt for it right after the forwarding is committed, on the caller's behalf (swt applies its own
 * rule of who may), and keeps the case id on the referral. It never undoes a forwarding: when swt
 * cannot be reached the forwarding stands, its case id stays null (pending), and it is sent again with
 * the next forwarding of the same scope (the same corporation's next batch, or an SDV's next forwarding
 * in its municipalities), and by the scheduled job `case-opening` (case-opening.job.ts), whichever
 * comes first. swt opens at most one case per signal, so sending a forwarding again is safe.
 */
export class CaseOpeningRequestService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly peers: PeerQuery,
    private readonly requestId: string,
  ) {}

  /** The caller's scope, or null when swt would refuse the caller (e.g. an SWT worker). */
  scopeOf(corporationId?: string): CaseOpeningScope | null {
    const { role, orgs } = this.identity;
    if (role === "CORPORATION") return corporationId && isCorporationId(corporationId) && orgs.includes(corporationId) ? { corporationId } : null;
    // The coordinator forwards waiting signals when it sets a routing area, as the SDV does.
    if (role === "SDV" || role === "COORDINATOR") return orgs.length ? { municipalityCodes: [...orgs] } : null;
    return null;
  }

  /**
   * Sends swt the forwardings of the caller's scope that await their case, plus `forwarded` (signals
   * forwarded anew, which may already have one: swt answers the case they are in), in chunks, and
   * stores each answered case id, one statement per chunk. A failure is logged and stops the sending;
   * what was not answered stays pending. Call it after the forwarding's transaction has committed.
   */
  async afterForwarding(options: { corporationId?: string; forwarded?: string[]; atMost?: number } = {}): Promise<CaseOpeningOutcome> {
    const scope = this.scopeOf(options.corporationId);
    if (!scope) {
      logger.info({ role: this.identity.role, requestId: this.requestId }, "no case opening for this caller; pending forwardings wait for a corporation or SDV");
      return NOTHING;
    }
    let referrals: ReferralForCase[];
    try {
      referrals = await this.pending(scope, (options.forwarded ?? []).filter(isUuid), options.atMost ?? null);
    } catch (error) {
      // The forwarding is committed; it must not fail now. Its case is asked for with the next one.
      logger.error({ err: error, scope, requestId: this.requestId }, "pending forwardings could not be read; their cases are asked for with the next forwarding");
      return NOTHING;
    }
    if (referrals.length === 0) return NOTHING;
    let opened = 0;
    let sent = 0;
    for (let i = 0; i < referrals.length; i += CASE_OPENING_CHUNK) {
      const chunk = referrals.slice(i, i + CASE_OPENING_CHUNK);
      sent += chunk.length;
      try {
        const answer = await askPeer(this.peers, openCasesForReferrals, { referrals: chunk });
        const cases = answeredCases(answer, new Set(chunk.map((r) => r.signalId)));
        await this.store(cases);
        opened += cases.size;
      } catch (error) {
        logger.warn(
          { err: error, peer: "swt", scope, requestId: this.requestId, pending: referrals.length - opened },
          "cases could not be opened for forwarded signals; they are sent again with the next forwarding",
        );
        break;
      }
    }
    return { sent, opened, pending: referrals.length - opened };
  }

  /** The live forwardings of the scope without a case, and those forwarded anew, oldest first, at most `atMost` (null: all); one statement. */
  private async pending(scope: CaseOpeningScope, forwarded: string[], atMost: number | null): Promise<ReferralForCase[]> {
    const [scopeCondition, scopeValue] =
      "corporationId" in scope ? ["s.corporation_id = $3", scope.corporationId] : ["s.municipality_code = ANY($3::text[])", scope.municipalityCodes];
    return this.db.query(
      `SELECT r.signal_id AS "signalId", s.tenant_id AS "tenantId", s.corporation_id AS "corporationId", s.municipality_code AS "municipalityCode",
              r.team_id AS "teamId", r.forwarded_on AS "forwardedOn", s.delivered_phase AS "phase", r.case_move AS "move"
         FROM referral r JOIN signal s ON s.id = r.signal_id
        WHERE (r.case_id IS NULL OR r.signal_id = ANY($2::uuid[])) AND s.status = ANY($1::text[]) AND ${scopeCondition}
        ORDER BY r.forwarded_at, r.signal_id
        LIMIT $4`,
      [LIVE_STATUSES, forwarded, scopeValue, atMost],
    );
  }

  private async store(cases: Map<string, CaseOfSignal>): Promise<void> {
    if (cases.size === 0) return;
    const answered = [...cases.values()];
    await this.db.query(
      `UPDATE referral r SET case_id = a.case_id, case_team_id = a.team_id
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS a(signal_id, case_id, team_id)
        WHERE r.signal_id = a.signal_id AND (r.case_id IS DISTINCT FROM a.case_id OR r.case_team_id IS DISTINCT FROM a.team_id)`,
      [[...cases.keys()], answered.map((c) => c.caseId), answered.map((c) => c.teamId)],
    );
  }
}

interface CaseOfSignal {
  caseId: string;
  teamId: string;
}

/** The case (and its team) per signal id from swt's answer (checked against its contract), only for signals sent. */
function answeredCases(answer: { signalId: string; caseId: string; teamId: string }[], sent: Set<string>): Map<string, CaseOfSignal> {
  const cases = new Map<string, CaseOfSignal>();
  for (const item of answer) {
    if (sent.has(item.signalId)) cases.set(item.signalId, { caseId: item.caseId, teamId: item.teamId });
  }
  return cases;
}
