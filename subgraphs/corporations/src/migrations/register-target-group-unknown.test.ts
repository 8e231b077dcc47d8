import { afterAll, describe, expect, it } from "vitest";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { openDataSource } from "../../../shared/src/database.js";
import { entities } from "../entities.js";
import { RegisterTargetGroupUnknown1795830000001 } from "./1795830000001-register-target-group-unknown.js";
import { migrations } from "./index.js";

describe("the migration that lets a register's target groups be unknown (Art. 6.4)", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("turns a stored true into YES and every stored false, which cannot be told from a flag left out, into UNKNOWN; nothing becomes NO", async () => {
    const before = await openDataSource({
      url: databases.urls.corporations,
      entities,
      migrations: migrations.slice(0, migrations.indexOf(RegisterTargetGroupUnknown1795830000001)),
    });
    const insert = (reference: string, withChildren: boolean, aged65Plus: boolean) =>
      before.dataSource.query(
        `insert into register_entry (corporation_id, reference, kind, occurred_on, municipality_code, with_children, aged65_plus, reason)
         values ('elan-wonen', $1, 'EVICTION', '2025-11-03', '0392', $2, $3, 'Huurachterstand')`,
        [reference, withChildren, aged65Plus],
      );
    await insert("both", true, true);
    await insert("children", true, false);
    await insert("elderly", false, true);
    await insert("neither", false, false);
    await before.dataSource.destroy();

    const after = await openDataSource({ url: databases.urls.corporations, entities, migrations });
    const rows: { reference: string; with_children: string; aged65_plus: string }[] = await after.dataSource.query(
      `select reference, with_children, aged65_plus from register_entry order by reference`,
    );
    expect(rows).toEqual([
      { reference: "both", with_children: "YES", aged65_plus: "YES" },
      { reference: "children", with_children: "YES", aged65_plus: "UNKNOWN" },
      { reference: "elderly", with_children: "UNKNOWN", aged65_plus: "YES" },
      { reference: "neither", with_children: "UNKNOWN", aged65_plus: "UNKNOWN" },
    ]);
    // A new entry without the flags is UNKNOWN too; a value outside the three is refused by the database.
    await after.dataSource.query(
      `insert into register_entry (corporation_id, reference, kind, occurred_on, municipality_code) values ('ymere', 'new', 'KEYS_RETURNED', '2026-01-05', '0363')`,
    );
    expect((await after.dataSource.query(`select with_children, aged65_plus from register_entry where reference = 'new'`))[0]).toEqual({
      with_children: "UNKNOWN",
      aged65_plus: "UNKNOWN",
    });
    await expect(after.dataSource.query(`update register_entry set with_children = 'false' where reference = 'new'`)).rejects.toThrow(/register_entry_with_children_check/);
    await after.dataSource.destroy();
  });
});
