import { afterAll, describe, expect, it } from "vitest";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { openDataSource } from "../../../shared/src/database.js";
import { entities } from "../entities.js";
import { CaseworkAndFeedback1795823850639 } from "./1795823850639-casework-and-feedback.js";
import { migrations } from "./index.js";

describe("the migration that brings the feedback term and casework to cases", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("gives existing cases their opening day as day of forwarding, ARREARS, the due day of the covenant's calendar, and counts closed ones as reported", async () => {
    const before = await openDataSource({ url: databases.urls.swt, entities, migrations: migrations.slice(0, migrations.indexOf(CaseworkAndFeedback1795823850639)) });
    const insert = (openedOn: string, status: string, closedOn: string | null) =>
      before.dataSource.query(
        `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, closed_on) values ('zandvoort', gen_random_uuid(), 'elan-wonen', '0473', $1, $2, $3) returning id`,
        [status, openedOn, closedOn],
      );
    // The Friday before King's Day; the day before Ascension; an ordinary Monday, closed since.
    const [[kingsDay], [ascension], [closed]] = [
      await insert("2026-04-24", "OPEN", null),
      await insert("2026-05-13", "IN_TREATMENT", null),
      await insert("2026-03-02", "CLOSED", "2026-04-01"),
    ];
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.swt, entities, migrations });
    const rows: Record<string, unknown>[] = await after.dataSource.query(
      `select id, forwarded_on::text as "forwardedOn", feedback_phase as phase, feedback_due_on::text as "dueOn", closure_reported_on::text as "reportedOn" from "case"`,
    );
    await after.dataSource.destroy();
    const byId = new Map(rows.map(({ id, ...row }) => [id, row]));
    expect(byId.get(kingsDay.id)).toEqual({ forwardedOn: "2026-04-24", phase: "ARREARS", dueOn: "2026-05-12", reportedOn: null });
    expect(byId.get(ascension.id)).toEqual({ forwardedOn: "2026-05-13", phase: "ARREARS", dueOn: "2026-06-01", reportedOn: null });
    expect(byId.get(closed.id)).toEqual({ forwardedOn: "2026-03-02", phase: "ARREARS", dueOn: "2026-03-16", reportedOn: "2026-04-01" });
  });
});
