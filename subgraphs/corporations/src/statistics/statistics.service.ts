import type { DataSource } from "typeorm";
import { countCells, groupsAsked, type CountGroup } from "../../../shared/src/count-cells.js";
import { badInput } from "../../../shared/src/errors.js";
import { ArrearsEntity } from "../arrears/arrears.entity.js";
import { ObjectionEntity } from "../objection/objection.entity.js";
import { RegisterEntryEntity } from "../register-entry/register-entry.entity.js";
import type { StatisticsPolicy } from "./statistics.policy.js";
import {
  AMOUNT_BANDS,
  ArrearsGroup,
  ObjectionGroup,
  RegisterGroup,
  TargetGroup,
  type ArrearsCountCell,
  type ArrearsCountsArgs,
  type ObjectionCountCell,
  type ObjectionCountsArgs,
  type RegisterCountCell,
  type RegisterCountsArgs,
} from "./statistics.type.js";

type Cell = { households: number | null; suppressed: boolean };
type Group<C> = CountGroup<Extract<Exclude<keyof C, keyof Cell>, string>>;

const AMOUNT_BAND_SQL = `CASE ${AMOUNT_BANDS.filter((b) => b.belowCents !== null)
  .map((b) => `WHEN arrears.amountCents < ${b.belowCents} THEN '${b.band}'`)
  .join(" ")} ELSE '${AMOUNT_BANDS.at(-1)!.band}' END`;

const ARREARS_GROUPS: Record<ArrearsGroup, Group<ArrearsCountCell>> = {
  [ArrearsGroup.PHASE]: { expression: "arrears.phase", key: "phase" },
  [ArrearsGroup.MUNICIPALITY]: { expression: "tenant.address.municipalityCode", key: "municipalityCode" },
  [ArrearsGroup.CORPORATION]: { expression: "tenant.corporationId", key: "corporationId" },
  [ArrearsGroup.SECTOR]: { expression: "tenant.sector", key: "sector" },
  [ArrearsGroup.AMOUNT_BAND]: { expression: AMOUNT_BAND_SQL, key: "amountBand" },
};

const OBJECTION_GROUPS: Record<ObjectionGroup, Group<ObjectionCountCell>> = {
  [ObjectionGroup.MUNICIPALITY]: { expression: "tenant.address.municipalityCode", key: "municipalityCode" },
  [ObjectionGroup.CORPORATION]: { expression: "objection.corporationId", key: "corporationId" },
  [ObjectionGroup.MONTH_RECORDED]: { expression: "to_char(objection.recordedOn, 'YYYY-MM')", key: "monthRecorded" },
};

const REGISTER_GROUPS: Record<RegisterGroup, Group<RegisterCountCell>> = {
  [RegisterGroup.KIND]: { expression: "entry.kind", key: "kind" },
  [RegisterGroup.MUNICIPALITY]: { expression: "entry.municipalityCode", key: "municipalityCode" },
  [RegisterGroup.CORPORATION]: { expression: "entry.corporationId", key: "corporationId" },
  [RegisterGroup.MONTH]: { expression: "to_char(entry.occurredOn, 'YYYY-MM')", key: "month" },
  [RegisterGroup.TARGET_GROUP]: {
    // Exclusive categories; any flag not known makes the category UNKNOWN, never NEITHER (Art. 6.4).
    expression: `CASE WHEN entry.withChildren = 'YES' AND entry.aged65Plus = 'YES' THEN '${TargetGroup.WITH_CHILDREN_AND_AGED_65_PLUS}'
      WHEN entry.withChildren = 'YES' AND entry.aged65Plus = 'NO' THEN '${TargetGroup.WITH_CHILDREN}'
      WHEN entry.withChildren = 'NO' AND entry.aged65Plus = 'YES' THEN '${TargetGroup.AGED_65_PLUS}'
      WHEN entry.withChildren = 'NO' AND entry.aged65Plus = 'NO' THEN '${TargetGroup.NEITHER}'
      ELSE '${TargetGroup.UNKNOWN}' END`,
    key: "targetGroup",
  },
  [RegisterGroup.CHILDREN_UNDER_18]: { expression: "entry.withChildren", key: "withChildren" },
  [RegisterGroup.MEMBER_65_PLUS]: { expression: "entry.aged65Plus", key: "aged65Plus" },
};

/**
 * Counts for monitoring and evaluating the covenant (Art. 6.2, 6.4): analysts and the coordinator
 * see tenants' arrears, objections and the registers this way, as cells, never as rows. Every key
 * is a category; households are counted by distinct tenant (or entry, for the registers, which name
 * no tenant); a cell under SUPPRESSION_THRESHOLD households is withheld (AVG: a small count can
 * point at a person). Each count is one SQL statement.
 */
export class StatisticsService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: StatisticsPolicy,
  ) {}

  arrearsCounts(args: ArrearsCountsArgs): Promise<ArrearsCountCell[]> {
    const filter = args.filter ?? {};
    const query = this.policy.restrictCounts(this.db.getRepository(ArrearsEntity).createQueryBuilder("arrears").innerJoin("arrears.tenant", "tenant"), "arrears", {
      corporation: "tenant.corporationId",
      municipality: "tenant.address.municipalityCode",
    });
    if (filter.corporationId) query.andWhere("tenant.corporationId = :corporationId", { corporationId: filter.corporationId });
    if (filter.municipalityCode) query.andWhere("tenant.address.municipalityCode = :municipalityCode", { municipalityCode: filter.municipalityCode });
    if (filter.phase) query.andWhere("arrears.phase = :phase", { phase: filter.phase });
    if (filter.sector) query.andWhere("tenant.sector = :sector", { sector: filter.sector });
    return countCells<ArrearsCountCell>(query, { households: "COUNT(DISTINCT tenant.id)" }, groupsAsked(ARREARS_GROUPS, args.groupBy), {
      phase: null,
      municipalityCode: null,
      corporationId: null,
      sector: null,
      amountBand: null,
    });
  }

  objectionCounts(args: ObjectionCountsArgs): Promise<ObjectionCountCell[]> {
    const filter = args.filter ?? {};
    checkPeriod(filter.from, filter.to);
    const query = this.policy.restrictCounts(this.db.getRepository(ObjectionEntity).createQueryBuilder("objection").innerJoin("objection.tenant", "tenant"), "objections", {
      corporation: "objection.corporationId",
      municipality: "tenant.address.municipalityCode",
    });
    if (filter.from) query.andWhere("objection.recordedOn >= :from", { from: filter.from });
    if (filter.to) query.andWhere("objection.recordedOn <= :to", { to: filter.to });
    if (filter.standing === true) query.andWhere("objection.withdrawnOn IS NULL");
    if (filter.standing === false) query.andWhere("objection.withdrawnOn IS NOT NULL");
    return countCells<ObjectionCountCell>(query, { households: "COUNT(DISTINCT objection.tenantId)" }, groupsAsked(OBJECTION_GROUPS, args.groupBy), {
      municipalityCode: null,
      corporationId: null,
      monthRecorded: null,
    });
  }

  registerCounts(args: RegisterCountsArgs): Promise<RegisterCountCell[]> {
    const filter = args.filter ?? {};
    checkPeriod(filter.from, filter.to);
    const query = this.policy.restrictCounts(this.db.getRepository(RegisterEntryEntity).createQueryBuilder("entry"), "registers", {
      corporation: "entry.corporationId",
      municipality: "entry.municipalityCode",
    });
    if (filter.from) query.andWhere("entry.occurredOn >= :from", { from: filter.from });
    if (filter.to) query.andWhere("entry.occurredOn <= :to", { to: filter.to });
    return countCells<RegisterCountCell>(query, { households: "COUNT(*)" }, groupsAsked(REGISTER_GROUPS, args.groupBy), {
      kind: null,
      municipalityCode: null,
      corporationId: null,
      month: null,
      targetGroup: null,
      withChildren: null,
      aged65Plus: null,
    });
  }
}

function checkPeriod(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) {
    throw badInput(`filter.from ${from} lies after filter.to ${to}; the period would be empty.`, { argument: "filter.from" });
  }
}
