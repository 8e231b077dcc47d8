import type { SelectQueryBuilder } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";
import { corporationForWrite } from "../corporation/corporation.policy.js";
import type { RegisterEntryEntity } from "./register-entry.entity.js";

/**
 * Who may read and write the registers of Art. 6.4. Every query on register entries passes through
 * here, so the rules of the authorization work (aggregates only for SDV, analysts and coordinators;
 * nothing for SWT and budget coaches) change this file alone.
 *
 * Reading: a corporation sees its own entries; the other roles see every entry for now.
 * Writing: only a corporation, and only for itself.
 */
export class RegisterEntryPolicy {
  constructor(private readonly identity: Identity) {}

  restrictReads(query: SelectQueryBuilder<RegisterEntryEntity>): SelectQueryBuilder<RegisterEntryEntity> {
    if (this.identity.role === "CORPORATION") {
      query.andWhere(`${query.alias}.corporationId = ANY(:ownCorporations)`, { ownCorporations: this.identity.orgs });
    }
    return query;
  }

  /** The corporation a write is made for; refuses a write for any other corporation. */
  corporationForWrite(requested: string | undefined | null): string {
    return corporationForWrite(this.identity, requested, "keep the registers of Art. 6.4");
  }
}
