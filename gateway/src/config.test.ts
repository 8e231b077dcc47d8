import { describe, expect, it } from "vitest";
import { metricsConfig } from "./config.js";

describe("where the gateway serves its metrics", () => {
  it("serves them on port 9464 of the given host by default, never the public port", () => {
    expect(metricsConfig({}, "127.0.0.1")).toEqual({ port: 9464, host: "127.0.0.1" });
    expect(metricsConfig({ METRICS_PORT: "9100", METRICS_HOST: "10.0.0.5", METRICS_TOKEN: " s3cret " }, "0.0.0.0")).toEqual({ port: 9100, host: "10.0.0.5", token: "s3cret" });
    expect(metricsConfig({ METRICS_PORT: "off" })).toBeUndefined();
  });

  it("refuses a port that is no port, or the public port itself", () => {
    for (const port of ["abc", "-1", "70000", "94.64"]) expect(() => metricsConfig({ METRICS_PORT: port }), port).toThrow(/METRICS_PORT must be a port number/);
    expect(() => metricsConfig({ METRICS_PORT: "4000", PORT: "4000" })).toThrow(/must differ from PORT/);
  });
});
