import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One row of the routing table (werkgebied): the SWT team that covers a four-digit postcode area.
 * Signals of priority I-III are forwarded to the team of the tenant's area. A migration writes the
 * covenant's neighbourhoods (TEAMS); SDV or the coordinator change a row when team boundaries move.
 * The budget coach covers no area: priority IV goes there whatever the address.
 */
@Entity("routing_area")
@Check("routing_area_postcode_area_check", `"postcode_area" ~ '^[1-9][0-9]{3}$'`)
@Check("routing_area_team_check", `length(trim("team_id")) > 0 AND "team_id" <> 'budget-coach'`)
@Check("routing_area_updated_by_check", `length(trim("updated_by")) > 0`)
export class RoutingAreaEntity {
  /** Four digits, e.g. 2033. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "routing_area_pkey" })
  postcodeArea: string;

  /** Slug of the SWT team, e.g. haarlem-schalkwijk. */
  @Column("text")
  teamId: string;

  /** Who set the row: a user (sub) of SDV or the coordinator, or "covenant" for the initial table. */
  @Column("text")
  updatedBy: string;

  @Column("timestamptz", { default: () => "now()" })
  updatedAt: Date;
}
