import DataLoader from "dataloader";
import type { CaseEntity } from "./case.entity.js";
import type { CaseService } from "./case.service.js";

const options = { maxBatchSize: 1_000 };

/** Per-request loaders: whatever asks (a list, a nested field, another subgraph), one query per batch. */
export function createCaseLoaders(service: CaseService) {
  const byId = new DataLoader<string, CaseEntity | null>((ids) => service.byIds(ids), options);
  const prime = (cases: CaseEntity[]) => {
    for (const kase of cases) byId.prime(kase.id, kase);
    return cases;
  };
  return {
    case: byId,
    casesOfTenant: new DataLoader<string, CaseEntity[]>(async (tenantIds) => (await service.byTenantIds(tenantIds)).map(prime), options),
    caseOfSignal: new DataLoader<string, CaseEntity | null>(async (signalIds) => {
      const cases = await service.bySignalIds(signalIds);
      prime(cases.filter((kase): kase is CaseEntity => kase !== null));
      return cases;
    }, options),
    signalIdsOfCase: new DataLoader<string, string[]>((caseIds) => service.signalIdsByCaseIds(caseIds), options),
  };
}
