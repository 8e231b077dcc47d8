import { destination as logDestination, pino } from "pino";

/**
 * Log lines are gathered up to 4 KiB and written together rather than one write(2) per line: a
 * request's line cost every process a system call of its own (about 4% of a subgraph's CPU under
 * load). A line waits at most a second for the others, and what is gathered is written out
 * synchronously when the process exits (pino registers that for an asynchronous destination); only a
 * process killed outright (SIGKILL) loses its last second of lines. The access log is not here: it is
 * written to the database within each request.
 */
const destination = logDestination({ dest: 1, minLength: 4096, sync: false });
setInterval(() => {
  try {
    destination.flush();
  } catch {
    // closed at exit: its last lines were written then
  }
}, 1_000).unref();

/** One structured logger for every process; LOG_LEVEL sets the level (default info, silent in tests). */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: undefined,
    redact: { paths: ["req.headers.authorization", `req.headers["x-identity-token"]`], remove: true },
  },
  destination,
);
