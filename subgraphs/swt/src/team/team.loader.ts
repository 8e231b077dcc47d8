import DataLoader from "dataloader";
import type { TeamEntity } from "./team.entity.js";
import type { TeamService } from "./team.service.js";

/** The teams of all cases of a response in one query. */
export function createTeamLoader(service: TeamService) {
  return new DataLoader<string, TeamEntity | null>((ids) => service.byIds(ids), { maxBatchSize: 1_000 });
}
