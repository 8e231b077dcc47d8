import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type DataSource, type QueryRunner } from "typeorm";
import type { GraphQLFieldResolver } from "graphql";
import { Extensions } from "type-graphql";
import type { Identity } from "./identity.js";
import { logger } from "./logger.js";
import { timeOrderedIds } from "./time-ordered-ids.js";

/**
 * One read of a person's data (AVG accountability): who read which fields of which person, when,
 * in which operation. Never the data itself. The table is append-only: a trigger refuses UPDATE and
 * DELETE (see `accessLogAppendOnlySql`), so a compromised service cannot cover its tracks.
 */
@Entity("access_log")
@Index("access_log_person_idx", ["personId", "readAt"])
@Index("access_log_read_at_idx", ["readAt", "id"])
@Check("access_log_read_at_milliseconds", `"read_at" = date_trunc('milliseconds', "read_at")`)
export class AccessLogEntity {
  /** Time-ordered (UUID version 7) when AccessLogWriter writes the row, see timeOrderedIds. */
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /**
   * To the millisecond, by its default and a check (see keepReadAtInMillisecondsByDefault): the log
   * is paged by (read_at, id), and a page cursor carries read_at as a JS Date, to the millisecond.
   */
  @CreateDateColumn({ type: "timestamptz", default: () => "date_trunc('milliseconds', now())" })
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

/** The rows of one request's reads: one per person, with every field read of that person. */
interface AccessRows {
  identity: Identity;
  requestId: string;
  operationName: string | null;
  persons: string[];
  /** The fields read of each person, in the order of `persons`. */
  fields: string[][];
}

/**
 * Writes the access log of a subgraph's requests, those that finish at the same moment together
 * (a group commit). A request's reads are written, and committed, before its answer leaves: `write`
 * resolves only when the statement holding its rows has committed, and rejects when it failed, and
 * then the answer is withheld (ACCESS_LOG_FAILED). One write is in flight at a time per database;
 * the requests that finish meanwhile wait for it and go together in the next statement. Alone, a
 * request waits for nothing but its own statement; under load, one statement serves many requests
 * instead of one each, and each statement was a round trip and a commit of its own.
 * A statement for several requests that fails is tried again request by request, so that one bad
 * request withholds only its own answer.
 */
export class AccessLogWriter {
  private readonly waiting: { rows: AccessRows; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly db: DataSource) {}

  write(rows: AccessRows): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.waiting.length);
        try {
          await this.insert(batch.map((entry) => entry.rows));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const entry of batch) {
            await this.insert([entry.rows]).then(entry.resolve, entry.reject);
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * One statement for any number of requests and persons: each request travels as one JSON object
   * (who, which operation, and its persons with their ids and fields as parallel arrays) and is
   * unpacked in SQL. A multi-row VALUES would hit PostgreSQL's limit of 65,535 parameters, and
   * unnest cannot unpack arrays of arrays of different lengths: a person's fields travel as one
   * comma-separated string (GraphQL names hold no comma).
   */
  private async insert(requests: AccessRows[]): Promise<void> {
    const document = requests.map((request) => ({
      s: request.identity.sub,
      r: request.identity.role,
      o: request.identity.orgs,
      t: request.identity.team ?? null,
      n: request.operationName,
      q: request.requestId,
      i: timeOrderedIds(request.persons.length),
      p: request.persons,
      f: request.fields.map((fields) => fields.join(",")),
    }));
    await this.db.query(
      `INSERT INTO access_log (id, subject, role, organisations, team, person_id, fields, operation_name, request_id)
       SELECT e.id::uuid, q->>'s', q->>'r', o.organisations, q->>'t', e.person::uuid, string_to_array(e.fields, ','), q->>'n', q->>'q'
       FROM jsonb_array_elements($1::jsonb) AS q,
            LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(q->'o')) AS organisations) AS o,
            LATERAL unnest(ARRAY(SELECT jsonb_array_elements_text(q->'i')), ARRAY(SELECT jsonb_array_elements_text(q->'p')),
                           ARRAY(SELECT jsonb_array_elements_text(q->'f'))) AS e(id, person, fields)`,
      [JSON.stringify(document)],
    );
  }
}

const writers = new WeakMap<DataSource, AccessLogWriter>();

/** The one writer of a database's access log, shared by all its requests. */
function writerOf(db: DataSource): AccessLogWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new AccessLogWriter(db)));
  return writer;
}

/**
 * Collects the reads of one request and writes them when the response is sent, before it leaves
 * (AccessLogWriter): one row per person, with every field read of that person.
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
    const fields = persons.map((person) => [...this.reads.get(person)!].sort());
    this.reads.clear();
    await writerOf(this.db).write({ identity: this.identity, requestId: this.requestId, operationName: this.operationName, persons, fields });
    logger.debug({ requestId: this.requestId, persons: persons.length }, "access logged");
  }
}

/** The extension of a field that marks it as personal data: how to find the person (see PersonalData). */
export const PERSONAL_DATA = "personalData";

/** Finds the id of the person a field's value is about, from the parent object. */
export type PersonOf = (root: any) => string | null | undefined;

/**
 * Marks a field as personal data: every resolved read is recorded in the request's access log.
 * `personOf` finds the person's id from the parent object (default: its `id`). The subgraph schema
 * wraps the field's resolver (recordingReads, through federation.ts), after its role check.
 */
export function PersonalData(personOf: PersonOf = (root) => root?.id): MethodDecorator & PropertyDecorator {
  return Extensions({ [PERSONAL_DATA]: personOf }) as MethodDecorator & PropertyDecorator;
}

/**
 * `resolve`, recording in the request's access log each read that gives a value (null is no read).
 * A value resolved at once is recorded at once: no promise per field and row, as a middleware made
 * (for a list of tenants with five personal fields, five promises a row).
 */
export function recordingReads(resolve: GraphQLFieldResolver<unknown, any>, personOf: PersonOf): GraphQLFieldResolver<unknown, { accessLog: AccessLogCollector }> {
  return (root, args, context, info) => {
    const record = (value: unknown) => {
      const personId = value === null || value === undefined ? null : personOf(root);
      if (personId) context.accessLog.record(personId, `${info.parentType.name}.${info.fieldName}`);
      return value;
    };
    const value = resolve(root, args, context, info);
    return value instanceof Promise ? value.then(record) : record(value);
  };
}
