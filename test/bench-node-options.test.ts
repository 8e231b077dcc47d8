import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeNodeOptions } from "./bench/setup.js";

/** The benchmark runs each process with the V8 settings it is deployed with: read from docker-compose.yml. */
describe("the V8 settings the benchmark takes from docker-compose.yml", () => {
  it("are the subgraphs' shared environment's and the gateway service's NODE_OPTIONS", () => {
    const options = composeNodeOptions(readFileSync("docker-compose.yml", "utf8"));
    expect(options.subgraphs).toMatch(/^--max-semi-space-size=\d+$/);
    expect(options.gateway).toMatch(/^--max-semi-space-size=\d+$/);
  });

  it("are read under the right service, quoted or not, and missing ones are named", () => {
    const text = [
      "x-common:",
      "  environment: &subgraph-env",
      "    LOG_LEVEL: info",
      "    # a comment",
      '    NODE_OPTIONS: "--max-semi-space-size=48"',
      "services:",
      "  corporations:",
      "    environment:",
      "      NODE_OPTIONS: --wrong-one",
      "  gateway:",
      "    image: x",
      "",
      "    environment:",
      "      NODE_OPTIONS: --max-semi-space-size=24 --stack-size=2000",
      "  redis:",
      "    environment:",
      "      NODE_OPTIONS: --not-this",
    ].join("\n");
    expect(composeNodeOptions(text)).toEqual({ subgraphs: "--max-semi-space-size=48", gateway: "--max-semi-space-size=24 --stack-size=2000" });
    expect(() => composeNodeOptions(text.replace("  gateway:", "  gateway-old:"))).toThrow("docker-compose.yml has no gateway service.");
    expect(() => composeNodeOptions(text.replace("--max-semi-space-size=24 --stack-size=2000", "").replace("      NODE_OPTIONS: \n", ""))).toThrow(
      "docker-compose.yml sets no NODE_OPTIONS in gateway service.",
    );
  });
});
