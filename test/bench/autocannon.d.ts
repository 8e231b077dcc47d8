// The part of autocannon's API that bench:compare uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      /** Seconds to run. */
      duration?: number;
      /** Requests to send in all (instead of a duration). */
      amount?: number;
      /** An answer with another body counts as a mismatch. */
      expectBody?: string;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
    }
    interface Result {
      /** Seconds the run took. */
      duration: number;
      requests: { total: number; average: number };
      non2xx: number;
      mismatches: number;
      errors: number;
      timeouts: number;
    }
  }
  function autocannon(options: autocannon.Options, done: (error: Error | null, result: autocannon.Result) => void): EventEmitter;
  export default autocannon;
}
