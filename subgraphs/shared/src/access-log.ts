import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type DataSource, type QueryRunner } from "typeorm";
import { UseMiddleware, type MiddlewareFn } from "type-graphql";
import type { Identity } from "./identity.js";
import { logger } from "./logger.js";

/**
 * One read of a person's data (AVG accountability): who read which fields of which person, when,
 * in which operation. Never the data itself. The table is append-only: a trigger refuses UPDATE and
 * DELETE (see `accessLogAppendOnlySql`), so a compromised service cannot cover its tracks.
 */
@Entity("access_log")
@Index("access_log_person_idx", ["personId", "readAt"])
@Index("access_log_read_at_idx", ["readAt", "id"])
export class AccessLogEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @CreateDateColumn({ type: "timestamptz" })
  readAt: Date;

  @Column("text")
  subject: string;

  @Column("text")
  role: string;

  @Column("text", { array: true })
  organisations: string[];

  @Column("text", { nullable: true })
  team: string | null;

  /** The person read: the tenant's id. */
  @Column("uuid")
  personId: string;

  /** The fields read, e.g. Tenant.name, Tenant.arrears. */
  @Column("text", { array: true })
  fields: string[];

  @Column("text", { nullable: true })
  operationName: string | null;

  @Column("text")
  requestId: string;
}

/** SQL for a migration that makes access_log append-only. */
export async function makeAccessLogAppendOnly(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await queryRunner.query(`CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`);
  await queryRunner.query(`CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`);
}

export async function dropAccessLogAppendOnly(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TRIGGER IF EXISTS access_log_no_truncate ON access_log`);
  await queryRunner.query(`DROP TRIGGER IF EXISTS access_log_append_only ON access_log`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS access_log_refuse_change()`);
}

/**
 * Collects the reads of one request and writes them in one statement when the response is sent:
 * one row per person, with every field read of that person.
 */
export class AccessLogCollector {
  private readonly reads = new Map<string, Set<string>>();

  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly operationName: string | null,
  ) {}

  record(personId: string, field: string): void {
    let fields = this.reads.get(personId);
    if (!fields) this.reads.set(personId, (fields = new Set()));
    fields.add(field);
  }

  get size(): number {
    return this.reads.size;
  }

  async flush(): Promise<void> {
    if (this.reads.size === 0) return;
    const persons = [...this.reads.keys()];
    // Fields travel as one text per person ("a,b") and are split in SQL: PostgreSQL's unnest
    // cannot unpack an array of arrays of different lengths.
    const fields = persons.map((person) => [...this.reads.get(person)!].sort().join(","));
    this.reads.clear();
    // One statement for any number of persons: the rows are built from arrays, not parameters
    // (a multi-row VALUES would hit PostgreSQL's limit of 65,535 parameters).
    await this.db.query(
      `INSERT INTO access_log (subject, role, organisations, team, person_id, fields, operation_name, request_id)
       SELECT $1, $2, $3::text[], $4, person_id, string_to_array(field_list, ','), $5, $6
       FROM unnest($7::uuid[], $8::text[]) AS read(person_id, field_list)`,
      [this.identity.sub, this.identity.role, this.identity.orgs, this.identity.team ?? null, this.operationName, this.requestId, persons, fields],
    );
    logger.debug({ requestId: this.requestId, persons: persons.length }, "access logged");
  }
}

/**
 * Marks a field as personal data: every resolved read is recorded in the request's access log.
 * `personOf` finds the person's id from the parent object (default: its `id`).
 */
export function PersonalData(personOf: (root: any) => string | null | undefined = (root) => root?.id): MethodDecorator & PropertyDecorator {
  const middleware: MiddlewareFn<{ accessLog: AccessLogCollector }> = async ({ root, info, context }, next) => {
    const value = await next();
    const personId = personOf(root);
    if (personId && value !== null && value !== undefined) context.accessLog.record(personId, `${info.parentType.name}.${info.fieldName}`);
    return value;
  };
  return UseMiddleware(middleware) as MethodDecorator & PropertyDecorator;
}
