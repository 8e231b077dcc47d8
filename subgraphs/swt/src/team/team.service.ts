import type { DataSource } from "typeorm";
import { oneBy } from "../ids.js";
import { TeamEntity } from "./team.entity.js";

/** The teams are parties of the covenant: every caller may know which teams there are. */
export class TeamService {
  constructor(private readonly db: DataSource) {}

  all(): Promise<TeamEntity[]> {
    return this.db.getRepository(TeamEntity).createQueryBuilder("team").orderBy("team.id", "ASC").getMany();
  }

  async byIds(ids: readonly string[]): Promise<(TeamEntity | null)[]> {
    const rows = await this.db
      .getRepository(TeamEntity)
      .createQueryBuilder("team")
      .where("team.id = ANY(:ids)", { ids: [...ids] })
      .getMany();
    return oneBy(ids, rows, (team) => team.id);
  }
}
