import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A social neighbourhood team (sociaal wijkteam, SWT): the municipal team that contacts a household
 * after a signal of priority I-III is forwarded to it, and gives feedback to the corporation
 * (Art. 2.2b, 5.4). The ids are the stable slugs of the covenant (TEAMS in shared/covenant); the
 * initial migration writes the teams as they stood then, so a case can always point at its team.
 */
@Entity("team")
@Check("team_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
export class TeamEntity {
  /** Slug, e.g. haarlem-schalkwijk. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "team_pkey" })
  id: string;

  @Column("text")
  name: string;

  /** CBS code of the municipality the team works for: 0392 Haarlem, 0473 Zandvoort. */
  @Column("text")
  municipalityCode: string;
}
