import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type EntityManager, type QueryRunner } from "typeorm";
import type { Identity } from "./identity.js";
import { logger } from "./logger.js";
import { dropAppendOnly, makeAppendOnly } from "./append-only.js";

export type ErasureReason = "OBJECTION" | "RETENTION";

/**
 * One erasure (AVG accountability for deleting): why (an objection that withdrew a signal, or the
 * retention period), who asked (a partner's role and organisations; null for the scheduled job), and
 * what was erased, in counts per kind of record. Never a person's id or data: the log of an erasure
 * must not itself keep what was erased. Append-only, like the access log: a trigger refuses UPDATE,
 * DELETE and TRUNCATE (`makeErasureLogAppendOnly`), so no erasure can be taken back out of the record.
 */
@Entity("erasure_log")
@Index("erasure_log_at_idx", ["at"])
@Check("erasure_log_reason_check", `"reason" IN ('OBJECTION', 'RETENTION')`)
export class ErasureLogEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "erasure_log_pkey" })
  id: string;

  @CreateDateColumn({ type: "timestamptz" })
  at: Date;

  @Column("text")
  reason: ErasureReason;

  /** The role of the partner whose act caused the erasure; null for the scheduled retention job. */
  @Column("text", { nullable: true })
  actorRole: string | null;

  @Column("text", { array: true, default: () => "'{}'" })
  actorOrganisations: string[];

  /** Records erased, per kind, e.g. { "signal": 2, "priority": 2 }. */
  @Column("jsonb")
  counts: Record<string, number>;

  /** The request that caused it, to correlate with the request logs; null for the scheduled job. */
  @Column("text", { nullable: true })
  requestId: string | null;
}

/**
 * Writes one erasure to the log in the erasing transaction (so a rolled-back erasure leaves no entry
 * and a committed one always has its entry), and to the process log.
 */
export async function logErasure(
  manager: EntityManager,
  entry: { reason: ErasureReason; identity?: Identity | null; requestId?: string | null; counts: Record<string, number> },
): Promise<void> {
  await manager.getRepository(ErasureLogEntity).insert({
    reason: entry.reason,
    actorRole: entry.identity?.role ?? null,
    actorOrganisations: entry.identity ? [...entry.identity.orgs] : [],
    counts: entry.counts,
    requestId: entry.requestId ?? null,
  });
  logger.info({ erasure: entry.reason, counts: entry.counts, requestId: entry.requestId ?? undefined }, "erased");
}

/** For a migration: makes erasure_log append-only (makeAppendOnly). */
export async function makeErasureLogAppendOnly(queryRunner: QueryRunner): Promise<void> {
  await makeAppendOnly(queryRunner, "erasure_log");
}

export async function dropErasureLogAppendOnly(queryRunner: QueryRunner): Promise<void> {
  await dropAppendOnly(queryRunner, "erasure_log");
}
