import "reflect-metadata";
import { readFileSync } from "node:fs";
import { logger } from "../../subgraphs/shared/src/logger.js";
import { GatewayTokenSigner } from "./auth/gateway-token.js";
import { gatewaySigningKey, metricsConfig, signInConfig, subgraphUrls, supergraphPath, userTokenConfig } from "./config.js";
import { createGateway } from "./server.js";

/**
 * The gateway as its own process (docker-compose, production): PORT, HOST, AUTH_* for the
 * partners' identity provider (AUTH_CLIENT_ID for the pages' sign-in), GATEWAY_SIGNING_KEY, CORPORATIONS_URL / SDV_URL / SWT_URL,
 * METRICS_PORT / METRICS_HOST / METRICS_TOKEN for the operators' /metrics.
 */
async function main() {
  const env = process.env;
  const gateway = await createGateway({
    supergraphSdl: readFileSync(supergraphPath(env), "utf8"),
    subgraphUrls: subgraphUrls(env),
    auth: await userTokenConfig(env),
    signIn: await signInConfig(env),
    signer: new GatewayTokenSigner(await gatewaySigningKey(env)),
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? "0.0.0.0",
    // Prometheus in the same network scrapes it; only the public port is published.
    metrics: metricsConfig(env, "0.0.0.0"),
  });
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error) => {
  logger.fatal({ err: error }, "gateway failed to start");
  process.exit(1);
});
