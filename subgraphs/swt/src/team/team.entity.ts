import { Check, Column, Entity, PrimaryColumn } from "typeorm";
import { sqlList } from "../sql.js";
import { TeamKind } from "./team.enums.js";

/**
 * A team that holds cases. Mostly a social neighbourhood team (sociaal wijkteam, SWT): the municipal
 * team that contacts a household after a signal of priority I-III is forwarded to it, and gives
 * feedback to the corporation (Art. 2.2b, 5.4). One row is the budget coach (kind BUDGET_COACH), whose
 * priority IV referrals are cases too. The ids are the stable slugs of the covenant (TEAMS and
 * BUDGET_COACH_TEAM in shared/covenant); migrations write the teams, so a case can always point at its team.
 */
@Entity("team")
@Check("team_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("team_kind_check", `"kind" IN (${sqlList(Object.values(TeamKind))})`)
export class TeamEntity {
  /** Slug, e.g. haarlem-schalkwijk. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "team_pkey" })
  id: string;

  @Column("text")
  name: string;

  /**
   * CBS code of the municipality the team works for: 0392 Haarlem, 0473 Zandvoort. The budget coach
   * serves both and is registered under Haarlem; which municipality a case belongs to is the case's own.
   */
  @Column("text")
  municipalityCode: string;

  @Column("text")
  kind: TeamKind;
}
