import type { DataSource, EntityManager } from "typeorm";
import { TEAMS } from "../../../shared/src/covenant/organisations.js";
import { badInput, forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import type { CaseOpeningService } from "../referral/case-opening.js";
import { now as clockNow, todayInNetherlands } from "../../../shared/src/clock.js";
import { RoutingAreaEntity } from "./routing-area.entity.js";

/** The day zero of the feedback term for a forwarding made at `at`: that Dutch day, or the next working day. */
export function forwardingDay(at: Date): string {
  return firstWorkingDayFrom(todayInNetherlands(at));
}

/**
 * The routing table: which SWT team covers which postcode area. Small (a row per area), so a batch
 * reads it whole once. SDV changes the rows of teams in the municipalities it serves, the
 * coordinator any row; the table holds only teams of the covenant, never the budget coach.
 */
export class RoutingService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly caseOpening: CaseOpeningService,
  ) {}

  /** The whole table, postcode area → team id, in one statement. */
  async table(manager: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await manager.getRepository(RoutingAreaEntity).find();
    return new Map(rows.map((row) => [row.postcodeArea, row.teamId]));
  }

  list(): Promise<RoutingAreaEntity[]> {
    return this.db.getRepository(RoutingAreaEntity).find({ order: { postcodeArea: "ASC" } });
  }

  /**
   * Points a postcode area at a team, and forwards to it the signals of that area that were received
   * with priority I-III while no team covered it. One transaction; after it, swt is asked for the cases
   * of the signals forwarded, in the name of the SDV or the coordinator that set the area.
   */
  async set(postcodeArea: string, teamId: string): Promise<{ routingArea: RoutingAreaEntity; forwardedWaitingSignals: number }> {
    const area = postcodeArea.trim();
    if (!/^[1-9]\d{3}$/.test(area)) {
      throw badInput(`postcodeArea "${postcodeArea}" must be the four digits of a Dutch postcode, e.g. 2033.`, { argument: "postcodeArea" });
    }
    const team = TEAMS.find((t) => t.id === teamId);
    if (!team) {
      throw badInput(`teamId "${teamId}" is no SWT team of the covenant; use one of ${TEAMS.map((t) => t.id).join(", ")}.`, { argument: "teamId" });
    }
    if (this.identity.role === "SDV" && !this.identity.orgs.includes(team.municipalityCode)) {
      throw forbidden(`Team ${team.id} works for municipality ${team.municipalityCode}, which you do not serve; the coordinator can set this area.`);
    }
    const now = clockNow();
    const result = await this.db.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(RoutingAreaEntity)
        .values({ postcodeArea: area, teamId: team.id, updatedBy: this.identity.sub, updatedAt: now })
        .orUpdate(["team_id", "updated_by", "updated_at"], ["postcode_area"])
        .updateEntity(false)
        .execute();
      const [{ forwarded }]: { forwarded: number }[] = await manager.query(
        `WITH waiting AS (
           SELECT s.id FROM signal s JOIN priority p ON p.signal_id = s.id
            WHERE s.status = 'RECEIVED' AND s.postcode_area = $1 AND COALESCE(p.override_level, p.level) <> 'IV'
              AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.signal_id = s.id)
            FOR UPDATE OF s
         ), forwarded AS (
           INSERT INTO referral (signal_id, target, team_id, forwarded_on, forwarded_at)
           SELECT id, 'SWT', $2, $3, $4 FROM waiting
           ON CONFLICT ON CONSTRAINT referral_signal_key DO NOTHING
           RETURNING signal_id
         ), marked AS (
           UPDATE signal SET status = 'FORWARDED' WHERE id IN (SELECT signal_id FROM forwarded) RETURNING id
         )
         SELECT count(*)::int AS forwarded FROM marked`,
        [area, team.id, forwardingDay(now), now],
      );
      const routingArea = await manager.getRepository(RoutingAreaEntity).findOneByOrFail({ postcodeArea: area });
      return { routingArea, forwardedWaitingSignals: forwarded };
    });
    if (result.forwardedWaitingSignals > 0) await this.caseOpening.afterForwarding();
    return result;
  }
}
