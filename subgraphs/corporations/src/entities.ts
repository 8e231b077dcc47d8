import { AccessLogEntity } from "../../shared/src/access-log.js";
import { ArrearsEntity } from "./arrears/arrears.entity.js";
import { CollectionStepEntity } from "./collection-step/collection-step.entity.js";
import { ObjectionEntity } from "./objection/objection.entity.js";
import { RegisterEntryEntity } from "./register-entry/register-entry.entity.js";
import { TenantEntity } from "./tenant/tenant.entity.js";

/** Every table of the corporations database; access_log records the reads of tenants' personal data (AVG). */
export const entities = [TenantEntity, ArrearsEntity, CollectionStepEntity, ObjectionEntity, RegisterEntryEntity, AccessLogEntity];
