import { GraphQLError } from "graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Identity, Role } from "../../../shared/src/identity.js";
import { logger } from "../../../shared/src/logger.js";
import { TENANT_VISIBILITY_PEER, type PeerClient } from "../../../shared/src/peer-client.js";
import { corporationForWrite } from "../../../shared/src/corporation-for-write.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { askPeer, MalformedPeerAnswer } from "../../../shared/src/contracts/contract.js";
import { sdvVisibleTenantIds } from "../../../shared/src/contracts/sdv.js";
import { swtVisibleTenantIds } from "../../../shared/src/contracts/swt.js";

/**
 * The roles that may read a tenant's contact data and arrears at all (the first two rows of the
 * matrix "Who may see what"); which of the tenants each of them may read is `TenantPolicy`'s job.
 */
export const TENANT_READERS: Role[] = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH"];

const VISIBLE_TENANT_IDS = { sdv: sdvVisibleTenantIds, swt: swtVisibleTenantIds };

/**
 * Which tenants a peer subgraph lets the caller see, asked at most once per tenant and request:
 * the tenant loader asks for its batch, and the arrears, steps and objections of those tenants
 * are answered from memory. Once the whole list has been asked for, nothing is asked again.
 * A peer that cannot be asked means no tenant at all (fail closed), never every tenant.
 */
export class PeerVisibility {
  private everything?: Promise<Set<string>>;
  private readonly answered = new Map<string, Promise<boolean>>();

  constructor(
    private readonly peers: PeerClient,
    private readonly peer: "sdv" | "swt",
  ) {}

  /** Every tenant id the peer lets the caller see. */
  all(): Promise<Set<string>> {
    this.everything ??= this.ask(null).then((ids) => new Set(ids));
    return this.everything;
  }

  /** Those of `ids` the peer lets the caller see, in the order given. */
  async among(ids: readonly string[]): Promise<string[]> {
    if (this.everything) {
      const all = await this.everything;
      return ids.filter((id) => all.has(id));
    }
    const unasked = [...new Set(ids.filter((id) => !this.answered.has(id)))];
    if (unasked.length > 0) {
      const visible = this.ask(unasked).then((found) => new Set(found));
      for (const id of unasked)
        this.answered.set(
          id,
          visible.then((set) => set.has(id)),
        );
    }
    const flags = await Promise.all(ids.map((id) => this.answered.get(id)!));
    return ids.filter((_, i) => flags[i]);
  }

  private async ask(ids: string[] | null): Promise<string[]> {
    try {
      return await askPeer(this.peers, VISIBLE_TENANT_IDS[this.peer], { ids });
    } catch (error) {
      if (error instanceof MalformedPeerAnswer) {
        logger.warn({ peer: this.peer, issues: error.issues }, "peer answered visibleTenantIds with something other than a list of ids; showing none");
      } else {
        logger.warn({ err: error, peer: this.peer }, "peer could not say which tenants the caller may see; showing none");
      }
      throw this.unavailable();
    }
  }

  private unavailable(): GraphQLError {
    return new GraphQLError(`Which tenants you may see is decided with the ${this.peer} service, which could not be asked; no tenant is shown.`, {
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: this.peer },
    });
  }
}

/**
 * Which tenants a caller may read and write. Every query on tenants, every row reached by reference
 * from another subgraph, and every query on a tenant's own data (arrears, collection steps,
 * objections: joined to their tenant) passes through here.
 *
 * Reading (the matrix "Who may see what"):
 *  - CORPORATION: its own tenants;
 *  - SDV: tenants with a live signal in a municipality it serves (asked of the sdv subgraph);
 *  - BUDGET_COACH: tenants referred to it (asked of the sdv subgraph);
 *  - SWT: tenants with a case of its team (asked of the swt subgraph);
 *  - ANALYST, COORDINATOR: no tenant at all; they get aggregates.
 * A tenant outside these rules is absent, as if it did not exist.
 * Intake facts (what a signal is checked against): only a corporation, of its own tenants.
 * Writing: only a corporation, and only for itself.
 */
export class TenantPolicy {
  private readonly visibility: PeerVisibility | undefined;

  constructor(
    private readonly identity: Identity,
    peers: PeerClient,
  ) {
    const peer = TENANT_VISIBILITY_PEER[identity.role];
    this.visibility = peer ? new PeerVisibility(peers, peer) : undefined;
  }

  /**
   * Narrows a query to readable tenants. `tenantAlias` names the tenant in the query: the main
   * alias for a tenant query, the joined tenant for a query on a tenant's data. `among` are the
   * tenant ids the query is about, when it is about some: the peer is then asked only about those.
   */
  async restrictReads<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, tenantAlias: string = query.alias, among?: readonly string[]): Promise<SelectQueryBuilder<T>> {
    if (this.identity.role === "CORPORATION") {
      return query.andWhere(`${tenantAlias}.corporationId = ANY(:ownCorporations)`, { ownCorporations: this.identity.orgs });
    }
    if (this.visibility) {
      const visible = among ? await this.visibility.among(among) : [...(await this.visibility.all())];
      // Fail closed (Art. 3.4): from the moment an objection is recorded, the tenant is withheld
      // from every downstream role, whether or not sdv and swt have erased their copies yet.
      return query
        .andWhere(`${tenantAlias}.id = ANY(:visibleTenantIds)`, { visibleTenantIds: visible.filter(isUuid) })
        .andWhere(`NOT EXISTS (SELECT 1 FROM objection standing WHERE standing.tenant_id = ${tenantAlias}.id AND standing.withdrawn_on IS NULL)`);
    }
    // Every other role (ANALYST, COORDINATOR, and any role added later) reads no tenant rows.
    return query.andWhere("false");
  }

  /**
   * Of `ids` (tenants the query did not find), those the caller would see but for a standing
   * objection: a downstream role (SDV, SWT, budget coach) is told they are withheld, with
   * WITHHELD_BY_OBJECTION, so that a case or signal it holds is not mistaken for one without a
   * tenant. Tenants it may not see at all stay absent, without an error. A corporation reads its own
   * objecting tenants as before; other roles read no tenants.
   */
  async withheldByObjection(db: { query: (sql: string, parameters: unknown[]) => Promise<{ tenant_id: string }[]> }, ids: readonly string[]): Promise<Set<string>> {
    if (!this.visibility || ids.length === 0) return new Set();
    const visible = (await this.visibility.among(ids)).filter(isUuid);
    if (visible.length === 0) return new Set();
    const rows = await db.query(`SELECT DISTINCT tenant_id FROM objection WHERE tenant_id = ANY($1::uuid[]) AND withdrawn_on IS NULL`, [visible]);
    return new Set(rows.map((row) => row.tenant_id));
  }

  /**
   * The corporation whose intake facts (the arrears, collection steps and objections a signal is
   * checked against) the caller may read: only a corporation, and only its own, since it submits
   * signals about its own tenants only. Null means an empty answer, not an error, so that asking
   * about another corporation confirms nothing about its tenants.
   */
  intakeCorporation(requested: string): string | null {
    return this.identity.role === "CORPORATION" && this.identity.orgs.includes(requested) ? requested : null;
  }

  /** The corporation a write is made for; refuses a write for any other corporation. */
  corporationForWrite(requested: string | undefined | null): string {
    return corporationForWrite(this.identity, requested, "register tenant data");
  }
}
