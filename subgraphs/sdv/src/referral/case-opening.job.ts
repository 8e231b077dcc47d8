import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";
import type { ServicePeers } from "../../../shared/src/service-token.js";
import type { ScheduledJob } from "../../../shared/src/subgraph-server.js";
import { LIVE_STATUSES } from "../signal/signal.entity.js";
import { CaseOpeningRequestService } from "./case-opening-request.js";

export const CASE_OPENING_JOB = "case-opening";
/** Referrals the job sends in one run, over all municipalities: a run stays bounded; the next run takes the rest. */
export const MAX_FORWARDINGS_PER_RUN = 20_000;
/** Seconds between two runs when CASE_OPENING_INTERVAL_SECONDS is not set. */
export const DEFAULT_CASE_OPENING_INTERVAL_SECONDS = 60;
/** A day at most: far below what setInterval takes (about 24.8 days), and a forwarding waits no longer for its case. */
export const MAX_CASE_OPENING_INTERVAL_SECONDS = 86_400;
/** At least 5 seconds, so that a swt that is down is not asked without pause. */
export const MIN_CASE_OPENING_INTERVAL_SECONDS = 5;

/**
 * CASE_OPENING_INTERVAL_SECONDS: seconds between two runs of the job, a whole number from 5 to
 * 86400. Checked when the subgraph starts its jobs: a wrong value stops the start with a message
 * that names the variable, instead of asking swt without pause or never.
 */
export function caseOpeningIntervalSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CASE_OPENING_INTERVAL_SECONDS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_CASE_OPENING_INTERVAL_SECONDS;
  const seconds = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || seconds < MIN_CASE_OPENING_INTERVAL_SECONDS || seconds > MAX_CASE_OPENING_INTERVAL_SECONDS) {
    throw new Error(
      `CASE_OPENING_INTERVAL_SECONDS must be a whole number of seconds from ${MIN_CASE_OPENING_INTERVAL_SECONDS} to ${MAX_CASE_OPENING_INTERVAL_SECONDS}; got "${raw}". Leave it unset for the default (${DEFAULT_CASE_OPENING_INTERVAL_SECONDS}).`,
    );
  }
  return seconds;
}

/**
 * One run: every live forwarding still without its case (swt could not be reached when it was
 * forwarded, or answered malformed) is sent to swt again, per municipality, in sdv's own name as the
 * SDV of that municipality, with that SDV's rights only (swt applies the same rule as for a caller).
 * Oldest first, at most MAX_FORWARDINGS_PER_RUN per run. Safe to run twice and beside a request
 * that does the same: swt opens at most one case per signal and answers the case a signal already
 * has, and sdv stores the case id only where it changes. A municipality whose sending fails is
 * counted and left for the next run; the others still go. Answers counts for the log.
 */
export async function openPendingCases(db: DataSource, peers: ServicePeers | undefined): Promise<Record<string, number>> {
  if (!peers) throw new Error("The sdv subgraph has no service key, so it cannot ask swt by itself; forwardings without their case wait for the next forwarding.");
  const rows: { municipalityCode: string; waiting: number }[] = await db.query(
    `SELECT s.municipality_code AS "municipalityCode", count(*)::int AS waiting
       FROM referral r JOIN signal s ON s.id = r.signal_id
      WHERE r.case_id IS NULL AND s.status = ANY($1::text[])
      GROUP BY s.municipality_code
      ORDER BY min(r.forwarded_at), s.municipality_code`,
    [LIVE_STATUSES],
  );
  const counts = { municipalities: rows.length, sent: 0, opened: 0, pending: 0 };
  let budget = MAX_FORWARDINGS_PER_RUN;
  for (const { municipalityCode, waiting } of rows) {
    if (budget <= 0) {
      counts.pending += waiting;
      continue;
    }
    const requestId = randomUUID();
    const identity: Identity = { sub: "case-opening-job", role: "SDV", orgs: [municipalityCode] };
    const outcome = await new CaseOpeningRequestService(db, identity, peers.as(identity, requestId), requestId).afterForwarding({ atMost: budget });
    const taken = outcome.opened + outcome.pending;
    budget -= taken;
    counts.sent += outcome.sent;
    counts.opened += outcome.opened;
    // What was not taken up this run (over the budget) waits as well.
    counts.pending += outcome.pending + Math.max(0, waiting - taken);
  }
  return counts;
}

/** The scheduled job that opens the cases forwarding could not, declared by the sdv subgraph. */
export function caseOpeningJob(peers: ServicePeers | undefined, intervalSeconds: number = caseOpeningIntervalSeconds()): ScheduledJob {
  return {
    name: CASE_OPENING_JOB,
    intervalMs: intervalSeconds * 1_000,
    firstRunAfterMs: 15_000,
    run: (db) => openPendingCases(db, peers),
  };
}
