import { pino } from "pino";

/** One structured logger for every process; LOG_LEVEL sets the level (default info, silent in tests). */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: undefined,
  redact: { paths: ["req.headers.authorization", `req.headers["x-identity-token"]`], remove: true },
});
