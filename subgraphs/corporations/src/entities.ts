import { TenantEntity } from "./tenant/tenant.entity.js";

/** Every table of the corporations database. */
export const entities = [TenantEntity];
