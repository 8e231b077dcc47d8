import "reflect-metadata";
import { buildFederatedSchema } from "../../shared/src/federation.js";
import { DateScalar, DateTimeScalar } from "../../shared/src/scalars.js";
import { corporationReference } from "./corporation/corporation.reference.js";
import { CorporationResolver } from "./corporation/corporation.resolver.js";
import { tenantReference } from "./tenant/tenant.reference.js";
import { TenantResolver } from "./tenant/tenant.resolver.js";

/** The corporations subgraph schema; building it needs no database. */
export function createSchema() {
  return buildFederatedSchema(
    {
      resolvers: [CorporationResolver, TenantResolver],
      scalarsMap: [
        { type: Date, scalar: DateTimeScalar },
      ],
      orphanedTypes: [],
    },
    { ...corporationReference, ...tenantReference } as never,
  );
}
export { DateScalar };
