import pg from "pg";
import { expect, inject, it } from "vitest";

// Run only by test/exit-code.test.ts, through `npm test`, in a child process: it touches the run's
// PostgreSQL (embedded or the server of DATABASE_URL), then passes or fails as that test asks.
it("the outcome the exit-code test asked for", async () => {
  const client = new pg.Client({ connectionString: inject("databaseServerUrl").replace(/\/[^/]*$/, "/postgres") });
  await client.connect();
  const { rows } = await client.query("select 1 as one");
  await client.end();
  expect(rows[0].one).toBe(1);
  expect(process.env.TEST_EXIT_CODE_OUTCOME).toBe("pass");
});
