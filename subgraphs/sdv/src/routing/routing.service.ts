import type { DataSource, EntityManager } from "typeorm";
import { BUDGET_COACH_TEAM, isCovenantMunicipality, MUNICIPALITIES, TEAMS } from "../../../shared/src/covenant/organisations.js";
import { isListedArea } from "../../../shared/src/covenant/postcode-areas.js";
import { badInput, forbidden, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import type { CaseOpeningRequestService } from "../referral/case-opening-request.js";
import { referralDay, routeToTeam, routingKey } from "../referral/route.js";
import { recordReferrals } from "../referral/referral.service.js";
import { ReferralEntity } from "../referral/referral.entity.js";
import { PriorityEntity } from "../priority/priority.entity.js";
import { SignalEntity, LIVE_STATUSES } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { now as clockNow } from "../../../shared/src/clock.js";
import { RoutingAreaChangeEntity, RoutingAreaEntity } from "./routing-area.entity.js";

/** At most this many changes of the routing table in one answer. */
export const MAX_ROUTING_CHANGES = 500;

const AREA = /^[1-9]\d{3}$/;

/**
 * The routing table: which SWT team covers which postcode area of which municipality, and the
 * forwardings that follow from it. Rows and routes follow the caller's organisations: SDV and the
 * coordinator read and change only the rows of the municipalities in their token, point an area only
 * at a team of the same municipality, and reroute only signals of those municipalities to a team of
 * the signal's own municipality. Checked on both ends of every change: the area or signal it starts
 * from, and the team it goes to. Every change is kept (routing_area_change, forwarding_record).
 */
export class RoutingService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly policy: SignalPolicy,
    private readonly caseOpening: CaseOpeningRequestService,
  ) {}

  /** The whole table, routingKey(municipality, area) → team id, in one statement. */
  async table(manager: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await manager.getRepository(RoutingAreaEntity).find();
    return new Map(rows.map((row) => [routingKey(row.municipalityCode, row.postcodeArea), row.teamId]));
  }

  /** The rows of the caller's municipalities, by municipality and area. */
  list(municipalityCode?: string | null): Promise<RoutingAreaEntity[]> {
    const codes = this.servedMunicipalities(municipalityCode);
    return this.db
      .getRepository(RoutingAreaEntity)
      .createQueryBuilder("area")
      .where("area.municipalityCode = ANY(:codes)", { codes })
      .orderBy("area.municipalityCode", "ASC")
      .addOrderBy("area.postcodeArea", "ASC")
      .getMany();
  }

  /** The changes of the table in the caller's municipalities, newest first; one area's when both are given. */
  async changes(args: { municipalityCode?: string | null; postcodeArea?: string | null; first: number }): Promise<RoutingAreaChangeEntity[]> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_ROUTING_CHANGES) {
      throw badInput(`first must be 1 to ${MAX_ROUTING_CHANGES}, got ${args.first}.`, { argument: "first" });
    }
    const codes = this.servedMunicipalities(args.municipalityCode);
    const query = this.db.getRepository(RoutingAreaChangeEntity).createQueryBuilder("change").where("change.municipalityCode = ANY(:codes)", { codes });
    if (args.postcodeArea != null) query.andWhere("change.postcodeArea = :area", { area: this.area(args.postcodeArea) });
    return query.orderBy("change.changedAt", "DESC").addOrderBy("change.seq", "DESC").limit(args.first).getMany();
  }

  /**
   * Points a postcode area of a municipality at a team of that municipality, keeps the change, and
   * forwards to the team the signals of that municipality and area that were received with priority
   * I-III while no team covered it. One transaction; after it, swt is asked for their cases.
   * Without `municipalityCode`, the area is taken to be of the team's municipality.
   */
  async set(postcodeArea: string, teamId: string, municipalityCode?: string | null): Promise<{ routingArea: RoutingAreaEntity; forwardedWaitingSignals: number }> {
    const area = this.area(postcodeArea);
    const team = TEAMS.find((t) => t.id === teamId);
    if (!team) {
      throw badInput(`teamId "${teamId}" is no SWT team of the covenant; use one of ${TEAMS.map((t) => t.id).join(", ")}.`, { argument: "teamId" });
    }
    const municipality = municipalityCode ?? team.municipalityCode;
    this.assertServes(municipality, "municipalityCode");
    if (team.municipalityCode !== municipality) {
      throw badInput(`Team ${team.id} works for municipality ${team.municipalityCode}; an area of ${municipality} goes to a team of ${municipality}: ${teamsOf(municipality)}.`, {
        argument: "teamId",
      });
    }
    const now = clockNow();
    const result = await this.db.transaction(async (manager) => {
      await this.assertAreaOf(manager, municipality, area);
      const [before] = await manager.query(`SELECT team_id FROM routing_area WHERE municipality_code = $1 AND postcode_area = $2 FOR UPDATE`, [municipality, area]);
      await manager
        .createQueryBuilder()
        .insert()
        .into(RoutingAreaEntity)
        .values({ municipalityCode: municipality, postcodeArea: area, teamId: team.id, updatedBy: this.identity.sub, updatedAt: now })
        .orUpdate(["team_id", "updated_by", "updated_at"], ["municipality_code", "postcode_area"])
        .updateEntity(false)
        .execute();
      if (before?.team_id !== team.id) await this.keepChange(manager, municipality, area, before?.team_id ?? null, team.id, now);
      const waiting: { id: string }[] = await manager.query(
        `SELECT s.id FROM signal s JOIN priority p ON p.signal_id = s.id
          WHERE s.status = 'RECEIVED' AND s.municipality_code = $1 AND s.postcode_area = $2 AND COALESCE(p.override_level, p.level) <> 'IV'
            AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.signal_id = s.id)
          ORDER BY s.id
            FOR UPDATE OF s`,
        [municipality, area],
      );
      await recordReferrals(
        manager,
        waiting.map((w) => ({ signalId: w.id, route: routeToTeam(team.id), kind: "ROUTING_AREA" as const })),
        referralDay(now),
        now,
        this.identity.sub,
        true,
      );
      const routingArea = await manager.getRepository(RoutingAreaEntity).findOneByOrFail({ municipalityCode: municipality, postcodeArea: area });
      return { routingArea, forwardedWaitingSignals: waiting.length, forwarded: waiting.map((w) => w.id) };
    });
    if (result.forwarded.length > 0) await this.caseOpening.afterForwarding({ forwarded: result.forwarded });
    return { routingArea: result.routingArea, forwardedWaitingSignals: result.forwardedWaitingSignals };
  }

  /**
   * Removes an area of a municipality the caller serves from the table, and keeps the change. Signals
   * already forwarded stay where they are; later signals of priority I-III there wait, listed in
   * unroutedSignals. Removing an area that is not in the table changes nothing and says so.
   */
  async remove(municipalityCode: string, postcodeArea: string): Promise<{ municipalityCode: string; postcodeArea: string; removedTeamId: string | null }> {
    const area = this.area(postcodeArea);
    this.assertServes(municipalityCode, "municipalityCode");
    const now = clockNow();
    return this.db.transaction(async (manager) => {
      const [removed]: [{ team_id: string }[], number] = await manager.query(`DELETE FROM routing_area WHERE municipality_code = $1 AND postcode_area = $2 RETURNING team_id`, [
        municipalityCode,
        area,
      ]);
      const teamId = removed[0]?.team_id ?? null;
      if (teamId) await this.keepChange(manager, municipalityCode, area, teamId, null, now);
      return { municipalityCode, postcodeArea: area, removedTeamId: teamId };
    });
  }

  /**
   * An SDV worker forwards one signal of a municipality it serves to another SWT team of the signal's
   * municipality, with a reason: a signal that waits for a team, or one at the wrong team. The team
   * that held its case loses it (closed as transferred), the new one gets a case with a feedback term
   * from today's forwarding day. Between the SWT and the budget coach the priority decides: override it.
   */
  async reroute(signalId: string, teamId: string, reason: string): Promise<{ signal: SignalEntity; referral: ReferralEntity }> {
    const why = (reason ?? "").trim();
    if (!why) throw badInput("reason must say why the signal goes to another team; it is kept with the forwarding.", { argument: "reason" });
    if (why.length > 2_000) throw badInput("reason is longer than 2000 characters.", { argument: "reason" });
    if (teamId === BUDGET_COACH_TEAM.id) {
      throw badInput("A signal goes to the budget coach by its priority (IV): override the priority (overridePriority) instead.", { argument: "teamId" });
    }
    const team = TEAMS.find((t) => t.id === teamId);
    if (!team) throw badInput(`teamId "${teamId}" is no SWT team of the covenant; use one of ${TEAMS.map((t) => t.id).join(", ")}.`, { argument: "teamId" });
    const now = clockNow();
    const forwardedOn = referralDay(now);
    const result = await this.db.transaction(async (manager) => {
      const signal = isUuid(signalId)
        ? ((await this.policy
            .restrict(manager.getRepository(SignalEntity).createQueryBuilder("signal"))
            .leftJoinAndMapOne("signal.priority", PriorityEntity, "priority", "priority.signalId = signal.id")
            .leftJoinAndMapOne("signal.referral", ReferralEntity, "referral", "referral.signalId = signal.id")
            .andWhere("signal.id = :signalId", { signalId })
            .setLock("pessimistic_write", undefined, ["signal"])
            .getOne()) as (SignalEntity & { priority?: PriorityEntity; referral?: ReferralEntity }) | null)
        : null;
      if (!signal) throw userError("SIGNAL_NOT_FOUND", `No signal with id "${signalId}" that you may see.`, { argument: "signalId" });
      if (!LIVE_STATUSES.includes(signal.status)) {
        throw userError("SIGNAL_NOT_OPEN", `Signal ${signalId} is ${signal.status}; only a RECEIVED or FORWARDED signal can be rerouted.`);
      }
      // The policy already keeps the signal to the caller's municipalities; the team must be of the same one.
      if (team.municipalityCode !== signal.municipalityCode) {
        throw badInput(`Team ${team.id} works for municipality ${team.municipalityCode}; this signal is of ${signal.municipalityCode}: use ${teamsOf(signal.municipalityCode)}.`, {
          argument: "teamId",
        });
      }
      const level = signal.priority ? (signal.priority.overrideLevel ?? signal.priority.level) : null;
      if (level === "IV") {
        throw userError("PRIORITY_DECIDES_TARGET", `Signal ${signalId} has priority IV and goes to the budget coach; override its priority to send it to an SWT team.`);
      }
      const { priority: _p, referral: current, ...plain } = signal;
      // Sent again (a retry, or two workers at once): the signal is there already, nothing is recorded twice.
      if (current?.teamId === team.id) return { signal: plain as SignalEntity, referral: current, moved: false };
      await recordReferrals(manager, [{ signalId: signal.id, route: routeToTeam(team.id), kind: "REROUTE", reason: why }], forwardedOn, now, this.identity.sub, true);
      const referral = await manager.getRepository(ReferralEntity).findOneByOrFail({ signalId: signal.id });
      return { signal: { ...plain, status: "FORWARDED" } as SignalEntity, referral, moved: true };
    });
    // Also when nothing moved: a case still pending is asked for again.
    await this.caseOpening.afterForwarding({ forwarded: result.moved ? [result.signal.id] : [] });
    const referral = await this.db.getRepository(ReferralEntity).findOneByOrFail({ signalId: result.signal.id });
    return { signal: result.signal, referral };
  }

  private area(postcodeArea: string): string {
    const area = (postcodeArea ?? "").trim();
    if (!AREA.test(area)) {
      throw badInput(`postcodeArea "${postcodeArea}" must be the four digits of a Dutch postcode, e.g. 2033.`, { argument: "postcodeArea" });
    }
    return area;
  }

  /** The municipalities the caller serves, or just the one asked when it serves it (none otherwise). */
  private servedMunicipalities(municipalityCode?: string | null): string[] {
    const served = this.identity.orgs.filter(isCovenantMunicipality);
    return municipalityCode == null ? served : served.filter((code) => code === municipalityCode);
  }

  private assertServes(municipalityCode: string, argument: string): void {
    if (!isCovenantMunicipality(municipalityCode)) {
      const known = MUNICIPALITIES.map((m) => `${m.code} (${m.name})`).join(", ");
      throw badInput(`${argument} "${municipalityCode}" is not a municipality of the covenant; use one of ${known}.`, { argument });
    }
    if (!this.identity.orgs.includes(municipalityCode)) {
      throw forbidden(`You do not serve municipality ${municipalityCode}; its routing is changed by those who do.`);
    }
  }

  /**
   * An area of the municipality: one of its listed areas (POSTCODE_AREAS), or one in which a signal
   * with an address of that municipality arrived (the list may miss an area; the address proves it).
   */
  private async assertAreaOf(manager: EntityManager, municipalityCode: string, area: string): Promise<void> {
    if (isListedArea(municipalityCode, area)) return;
    const [seen] = await manager.query(`SELECT 1 FROM signal WHERE municipality_code = $1 AND postcode_area = $2 LIMIT 1`, [municipalityCode, area]);
    if (!seen) {
      throw badInput(
        `Postcode area ${area} is no area of municipality ${municipalityCode}: it is not in the covenant's list of areas and no signal with an address there arrived.`,
        { argument: "postcodeArea" },
      );
    }
  }

  private async keepChange(manager: EntityManager, municipalityCode: string, postcodeArea: string, from: string | null, to: string | null, at: Date): Promise<void> {
    await manager.getRepository(RoutingAreaChangeEntity).insert({
      municipalityCode,
      postcodeArea,
      fromTeamId: from,
      toTeamId: to,
      changedBy: this.identity.sub,
      changedAt: at,
    });
  }
}

function teamsOf(municipalityCode: string): string {
  return (
    TEAMS.filter((t) => t.municipalityCode === municipalityCode)
      .map((t) => t.id)
      .join(", ") || "(no team)"
  );
}
