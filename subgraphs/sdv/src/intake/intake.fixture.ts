import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { GatewayTokenSigner } from "../../../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../../../gateway/src/auth/keys.js";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import type { GraphQLResponse } from "../../../../test/support/subgraph.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../../shared/src/identity.js";
import { startSubgraph } from "../../../shared/src/subgraph-server.js";
import { SERVICE_TOKEN_HEADER, serviceKey } from "../../../shared/src/service-token.js";
import { sdvSubgraph } from "../index.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import type { ReferralForCase } from "../referral/case-opening-request.js";
import { answerTo } from "../../../shared/src/contracts/contract.js";
import { intakeFacts } from "../../../shared/src/contracts/corporations.js";
import { householdFacts, openCasesForReferrals } from "../../../shared/src/contracts/swt.js";
import { COLLECTION_STEPS, type IntakeFacts } from "./intake.rules.js";

/**
 * Test stand-ins for the corporations and swt subgraphs (not used by the running subgraph). The fake
 * corporations answers `intakeFacts` from the tenants a test registers, only for the caller's own
 * corporation, as the real one does; the fake swt answers `householdFacts` from a set of tenants
 * for whom priority III applies, and `openCasesForReferrals` as the real one does: one case per
 * signal (asked again, the same case), a household's later signal joins its case, and only for a
 * corporation's own signals or an SDV's municipalities. Both record every call and can be made to fail.
 */
export interface FakePeer {
  url: string;
  down: boolean;
  /** When set, only operations whose text matches fail (503), as a peer that fails one kind of call. */
  failing: RegExp | null;
  calls: { query: string; variables: Record<string, unknown>; role: string; orgs: string[] }[];
  close(): Promise<void>;
}

async function startFakePeer(answer: (variables: Record<string, any>, claims: { role: string; orgs: string[] }) => unknown): Promise<FakePeer> {
  const peer = { down: false, failing: null as RegExp | null, calls: [] as FakePeer["calls"] };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables?: Record<string, unknown> };
    // The gateway's token, or sdv's own (its scheduled case opening).
    const token = String(req.headers[IDENTITY_HEADER] ?? req.headers[SERVICE_TOKEN_HEADER] ?? "");
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as { role?: string; orgs?: string[] };
    peer.calls.push({ query: body.query, variables: body.variables ?? {}, role: claims.role ?? "", orgs: claims.orgs ?? [] });
    res.setHeader("content-type", "application/json");
    if (peer.down || peer.failing?.test(body.query)) {
      res.statusCode = 503;
      res.end(JSON.stringify({ errors: [{ message: "Service unavailable." }] }));
      return;
    }
    res.end(JSON.stringify({ data: answer(body.variables ?? {}, { role: claims.role ?? "", orgs: claims.orgs ?? [] }) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A date `days` days before today in the Netherlands. */
export function daysAgo(days: number): string {
  return addDays(todayInNetherlands(), -days);
}

/**
 * The facts of a tenant who may be signalled today: 60 days of EUR 250 arrears, all four steps, in
 * Haarlem-Oost. The steps belong to these arrears: taken 50 to 35 days ago, or on the day the
 * arrears began when that is later (a step before it would not count, Art. 3.2).
 */
export function tenantFacts(overrides: Partial<IntakeFacts> & { reference: string }): IntakeFacts {
  const arrears: IntakeFacts["arrears"] =
    overrides.arrears === undefined ? { amountCents: 25_000, since: daysAgo(60), phase: "ARREARS", bailiffHandoverOn: null } : overrides.arrears;
  const stepOn = (day: string) => (arrears && arrears.since > day ? arrears.since : day);
  return {
    tenantId: randomUUID(),
    corporationId: "elan-wonen",
    municipalityCode: "0392",
    postcode: "2033 AB",
    houseNumber: "12",
    arrears,
    collectionSteps: COLLECTION_STEPS.map((step, i) => ({ kind: step.kind, takenOn: stepOn(daysAgo(50 - i * 5)) })),
    hasStandingObjection: false,
    ...overrides,
  };
}

/**
 * The sdv subgraph on a fresh database with fake corporations and swt peers, called the way the
 * gateway calls it: its own token plus a token for each peer, all for the caller's identity.
 */
export async function startSdvWithPeers() {
  const databases = freshDatabaseUrls();
  const { key } = await generateSigningKey();
  const signer = new GatewayTokenSigner(key);
  const peerUrls: Record<string, string> = {};
  const running = await startSubgraph(sdvSubgraph, {
    databaseUrl: databases.urls.sdv,
    port: 0,
    gatewayKeys: { jwks: signer.jwks },
    // Its scheduled jobs call the fake peers in sdv's own name (runJob; nothing runs on a timer here).
    serviceKey: await serviceKey(),
    peerUrls: () => peerUrls,
  });
  /** Tenants the fake corporations subgraph knows, by reference. */
  const tenants = new Map<string, IntakeFacts>();
  /** Tenants for whom the fake swt says priority III applies. */
  const vulnerable = new Set<string>();
  const corporations = await startFakePeer((variables, claims) =>
    answerTo(
      intakeFacts,
      (variables.references as string[])
        .map((reference) => tenants.get(reference))
        .filter((f): f is IntakeFacts => !!f && f.corporationId === variables.corporationId && claims.orgs.includes(f.corporationId)),
    ),
  );
  /** The cases the fake swt opened: case id per signal id, and the household's case per tenant id. */
  const cases = { bySignal: new Map<string, string>(), byTenant: new Map<string, string>(), teamOf: new Map<string, string>() };
  const swt = await startFakePeer((variables, claims) => {
    if (Array.isArray(variables.referrals)) {
      const allowed = (r: ReferralForCase) =>
        claims.orgs.includes(claims.role === "CORPORATION" ? r.corporationId : claims.role === "SDV" || claims.role === "COORDINATOR" ? r.municipalityCode : "");
      return answerTo(
        openCasesForReferrals,
        (variables.referrals as ReferralForCase[]).filter(allowed).map((r) => {
          const known = cases.bySignal.get(r.signalId);
          if (known) return { signalId: r.signalId, caseId: known, teamId: cases.teamOf.get(known) ?? r.teamId, joinedExisting: true };
          const household = cases.byTenant.get(r.tenantId);
          const caseId = household ?? randomUUID();
          cases.byTenant.set(r.tenantId, caseId);
          cases.bySignal.set(r.signalId, caseId);
          if (!cases.teamOf.has(caseId)) cases.teamOf.set(caseId, r.teamId);
          return { signalId: r.signalId, caseId, teamId: cases.teamOf.get(caseId)!, joinedExisting: household !== undefined };
        }),
      );
    }
    return answerTo(
      householdFacts,
      (variables.households as { tenantId: string }[])
        .map(({ tenantId }) => tenantId)
        .filter((tenantId) => vulnerable.has(tenantId))
        .map((tenantId) => ({ tenantId, priorityThreeApplies: true })),
    );
  });
  Object.assign(peerUrls, { corporations: corporations.url, swt: swt.url });
  return {
    db: running.dataSource as DataSource,
    peers: { corporations, swt },
    tenants,
    vulnerable,
    cases,
    /** Registers tenants with the fake corporations subgraph; returns them. */
    register(...facts: IntakeFacts[]): IntakeFacts[] {
      for (const f of facts) tenants.set(f.reference, f);
      return facts;
    },
    statements: () => running.statements(),
    /** Runs one of sdv's scheduled jobs once, now. */
    runJob: (name: string) => running.runJob(name),
    async query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const own = await signer.sign(identity, "sdv", "test");
      const peerTokens = {
        corporations: await signer.sign(identity, "corporations", "test", { url: corporations.url }),
        swt: await signer.sign(identity, "swt", "test", { url: swt.url }),
      };
      const response = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: own, [PEER_TOKENS_HEADER]: JSON.stringify(peerTokens) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await Promise.all([corporations.close(), swt.close()]);
      await running.close();
      await databases.drop();
    },
  };
}

export type SdvWithPeers = Awaited<ReturnType<typeof startSdvWithPeers>>;
