import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { generateSigningKey } from "../../../../gateway/src/auth/keys.js";
import { serviceKey, ServicePeers } from "../../../shared/src/service-token.js";
import { startSubgraph, type RunningSubgraph } from "../../../shared/src/subgraph-server.js";
import { sdvSubgraph } from "../index.js";

/**
 * The corporations subgraph's own calls (its scheduled erasure after an objection) reach sdv without
 * the gateway: only with a key sdv was told to trust, and only for the field sdv lists for it.
 */
describe("calls the corporations subgraph signs itself", () => {
  const databases = freshDatabaseUrls();
  let sdv: RunningSubgraph;
  const elan = { sub: "objection-erasure-job", role: "CORPORATION" as const, orgs: ["elan-wonen"] };
  let trusted: ServicePeers;
  let stranger: ServicePeers;

  beforeAll(async () => {
    const corporationsKey = await serviceKey();
    sdv = await startSubgraph(sdvSubgraph, {
      databaseUrl: databases.urls.sdv,
      port: 0,
      gatewayKeys: { jwks: (await generateSigningKey()).key.jwks },
      trustedServices: { corporations: { jwks: corporationsKey.jwks } },
    });
    trusted = new ServicePeers("corporations", corporationsKey, () => sdv.url);
    stranger = new ServicePeers("corporations", await serviceKey(), () => sdv.url);
  });
  afterAll(async () => {
    await sdv?.close();
    await databases.drop();
  });

  it("withdraw the signals of objecting tenants, in the corporation's name", async () => {
    const answer = await trusted
      .as(elan)
      .query<{ withdrawSignalsOfTenants: number }>("sdv", `mutation($ids: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $ids) }`, { ids: [randomUUID()] });
    expect(answer.withdrawSignalsOfTenants).toBe(0);
  });

  it("cannot read signals or anything else sdv did not list for them", async () => {
    for (const query of [
      `{ signals(first: 1) { edges { node { id } } } }`,
      `{ thresholds { amountCents } }`,
      `mutation($ids: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $ids) __typename }`,
    ]) {
      await expect(trusted.as(elan).query("sdv", query, { ids: [] })).rejects.toThrow(/may reach only withdrawSignalsOfTenants/);
    }
  });

  it("are refused when signed with a key sdv does not trust, or when they come from a subgraph it does not trust", async () => {
    await expect(stranger.as(elan).query("sdv", `mutation($ids: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $ids) }`, { ids: [] })).rejects.toThrow(/invalid or expired/);
    const swtKey = await serviceKey();
    const fromSwt = new ServicePeers("swt", swtKey, () => sdv.url);
    await expect(fromSwt.as(elan).query("sdv", `mutation($ids: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $ids) }`, { ids: [] })).rejects.toThrow(/does not accept calls/);
  });
});
