import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { swtSubgraph } from "../index.js";
import { openTestCase } from "../testing.js";

const ADD = `mutation($caseId: ID!, $note: CaseNoteInput!) { addCaseNote(caseId: $caseId, note: $note) { id text author createdAt } }`;
const NOTES = `query($id: ID!) { case(id: $id) { notes { id text author } } }`;

describe("notes on a case", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const worker = identities.swtSchalkwijk;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const add = (caseId: string, note: Record<string, unknown>, identity: Identity = worker) => subgraph.query(identity, ADD, { caseId, note });
  const count = async (caseId: string) => (await subgraph.db.query(`select count(*)::int as n from case_note where case_id = $1`, [caseId]))[0].n as number;

  it("a worker's note is written in its name, trimmed, and listed on the case", async () => {
    const { caseId } = await openTestCase(subgraph);
    const result = await add(caseId, { text: "  Huisbezoek afgesproken voor dinsdag.  " });
    expect(result.errors).toBeUndefined();
    expect(result.data!.addCaseNote).toMatchObject({ text: "Huisbezoek afgesproken voor dinsdag.", author: worker.sub });
    const listed = await subgraph.query(worker, NOTES, { id: caseId });
    expect(listed.data!.case.notes).toEqual([{ id: result.data!.addCaseNote.id, text: "Huisbezoek afgesproken voor dinsdag.", author: worker.sub }]);
  });

  it("a note sent again with its noteId, also twice at once, is stored once and answered as stored", async () => {
    const { caseId } = await openTestCase(subgraph);
    const note = { text: "Brief bezorgd.", noteId: randomUUID() };
    const answers = await Promise.all([add(caseId, note), add(caseId, note)]);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers.map((a) => a.data!.addCaseNote.id)).toEqual([note.noteId, note.noteId]);
    expect(answers[0]!.data!.addCaseNote).toEqual(answers[1]!.data!.addCaseNote);
    expect((await add(caseId, note)).data!.addCaseNote).toEqual(answers[0]!.data!.addCaseNote);
    expect(await count(caseId)).toBe(1);
  });

  it("a noteId already used for another text or case is refused; without a noteId every call adds a note", async () => {
    const { caseId } = await openTestCase(subgraph);
    const other = await openTestCase(subgraph);
    const noteId = randomUUID();
    await add(caseId, { text: "Gebeld.", noteId });
    for (const [id, text] of [
      [caseId, "Gebeld, geen gehoor."],
      [other.caseId, "Gebeld."],
    ] as const) {
      const result = await add(id, { text, noteId });
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["NOTE_ID_IN_USE", "note.noteId"]]);
    }
    await add(caseId, { text: "Gebeld." });
    await add(caseId, { text: "Gebeld." });
    expect(await count(caseId)).toBe(3);
    expect(await count(other.caseId)).toBe(0);
  });

  it("an empty note, one over 4000 characters and a noteId that is no uuid are refused, naming the field", async () => {
    const { caseId } = await openTestCase(subgraph);
    for (const [note, field] of [
      [{ text: "   " }, "note.text"],
      [{ text: "x".repeat(4_001) }, "note.text"],
      [{ text: "Gebeld.", noteId: "note-1" }, "note.noteId"],
    ] as const) {
      const result = await add(caseId, note);
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", field]]);
    }
    expect((await add(caseId, { text: "x".repeat(4_000) })).errors).toBeUndefined();
  });

  it("the budget coach writes notes on its referrals", async () => {
    const { caseId } = await openTestCase(subgraph, { teamId: "budget-coach" });
    const result = await add(caseId, { text: "Budgetgesprek gepland." }, identities.budgetCoach);
    expect(result.data!.addCaseNote.author).toBe(identities.budgetCoach.sub);
  });
});
