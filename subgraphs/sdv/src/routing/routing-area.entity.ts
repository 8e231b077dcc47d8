import { Check, Column, Entity, Generated, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/**
 * One row of the routing table (werkgebied): the SWT team that covers a four-digit postcode area of
 * a municipality. The key is the municipality with the area, as an area can straddle a municipal
 * border (2116: Bentveld in Zandvoort, Aerdenhout in Bloemendaal). Signals of priority I-III are
 * forwarded to the team of the tenant's municipality and area. A migration writes the complete table
 * (POSTCODE_AREAS); SDV or the coordinator change or remove a row, for their own municipalities and
 * to a team of the same municipality, and every change is kept in routing_area_change. The budget
 * coach covers no area: priority IV goes there whatever the address.
 */
@Entity("routing_area")
@Check("routing_area_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("routing_area_postcode_area_check", `"postcode_area" ~ '^[1-9][0-9]{3}$'`)
@Check("routing_area_team_check", `length(trim("team_id")) > 0 AND "team_id" <> 'budget-coach'`)
@Check("routing_area_updated_by_check", `length(trim("updated_by")) > 0`)
export class RoutingAreaEntity {
  /** CBS code of the municipality whose addresses of the area the row routes. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "routing_area_pkey" })
  municipalityCode: string;

  /** Four digits, e.g. 2033. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "routing_area_pkey" })
  postcodeArea: string;

  /** Slug of the SWT team, e.g. haarlem-schalkwijk: a team of the same municipality. */
  @Column("text")
  teamId: string;

  /** Who set the row: a user (sub) of SDV or the coordinator, or "covenant" for the initial table. */
  @Column("text")
  updatedBy: string;

  @Column("timestamptz", { default: () => "now()" })
  updatedAt: Date;
}

/**
 * A change of the routing table, kept for good: who pointed which area of which municipality from
 * which team to which, and when. `toTeamId` null is a removal; `fromTeamId` null a new row.
 */
@Entity("routing_area_change")
@Index("routing_area_change_area_idx", ["municipalityCode", "postcodeArea", "changedAt"])
@Check("routing_area_change_teams_check", `"from_team_id" IS NOT NULL OR "to_team_id" IS NOT NULL`)
export class RoutingAreaChangeEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "routing_area_change_pkey" })
  id: string;

  /**
   * The order in which the entries were written: two written at the same instant (one request
   * forwards and then re-prioritises) still read back in the order they happened.
   */
  @Generated("increment")
  @Column("bigint")
  seq: number;

  @Column("text")
  municipalityCode: string;

  @Column("text")
  postcodeArea: string;

  @Column("text", { nullable: true })
  fromTeamId: string | null;

  @Column("text", { nullable: true })
  toTeamId: string | null;

  @Column("text")
  changedBy: string;

  @Column("timestamptz")
  changedAt: Date;
}
