import type { DataSource } from "typeorm";
import { BUDGET_COACH_TEAM, TEAMS } from "../../../shared/src/covenant/organisations.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";
import { badInput, forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import type { CasePolicy } from "../case/case.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { oneBy } from "../ids.js";
import { householdAddressOf, householdAddressOfRegistered, municipalityOfAddress, type HouseholdAddress } from "./household-address.js";
import { HouseholdProfileEntity } from "./household-profile.entity.js";
import type { HouseholdAddressInput, HouseholdFact, HouseholdInput, HouseholdKeyInput } from "./household-profile.type.js";

/** A monthly batch holds up to 20,000 signals; more households than that in one question is no batch. */
export const MAX_HOUSEHOLD_FACTS = 20_000;

const ALIAS = "profile";

export class HouseholdProfileService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
    private readonly identity?: Identity,
  ) {}

  /** The profile linked to each tenant, or null when there is none or it is not the caller's to see. */
  async byTenantIds(tenantIds: readonly string[]): Promise<(HouseholdProfileEntity | null)[]> {
    const valid = tenantIds.filter(isUuid);
    if (valid.length === 0) return tenantIds.map(() => null);
    const query = this.db.getRepository(HouseholdProfileEntity).createQueryBuilder(ALIAS).where(`${ALIAS}.tenantId = ANY(:tenantIds)`, { tenantIds: valid });
    const rows = await this.policy.restrictTenantHouseholdProfiles(query, ALIAS).getMany();
    return oneBy(tenantIds, rows, (row) => row.tenantId!);
  }

  /** The profile recorded at an address, or null when there is none or it is not the caller's to see. */
  async byAddress(input: HouseholdAddressInput): Promise<HouseholdProfileEntity | null> {
    const address = householdAddressOf(input, "address");
    const query = this.db.getRepository(HouseholdProfileEntity).createQueryBuilder(ALIAS).where(addressMatch(ALIAS), address);
    return this.policy.restrictHouseholdProfiles(query, ALIAS).getOne();
  }

  /**
   * Records what the caller's team knows of the household at an address, or updates what is recorded
   * there (one profile per address). An SWT team records addresses in its own municipality, the budget
   * coach any address of the covenant's municipalities. Known since defaults to what was recorded, else
   * today; it is never in the future.
   */
  async record(input: HouseholdInput): Promise<HouseholdProfileEntity> {
    const address = householdAddressOf(input.address, "household.address");
    const municipality = municipalityOfAddress(address);
    const team = this.recordingTeam();
    if (!municipality) {
      throw badInput(
        `household.address.postcode ${address.postcode} lies in no postcode area of the covenant's municipalities; households are recorded for Haarlem and Zandvoort.`,
        {
          field: "household.address.postcode",
        },
      );
    }
    if (team.municipalityCode !== null && team.municipalityCode !== municipality) {
      throw badInput(`household.address.postcode ${address.postcode} lies in municipality ${municipality}; your team records households in ${team.municipalityCode} only.`, {
        field: "household.address.postcode",
      });
    }
    const today = todayInNetherlands();
    if (input.knownSince && input.knownSince > today) {
      throw badInput(`household.knownSince (${input.knownSince}) lies in the future; give the day the household became known, on or before today (${today}).`, {
        field: "household.knownSince",
      });
    }
    const [row] = await this.db.query(
      `INSERT INTO household_profile (postcode, house_number, house_number_addition, municipality_code, recorded_by_team, known_since, children_under_18, member_65_plus)
       VALUES ($1, $2, $3, $4, $5, coalesce($6::date, $9::date), $7, $8)
       ON CONFLICT (postcode, house_number, house_number_addition) WHERE postcode IS NOT NULL
       DO UPDATE SET recorded_by_team = EXCLUDED.recorded_by_team,
                     known_since = coalesce($6::date, household_profile.known_since, $9::date),
                     children_under_18 = EXCLUDED.children_under_18,
                     member_65_plus = EXCLUDED.member_65_plus,
                     updated_at = $10
       RETURNING id`,
      [
        address.postcode,
        address.houseNumber,
        address.houseNumberAddition,
        municipality,
        team.id,
        input.knownSince ?? null,
        input.childrenUnder18,
        input.member65Plus,
        today,
        now(),
      ],
    );
    return this.db.getRepository(HouseholdProfileEntity).findOneByOrFail({ id: row.id });
  }

  /** The team the caller records for, and the municipality it may record in (null: any of the covenant). */
  private recordingTeam(): { id: string; municipalityCode: string | null } {
    const identity = this.identity;
    if (identity?.role === "BUDGET_COACH") return { id: BUDGET_COACH_TEAM.id, municipalityCode: null };
    const team = identity?.role === "SWT" ? TEAMS.find((t) => t.id === identity.team) : undefined;
    if (!team) throw forbidden("Only a social neighbourhood team (SWT) or the budget coach records what it knows of a household.");
    return { id: team.id, municipalityCode: team.municipalityCode };
  }

  /**
   * The derived facts of each given household, in one statement however many are asked (a monthly
   * batch of signals), in the order first asked. A household is found by its address, normalised as
   * the SWT records it, or by the tenant a profile from before addresses is linked to. It counts as
   * known at the SWT when its profile says since when, or when the tenant has (or had) a case at an SWT
   * team. Only the households for which priority III applies are answered: that a household is known
   * at the SWT at all is not the SDV's to learn (the covenant matrix: "only the derived fact").
   */
  async facts(households: readonly HouseholdKeyInput[]): Promise<HouseholdFact[]> {
    if (households.length > MAX_HOUSEHOLD_FACTS) {
      throw badInput(`households holds ${households.length} entries; ask at most ${MAX_HOUSEHOLD_FACTS} at once.`, { argument: "households" });
    }
    if (!this.policy.mayDeriveHouseholdFacts()) return [];
    const asked = new Map<string, HouseholdAddress | null>();
    for (const household of households) {
      if (!isUuid(household.tenantId) || asked.has(household.tenantId)) continue;
      asked.set(household.tenantId, household.postcode && household.houseNumber ? householdAddressOfRegistered(household.postcode, household.houseNumber) : null);
    }
    if (asked.size === 0) return [];
    const tenants = [...asked.keys()];
    const addresses = [...asked.values()];
    const rows: { tenantId: string }[] = await this.db.query(
      `SELECT a.tenant_id AS "tenantId"
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS a(tenant_id, postcode, house_number, addition)
         JOIN household_profile p
           ON (p.postcode = a.postcode AND p.house_number = a.house_number AND p.house_number_addition = a.addition)
           OR p.tenant_id = a.tenant_id
        WHERE (p.children_under_18 OR p.member_65_plus)
          AND (p.known_since IS NOT NULL OR EXISTS (SELECT 1 FROM "case" c WHERE c.tenant_id = a.tenant_id AND c.team_id <> $5))
        GROUP BY a.tenant_id`,
      [
        tenants,
        addresses.map((a) => a?.postcode ?? null),
        addresses.map((a) => a?.houseNumber ?? null),
        addresses.map((a) => a?.houseNumberAddition ?? null),
        BUDGET_COACH_TEAM.id,
      ],
    );
    const applies = new Set(rows.map((row) => row.tenantId));
    return tenants.filter((tenantId) => applies.has(tenantId)).map((tenantId) => ({ tenantId, priorityThreeApplies: true }));
  }
}

function addressMatch(alias: string): string {
  return `${alias}.postcode = :postcode AND ${alias}.houseNumber = :houseNumber AND ${alias}.houseNumberAddition = :houseNumberAddition`;
}
