import type { DataSource } from "typeorm";
import type { BaseRequestContext } from "../../shared/src/subgraph-server.js";
import { createTenantLoader } from "./tenant/tenant.loader.js";
import { TenantPolicy } from "./tenant/tenant.policy.js";
import { TenantService } from "./tenant/tenant.service.js";

/** Everything one request of the corporations subgraph works with: identity, services, loaders. */
export interface CorporationsContext extends BaseRequestContext {
  db: DataSource;
  services: ReturnType<typeof createServices>;
  loaders: ReturnType<typeof createLoaders>;
}

function createServices(db: DataSource, base: BaseRequestContext) {
  const tenantPolicy = new TenantPolicy(base.identity);
  return {
    tenants: new TenantService(db, tenantPolicy),
  };
}

function createLoaders(services: ReturnType<typeof createServices>) {
  return {
    tenant: createTenantLoader(services.tenants),
  };
}

export function createContext(db: DataSource, base: BaseRequestContext): CorporationsContext {
  const services = createServices(db, base);
  return { ...base, db, services, loaders: createLoaders(services) };
}
