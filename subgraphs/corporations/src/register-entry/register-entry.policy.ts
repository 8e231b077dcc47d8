import type { SelectQueryBuilder } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";
import { corporationForWrite } from "../../../shared/src/corporation-for-write.js";
import type { RegisterEntryEntity } from "./register-entry.entity.js";

/**
 * Who may read and write the registers of Art. 6.4. Every query on register entries passes through
 * here.
 *
 * Reading single entries: a corporation its own; every other role none (SDV, analysts and the
 * coordinator get registerCounts, SWT and budget coaches nothing).
 * Writing: only a corporation, and only for itself.
 */
export class RegisterEntryPolicy {
  constructor(private readonly identity: Identity) {}

  restrictReads(query: SelectQueryBuilder<RegisterEntryEntity>): SelectQueryBuilder<RegisterEntryEntity> {
    if (this.identity.role === "CORPORATION") {
      return query.andWhere(`${query.alias}.corporationId = ANY(:ownCorporations)`, { ownCorporations: this.identity.orgs });
    }
    return query.andWhere("false");
  }

  /** The corporation a write is made for; refuses a write for any other corporation. */
  corporationForWrite(requested: string | undefined | null): string {
    return corporationForWrite(this.identity, requested, "keep the registers of Art. 6.4");
  }
}
