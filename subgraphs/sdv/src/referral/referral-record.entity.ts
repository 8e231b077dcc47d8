import { Check, Column, Entity, ForeignKey, Generated, Index, PrimaryGeneratedColumn } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { ReferralTargetValue } from "./referral.entity.js";

/**
 * Why a signal was forwarded (doorgezet) where it is:
 *  RECEIPT       at intake, by its priority and the routing table;
 *  ROUTING_AREA  it waited for a team, and a routing area was set for its address;
 *  PRIORITY      an override or a recomputation moved it between I-III and IV (Art. 5.3);
 *  REROUTE       an SDV worker sent it to another team by hand;
 *  HAND_OVER     the team that held its case handed the case to another team or the budget coach.
 */
export type ReferralKindValue = "RECEIPT" | "ROUTING_AREA" | "PRIORITY" | "REROUTE" | "HAND_OVER";

/**
 * Every referral of a signal, in order, never updated: from where (null the first time) to where,
 * on which day (day zero of that holder's feedback term), why, by whom and with what reason. The
 * referral row holds the one in force; these rows are its history. The table keeps its first name,
 * forwarding_record, as does the schema's ForwardingRecord: renaming either would change what others rely on.
 */
@Entity("forwarding_record")
@Index("forwarding_record_signal_idx", ["signalId", "forwardedAt"])
@Check("forwarding_record_kind_check", `"kind" IN ('RECEIPT', 'ROUTING_AREA', 'PRIORITY', 'REROUTE', 'HAND_OVER')`)
@Check("forwarding_record_target_check", `"to_target" IN ('SWT', 'BUDGET_COACH')`)
export class ReferralRecordEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "forwarding_record_pkey" })
  id: string;

  /**
   * The order in which the entries were written: two written at the same instant (one request
   * forwards and then re-prioritises) still read back in the order they happened.
   */
  @Generated("increment")
  @Column("bigint")
  seq: number;

  @Column("uuid")
  @ForeignKey(() => SignalEntity, { name: "forwarding_record_signal_fkey", onDelete: "CASCADE" })
  signalId: string;

  @Column("text")
  kind: ReferralKindValue;

  @Column("text", { nullable: true })
  fromTarget: ReferralTargetValue | null;

  @Column("text", { nullable: true })
  fromTeamId: string | null;

  @Column("text")
  toTarget: ReferralTargetValue;

  @Column("text")
  toTeamId: string;

  @Column("date")
  forwardedOn: string;

  @Column("timestamptz")
  forwardedAt: Date;

  /** The user (sub) or integration whose action forwarded it. */
  @Column("text")
  forwardedBy: string;

  /** The reason given with a reroute or hand-over; the priority's own reason stays with the priority. */
  @Column("text", { nullable: true })
  reason: string | null;
}
