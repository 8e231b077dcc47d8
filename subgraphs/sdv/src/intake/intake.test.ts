import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { daysAgo, startSdvWithPeers, tenantFacts, type SdvWithPeers } from "./intake.fixture.js";
import type { IntakeFacts } from "./intake.rules.js";

const SUBMIT = `mutation Submit($input: SubmitSignalsInput!) {
  submitSignals(input: $input) {
    corporationId reportingMonth signalDate channel accepted alreadyReceived refused
    items {
      tenantReference outcome refusals { code message }
      signal { id status reportingMonth signalDate channel municipalityCode deliveredAmountCents deliveredPhase deliveredBailiffHandoverOn previousSignal { id reportingMonth } }
    }
  }
}`;

type Item = { tenantReference: string; outcome: string; refusals: { code: string; message: string }[]; signal: Record<string, any> | null };

const thisMonth = () => todayInNetherlands().slice(0, 7);
const ref = (label: string) => `EW-${label}-${randomUUID().slice(0, 8)}`;

describe("signal intake: a corporation's monthly batch (submitSignals)", () => {
  let sdv: SdvWithPeers;

  beforeAll(async () => {
    sdv = await startSdvWithPeers();
  });
  afterAll(() => sdv?.stop());

  async function submit(references: string[], input: Record<string, unknown> = {}, identity: Identity = identities.elanWonen) {
    const result = await sdv.query(identity, SUBMIT, {
      input: { reportingMonth: thisMonth(), channel: "VPS", items: references.map((tenantReference) => ({ tenantReference })), ...input },
    });
    return result;
  }

  async function submitOk(references: string[], input: Record<string, unknown> = {}) {
    const result = await submit(references, input);
    expect(result.errors).toBeUndefined();
    return result.data!.submitSignals as { accepted: number; alreadyReceived: number; refused: number; items: Item[]; signalDate: string };
  }

  async function one(facts: IntakeFacts, input: Record<string, unknown> = {}): Promise<Item> {
    sdv.register(facts);
    return (await submitOk([facts.reference], input)).items[0]!;
  }

  const signalsOf = async (tenantId: string): Promise<number> => (await sdv.db.query(`select count(*)::int as n from signal where tenant_id = $1`, [tenantId]))[0].n;

  describe("a tenant the covenant lets be signalled", () => {
    it("is accepted: the signal keeps the arrears as delivered, is prioritised and forwarded on receipt", async () => {
      const facts = tenantFacts({ reference: ref("ok"), arrears: { amountCents: 48_250, since: daysAgo(45), phase: "COLLECTION", bailiffHandoverOn: daysAgo(-40) } });
      const item = await one(facts);
      expect(item.outcome).toBe("ACCEPTED");
      expect(item.refusals).toEqual([]);
      expect(item.signal).toMatchObject({
        status: "FORWARDED",
        reportingMonth: thisMonth(),
        signalDate: todayInNetherlands(),
        channel: "VPS",
        municipalityCode: "0392",
        deliveredAmountCents: 48_250,
        deliveredPhase: "COLLECTION",
        deliveredBailiffHandoverOn: daysAgo(-40),
        previousSignal: null,
      });
      const [stored] = await sdv.db.query(
        `select s.tenant_id, s.postcode_area, p.level, r.target, r.team_id from signal s join priority p on p.signal_id = s.id join referral r on r.signal_id = s.id where s.id = $1`,
        [item.signal!.id],
      );
      expect(stored).toEqual({ tenant_id: facts.tenantId, postcode_area: "2033", level: "II", target: "SWT", team_id: "haarlem-oost" });
    });

    it("without a signal date the signal is made today in the Netherlands", async () => {
      const answer = await submitOk([tenantFacts({ reference: ref("today") }).reference].map((r) => (sdv.register(tenantFacts({ reference: r })), r)));
      expect(answer.signalDate).toBe(todayInNetherlands());
    });
  });

  describe("each reason to refuse, with a code and a message that names what is wrong", () => {
    it("TENANT_NOT_FOUND: a reference the corporation never registered", async () => {
      const item = (await submitOk(["EW-NEVER-REGISTERED"])).items[0]!;
      expect(item.outcome).toBe("REFUSED");
      expect(item.refusals).toEqual([{ code: "TENANT_NOT_FOUND", message: expect.stringMatching(/EW-NEVER-REGISTERED.*elan-wonen.*upsertTenant/) }]);
      expect(item.signal).toBeNull();
    });

    it("TENANT_NOT_FOUND: another corporation's tenant, which the submitting corporation cannot even learn exists", async () => {
      const ymere = tenantFacts({ reference: ref("ymere"), corporationId: "ymere" });
      const item = await one(ymere);
      expect(item.refusals.map((r) => r.code)).toEqual(["TENANT_NOT_FOUND"]);
      expect(await signalsOf(ymere.tenantId)).toBe(0);
    });

    it("ARREARS_TOO_RECENT: 29 days of arrears on the signal date, while 30 are accepted", async () => {
      const young = await one(tenantFacts({ reference: ref("29"), arrears: { amountCents: 20_000, since: daysAgo(29), phase: "ARREARS", bailiffHandoverOn: null } }));
      expect(young.refusals).toEqual([{ code: "ARREARS_TOO_RECENT", message: expect.stringMatching(/29 days old on the signal date/) }]);
      const old = await one(tenantFacts({ reference: ref("30"), arrears: { amountCents: 20_000, since: daysAgo(30), phase: "ARREARS", bailiffHandoverOn: null } }));
      expect(old.outcome).toBe("ACCEPTED");
    });

    it("ARREARS_TOO_RECENT: no arrears recorded at all", async () => {
      const item = await one(tenantFacts({ reference: ref("none"), arrears: null }));
      expect(item.refusals).toEqual([{ code: "ARREARS_TOO_RECENT", message: expect.stringMatching(/No arrears are recorded/) }]);
    });

    it("COLLECTION_STEPS_INCOMPLETE: the message names the missing step and the one dated after the signal date", async () => {
      const facts = tenantFacts({
        reference: ref("mvi"),
        collectionSteps: [
          { kind: "PAYMENT_REMINDER", takenOn: daysAgo(20) },
          { kind: "PERSONAL_CONTACT_ATTEMPT", takenOn: daysAgo(18) },
          { kind: "DATA_SHARING_NOTICE", takenOn: daysAgo(20) },
        ],
      });
      const early = await one(facts, { signalDate: daysAgo(19), reportingMonth: daysAgo(19).slice(0, 7) });
      expect(early.refusals.map((r) => r.code)).toEqual(["COLLECTION_STEPS_INCOMPLETE"]);
      expect(early.refusals[0]!.message).toMatch(/missing: a referral to debt help \(DEBT_HELP_REFERRAL\)/);
      expect(early.refusals[0]!.message).toMatch(
        new RegExp(`dated after the signal date ${daysAgo(19)}: an attempt at personal contact \\(PERSONAL_CONTACT_ATTEMPT, taken on ${daysAgo(18)}\\)`),
      );
    });

    it("OBJECTION_ON_RECORD: a tenant who objected to the data exchange", async () => {
      const item = await one(tenantFacts({ reference: ref("objection"), hasStandingObjection: true }));
      expect(item.refusals).toEqual([{ code: "OBJECTION_ON_RECORD", message: expect.stringMatching(/Art\. 3\.4/) }]);
    });

    it("OUTSIDE_COVENANT: an address in Amsterdam", async () => {
      const item = await one(tenantFacts({ reference: ref("amsterdam"), municipalityCode: "0363", postcode: "1011 AB" }));
      expect(item.refusals).toEqual([{ code: "OUTSIDE_COVENANT", message: expect.stringMatching(/0363.*0392 Haarlem, 0473 Zandvoort/) }]);
    });

    it("CHANNEL_NOT_ALLOWED: e-mail after phase I, and any channel before the covenant took effect", async () => {
      const facts = (label: string, since: string, stepsOn: string) =>
        tenantFacts({
          reference: ref(label),
          arrears: { amountCents: 20_000, since, phase: "ARREARS", bailiffHandoverOn: null },
          collectionSteps: ["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"].map((kind) => ({ kind: kind as never, takenOn: stepsOn })),
        });
      const phaseOne = { reportingMonth: "2021-06", signalDate: "2021-06-30" };
      expect((await one(facts("mail-i", "2021-05-01", "2021-06-01"), { ...phaseOne, channel: "EMAIL" })).outcome).toBe("ACCEPTED");
      const phaseTwo = { reportingMonth: "2021-07", signalDate: "2021-07-01" };
      const mailLate = await one(facts("mail-ii", "2021-05-01", "2021-06-01"), { ...phaseTwo, channel: "EMAIL" });
      expect(mailLate.refusals).toEqual([{ code: "CHANNEL_NOT_ALLOWED", message: expect.stringMatching(/must come through VPS/) }]);
      expect((await one(facts("vps-ii", "2021-05-01", "2021-06-01"), { ...phaseTwo, channel: "VPS" })).outcome).toBe("ACCEPTED");
      const early = await one(facts("vps-early", "2021-01-01", "2021-02-01"), { reportingMonth: "2021-03", signalDate: "2021-03-31", channel: "VPS" });
      expect(early.refusals.map((r) => r.code)).toEqual(["CHANNEL_NOT_ALLOWED"]);
    });

    it("DUPLICATE_IN_BATCH: the second item of a reference is refused and the first is processed", async () => {
      const [facts] = sdv.register(tenantFacts({ reference: ref("twice") }));
      const answer = await submitOk([facts!.reference, facts!.reference]);
      expect(answer.items.map((i) => i.outcome)).toEqual(["ACCEPTED", "REFUSED"]);
      expect(answer.items[1]!.refusals).toEqual([{ code: "DUPLICATE_IN_BATCH", message: expect.stringMatching(/items\[0\]/) }]);
      expect(await signalsOf(facts!.tenantId)).toBe(1);
    });

    it("every reason of one item is reported, not only the first", async () => {
      const item = await one(tenantFacts({ reference: ref("all"), arrears: null, collectionSteps: [], hasStandingObjection: true, municipalityCode: "0363" }), {
        channel: "EMAIL",
      });
      expect(item.refusals.map((r) => r.code)).toEqual(["ARREARS_TOO_RECENT", "COLLECTION_STEPS_INCOMPLETE", "OBJECTION_ON_RECORD", "OUTSIDE_COVENANT", "CHANNEL_NOT_ALLOWED"]);
    });
  });

  describe("what is wrong with the batch as a whole is refused before anything is read or written", () => {
    const code = (result: Awaited<ReturnType<typeof submit>>) => result.errors?.[0]?.extensions?.code;

    it("an empty batch, and one of more than 20,000 items", async () => {
      expect(code(await submit([]))).toBe("BAD_USER_INPUT");
      const tooMany = await submit(Array.from({ length: 20_001 }, (_, i) => `EW-${i}`));
      expect(code(tooMany)).toBe("BAD_USER_INPUT");
      expect(tooMany.errors?.[0]?.message).toMatch(/at most 20000 items, got 20001/);
    });

    it("a signal date in the future, and a reporting month after the signal date's month", async () => {
      const [facts] = sdv.register(tenantFacts({ reference: ref("dates") }));
      expect(code(await submit([facts!.reference], { signalDate: daysAgo(-1), reportingMonth: daysAgo(-1).slice(0, 7) }))).toBe("BAD_USER_INPUT");
      const later = await submit([facts!.reference], { signalDate: "2026-10-15", reportingMonth: "2026-11" });
      expect(later.errors?.[0]?.message).toMatch(/reportingMonth 2026-11 lies after the month of the signal date 2026-10-15/);
      expect(await signalsOf(facts!.tenantId)).toBe(0);
    });

    it("only a corporation submits, and only for itself", async () => {
      const [facts] = sdv.register(tenantFacts({ reference: ref("role") }));
      expect(code(await submit([facts!.reference], {}, identities.sdvHaarlem))).toBe("FORBIDDEN");
      expect(code(await submit([facts!.reference], { corporationId: "ymere" }))).toBe("FORBIDDEN");
      expect(await signalsOf(facts!.tenantId)).toBe(0);
    });

    it("when the corporations subgraph cannot be asked, nothing is stored and the batch can be sent again", async () => {
      const [facts] = sdv.register(tenantFacts({ reference: ref("down") }));
      sdv.peers.corporations.down = true;
      try {
        expect(code(await submit([facts!.reference]))).toBe("SUBGRAPH_UNAVAILABLE");
      } finally {
        sdv.peers.corporations.down = false;
      }
      expect(await signalsOf(facts!.tenantId)).toBe(0);
      expect((await submitOk([facts!.reference])).accepted).toBe(1);
    });

    it("when the swt subgraph cannot be asked, no priority is guessed: nothing is stored", async () => {
      const [facts] = sdv.register(tenantFacts({ reference: ref("swt-down") }));
      sdv.peers.swt.down = true;
      try {
        expect(code(await submit([facts!.reference]))).toBe("SUBGRAPH_UNAVAILABLE");
      } finally {
        sdv.peers.swt.down = false;
      }
      expect(await signalsOf(facts!.tenantId)).toBe(0);
    });
  });

  describe("a mixed batch, sent twice", () => {
    let facts: IntakeFacts[];
    let first: Awaited<ReturnType<typeof submitOk>>;

    beforeAll(async () => {
      facts = sdv.register(
        tenantFacts({ reference: ref("m1") }),
        tenantFacts({ reference: ref("m2"), hasStandingObjection: true }),
        tenantFacts({ reference: ref("m3"), arrears: { amountCents: 3_000, since: daysAgo(40), phase: "ARREARS", bailiffHandoverOn: null } }),
        tenantFacts({ reference: ref("m4"), municipalityCode: "0363" }),
        tenantFacts({ reference: ref("m5"), postcode: "2041 AA", municipalityCode: "0473" }),
      );
      first = await submitOk([...facts.map((f) => f.reference), "EW-UNKNOWN"]);
    });

    it("answers every item in the order sent; the accepted ones are stored although others are refused", async () => {
      expect(first.items.map((i) => [i.tenantReference, i.outcome])).toEqual([
        [facts[0]!.reference, "ACCEPTED"],
        [facts[1]!.reference, "REFUSED"],
        [facts[2]!.reference, "ACCEPTED"],
        [facts[3]!.reference, "REFUSED"],
        [facts[4]!.reference, "ACCEPTED"],
        ["EW-UNKNOWN", "REFUSED"],
      ]);
      expect([first.accepted, first.alreadyReceived, first.refused]).toEqual([3, 0, 3]);
      const stored = await sdv.db.query(`select tenant_id from signal where tenant_id = any($1)`, [facts.map((f) => f.tenantId)]);
      expect(stored.map((r: { tenant_id: string }) => r.tenant_id).sort()).toEqual([facts[0]!.tenantId, facts[2]!.tenantId, facts[4]!.tenantId].sort());
    });

    it("sent again, makes no second signal: the accepted items answer ALREADY_RECEIVED with the same signal, unchanged, even when the corporation's data moved on", async () => {
      const before = await sdv.db.query(`select s.*, p.computed_at from signal s join priority p on p.signal_id = s.id where s.tenant_id = any($1) order by s.id`, [
        facts.map((f) => f.tenantId),
      ]);
      facts[0]!.arrears = { ...facts[0]!.arrears!, amountCents: 99_900 };
      const again = await submitOk([...facts.map((f) => f.reference), "EW-UNKNOWN"]);
      expect(again.items.map((i) => i.outcome)).toEqual(["ALREADY_RECEIVED", "REFUSED", "ALREADY_RECEIVED", "REFUSED", "ALREADY_RECEIVED", "REFUSED"]);
      expect([again.accepted, again.alreadyReceived, again.refused]).toEqual([0, 3, 3]);
      expect(again.items.map((i) => i.signal?.id ?? null)).toEqual(first.items.map((i) => i.signal?.id ?? null));
      expect(again.items[0]!.signal!.deliveredAmountCents).toBe(25_000);
      const after = await sdv.db.query(`select s.*, p.computed_at from signal s join priority p on p.signal_id = s.id where s.tenant_id = any($1) order by s.id`, [
        facts.map((f) => f.tenantId),
      ]);
      expect(after).toEqual(before);
    });
  });

  it("the same batch sent twice at the same moment makes each signal once, and both answers name the same signal", async () => {
    const facts = sdv.register(...Array.from({ length: 200 }, (_, i) => tenantFacts({ reference: ref(`c${i}`) })));
    const references = facts.map((f) => f.reference);
    const [a, b] = await Promise.all([submitOk(references), submitOk(references)]);
    expect(a.accepted + b.accepted).toBe(200);
    expect(a.alreadyReceived + b.alreadyReceived).toBe(200);
    expect(a.items.map((i) => i.signal!.id)).toEqual(b.items.map((i) => i.signal!.id));
    const [{ n }] = await sdv.db.query(`select count(*)::int as n from signal where tenant_id = any($1)`, [facts.map((f) => f.tenantId)]);
    expect(n).toBe(200);
  });

  it("a household signalled again in a later month is linked to its latest earlier signal (a repeated signal)", async () => {
    const [facts] = sdv.register(tenantFacts({ reference: ref("repeat"), arrears: { amountCents: 30_000, since: "2026-06-01", phase: "ARREARS", bailiffHandoverOn: null } }));
    facts!.collectionSteps = facts!.collectionSteps.map((s) => ({ ...s, takenOn: "2026-07-01" }));
    const august = (await submitOk([facts!.reference], { reportingMonth: "2026-08", signalDate: "2026-08-03" })).items[0]!;
    const july = (await submitOk([facts!.reference], { reportingMonth: "2026-07", signalDate: "2026-07-31" })).items[0]!;
    const september = (await submitOk([facts!.reference], { reportingMonth: "2026-09", signalDate: "2026-09-01" })).items[0]!;
    expect([july.outcome, august.outcome, september.outcome]).toEqual(["ACCEPTED", "ACCEPTED", "ACCEPTED"]);
    expect(september.signal!.previousSignal).toEqual({ id: august.signal!.id, reportingMonth: "2026-08" });
    // A month delivered late links to what came before it; the later month keeps the link it was received with.
    expect(july.signal!.previousSignal).toBeNull();
    expect(august.signal!.previousSignal).toBeNull();
  });

  describe("throughput: the checks are set-based, whatever the batch size", () => {
    async function measure(size: number) {
      const facts = sdv.register(...Array.from({ length: size }, (_, i) => tenantFacts({ reference: ref(`t${size}-${i}`) })));
      const calls = { corporations: sdv.peers.corporations.calls.length, swt: sdv.peers.swt.calls.length };
      const before = sdv.statements();
      // Only fields that are no personal data: reading those is logged, one more statement per 1,000 persons.
      const result = await sdv.query(
        identities.elanWonen,
        `mutation($input: SubmitSignalsInput!) { submitSignals(input: $input) { accepted items { outcome signal { id status } } } }`,
        {
          input: { reportingMonth: thisMonth(), channel: "VPS", items: facts.map((f) => ({ tenantReference: f.reference })) },
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.submitSignals.accepted).toBe(size);
      return {
        statements: sdv.statements() - before,
        corporationsCalls: sdv.peers.corporations.calls.slice(calls.corporations),
        swtCalls: sdv.peers.swt.calls.slice(calls.swt),
      };
    }

    it("a batch of 1 and one of 2,000 take the same number of SQL statements, one call to corporations and one to swt for the facts and one for the cases", async () => {
      const small = await measure(1);
      const large = await measure(2_000);
      expect(large.statements).toBe(small.statements);
      expect(small.statements).toBeLessThanOrEqual(12);
      expect(large.corporationsCalls).toHaveLength(1);
      expect(large.swtCalls.map((call) => /openCasesForReferrals/.test(call.query))).toEqual([false, true]);
      expect((large.corporationsCalls[0]!.variables.references as string[]).length).toBe(2_000);
      expect((large.swtCalls[1]!.variables.referrals as unknown[]).length).toBe(2_000);
    });

    it("the peers are asked with the corporation's own identity, and swt only about the households (tenant and registered address) that passed the checks", async () => {
      const [good, bad] = sdv.register(tenantFacts({ reference: ref("good") }), tenantFacts({ reference: ref("bad"), hasStandingObjection: true }));
      const from = sdv.peers.swt.calls.length;
      await submitOk([good!.reference, bad!.reference]);
      const [call] = sdv.peers.swt.calls.slice(from);
      expect(call).toMatchObject({
        role: "CORPORATION",
        orgs: ["elan-wonen"],
        variables: { households: [{ tenantId: good!.tenantId, postcode: good!.postcode, houseNumber: good!.houseNumber }] },
      });
    });
  });
});
