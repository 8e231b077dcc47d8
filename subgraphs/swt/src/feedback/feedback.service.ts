import type { DataSource } from "typeorm";
import { rowsOfVisibleCases } from "../case/case-rows.js";
import type { CasePolicy } from "../case/case.policy.js";
import { oneBy } from "../ids.js";
import { FeedbackEntity } from "./feedback.entity.js";

export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** The feedback of each case the caller may see, or null when none was given yet. */
  async byCaseIds(caseIds: readonly string[]): Promise<(FeedbackEntity | null)[]> {
    const rows = await rowsOfVisibleCases(this.db, this.policy, FeedbackEntity, "feedback", caseIds, []);
    return oneBy(caseIds, rows, (row) => row.caseId);
  }
}
