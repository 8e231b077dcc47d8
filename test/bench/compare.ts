import "reflect-metadata";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { WebSocket, type MessageEvent } from "undici";
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from "../../gateway/src/auth/dev-issuer.js";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { freePort, SUBGRAPHS, type SubgraphName } from "../../subgraphs/shared/src/database.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../subgraphs/shared/src/identity.js";
import { peersCalledBy, rootFieldsOfText } from "../../subgraphs/shared/src/peer-client.js";
import { benchEnvironment, deployedNodeOptions, percentile } from "./setup.js";

/**
 * The project's gateway side by side with Hive Gateway and, for a single-subgraph query, with the
 * subgraph called directly (the limit: what the gateway's own work costs is the difference).
 *
 *   npm run bench:compare -- [--rounds 3] [--seconds 5] [--connections 1,16] [--warmup-seconds 2]
 *                            [--memory-requests 100000] [--memory-seconds 100 | --memory] [--only-memory]
 *                            [--queries single-subgraph,cross-partner,100-signals] [--cpu-prof DIR] [--quick] [--json]
 *
 * The three subgraphs, the project's gateway (its production entry point) and Hive Gateway (its
 * CLI, with test/bench/hive-gateway.config.ts: the same token verification, `@requiresScopes`
 * enforcement and subgraph identity tokens) run as separate processes on a fresh PostgreSQL
 * (DATABASE_URL, else an embedded one) with the demo world. First every set-up must give the same
 * answer to each query; then autocannon loads them in turn, round after round, at each number of
 * connections. The gateways' CPU is read from /proc before and after each run, and the load of the
 * machine noted. Last, the project's gateway serves up to --memory-requests requests in all, and its
 * resident memory is read after a tenth of them and after all (within --memory-seconds; --memory
 * waits up to half an hour for them; --only-memory skips the rounds and reads it at every tenth, to
 * tell a leak from a heap that is still growing into its size): as it is, and again after a full
 * collection asked of the gateway through its inspector (a bench-only --inspect-port on 127.0.0.1).
 * --cpu-prof DIR has the gateway and the subgraphs write V8 CPU profiles there when they stop (open
 * them in Chrome's DevTools).
 * --queries measures only the queries named (all are still compared for identical answers), to
 * follow one change with longer runs. BENCH_LOG_LEVEL sets the processes' LOG_LEVEL (default info).
 */

const CALLER = { role: "SDV" as const, orgs: ["0392", "0473"], sub: "bench-caseworker" };

interface Query {
  name: string;
  /** What the run lines call it. */
  short: string;
  text: string;
  /** The subgraph that answers this query alone, when it does: it is then also called directly. */
  direct?: SubgraphName;
}

const QUERIES: Query[] = [
  {
    name: "single subgraph: 20 signals with priority (sdv)",
    short: "single-subgraph",
    text: `{ signals(first: 20) { edges { node { id status reportingMonth channel deliveredAmountCents priority { level } } } } }`,
    direct: "sdv",
  },
  {
    name: "cross-partner: 20 signals with tenant names and case status",
    short: "cross-partner",
    text: `{ signals(first: 20) { edges { node { id tenant { name } case { status } } } } }`,
  },
  {
    name: "100 signals with priority, tenant, arrears and case",
    short: "100-signals",
    text: `{ signals(first: 100) { edges { node { id priority { level } tenant { name arrears { amountCents phase } } case { status } } } } }`,
  },
];

type SetupName = "gateway" | "hive" | "direct";
const SETUP_LABEL: Record<SetupName, string> = { gateway: "project gateway", hive: "Hive Gateway", direct: "subgraph directly" };

interface Run {
  round: number;
  query: string;
  setup: SetupName;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx, not the expected body, or did not come. */
  errors: number;
  /** CPU milliseconds of the process under test (the gateway, or the subgraph called directly) per request. */
  cpuPerRequest: number;
  /** CPU milliseconds of the three subgraphs together per request. */
  subgraphsCpuPerRequest: number;
  /** CPU milliseconds of the embedded PostgreSQL (postmaster and backends) per request; NaN for a server by URL. */
  postgresCpuPerRequest: number;
  loadBefore: number;
  loadAfter: number;
}

function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces): index 0 is the
 * 3rd field (state), so the nth field of proc(5) is at n - 3.
 */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

const ticksToMilliseconds = (...ticks: (string | undefined)[]) => (ticks.reduce((sum, t) => sum + Number(t), 0) * 1000) / CLOCK_TICKS;

/** CPU time (user + system) a process has used, in milliseconds: utime and stime, the 14th and 15th fields. */
function cpuMilliseconds(pid: number): number {
  const fields = statFields(pid);
  return ticksToMilliseconds(fields[11], fields[12]);
}

/**
 * CPU time of a PostgreSQL server on this machine, in milliseconds: its postmaster, the processes it
 * started that still run (backends, workers) and those that ended (a pool closes idle connections),
 * which the kernel adds to the postmaster's children's time once it has reaped them.
 */
function postgresCpuMilliseconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return NaN;
  // A backend that ends while /proc is read would be missed by both counts (its own is gone, the
  // postmaster's did not have it yet) and a run could show less CPU after than before: the reading
  // is taken again while the postmaster reaped a child during it (a few times at most).
  let total = NaN;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Its own utime and stime, and cutime and cstime (16th and 17th): the children it has waited for.
    const before = statFields(postmaster);
    total = ticksToMilliseconds(before[11], before[12], before[13], before[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // ppid is the 4th field.
        const fields = statFields(entry);
        if (Number(fields[1]) === postmaster) total += ticksToMilliseconds(fields[11], fields[12]);
      } catch {
        // The process ended between the listing and the reading.
      }
    }
    const after = statFields(postmaster);
    if (after[13] === before[13] && after[14] === before[14]) break;
  }
  return total;
}

/** A figure with two decimals, or n/a where it could not be read (PostgreSQL on another machine). */
const orNotAvailable = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");

/** Resident memory of a process, in MiB. */
function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Has a Node process collect its whole heap twice, through its inspector (opened by SIGUSR1 on the
 * port its --inspect-port names), and waits a moment for the freed pages to leave its RSS.
 */
async function collectGarbage(pid: number, port: number): Promise<void> {
  process.kill(pid, "SIGUSR1");
  let targets: { webSocketDebuggerUrl?: string }[] | undefined;
  for (let attempt = 0; attempt < 50 && !targets?.[0]?.webSocketDebuggerUrl; attempt++) {
    targets = await fetch(`http://127.0.0.1:${port}/json/list`).then(
      (response) => response.json() as Promise<{ webSocketDebuggerUrl?: string }[]>,
      () => sleep(100).then(() => undefined),
    );
  }
  const url = targets?.[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`The gateway's inspector did not open on port ${port}.`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  for (const id of [1, 2]) {
    await new Promise<void>((resolve, reject) => {
      const onClose = () => reject(new Error("The gateway's inspector closed before the collection was done."));
      const onMessage = (event: MessageEvent) => {
        if ((JSON.parse(String(event.data)) as { id?: number }).id !== id) return;
        socket.removeEventListener("message", onMessage);
        socket.removeEventListener("close", onClose);
        resolve();
      };
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", onClose);
      socket.send(JSON.stringify({ id, method: "HeapProfiler.collectGarbage" }));
    });
  }
  socket.close();
  await sleep(1_000);
}

function median(values: number[]): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Child {
  name: string;
  process: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

async function waitUntilReady(child: Child, url: string, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  for (let waited = 0; waited < timeoutMs; waited += 250) {
    if (exitCode !== undefined) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  const tail = readFileSync(child.log, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(`${child.name} did not become ready at ${url}${exitCode !== undefined ? ` (it exited with ${exitCode})` : ""}; the end of its log (${child.log}):\n${tail}`);
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, logDir: string): Child {
  const log = path.join(logDir, `${name}.log`);
  const fd = openSync(log, "a");
  // The output goes to a file: a pipe nobody reads would stall the process under load.
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, process: child, log, exited };
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill("SIGTERM");
  const stopped = await Promise.race([child.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    child.process.kill("SIGKILL");
    await child.exited;
  }
}

/** The environment of a child: the caller's, without what would point it at other databases or clocks. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/_DATABASE_URL$|^DATABASE_URL$|^TEST_CLOCK$|^VITEST|^REDIS_URL$|^NODE_OPTIONS$|^FORK$/.test(key)) delete env[key];
  }
  return { ...env, NODE_ENV: "production", LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info", ...extra };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string" },
      seconds: { type: "string" },
      connections: { type: "string" },
      "memory-requests": { type: "string" },
      "warmup-seconds": { type: "string" },
      "memory-seconds": { type: "string" },
      memory: { type: "boolean", default: false },
      "only-memory": { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
      quick: { type: "boolean", default: false },
      queries: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const quick = values.quick;
  const onlyMemory = values["only-memory"];
  const rounds = onlyMemory ? 0 : Number(values.rounds ?? (quick ? 1 : 3));
  const seconds = Number(values.seconds ?? (quick ? 2 : 5));
  const connectionCounts = (values.connections ?? "1,16").split(",").map(Number);
  const memoryRequests = Number(values["memory-requests"] ?? (quick ? 2_000 : 100_000));
  const warmupSeconds = Number(values["warmup-seconds"] ?? (quick ? 1 : 2));
  // On a busy machine the memory phase could take long: it stops after this, and says so. --memory
  // gives it half an hour, to reach the 100,000 requests the memory goal is about.
  const memorySeconds = Number(values["memory-seconds"] ?? (values.memory || onlyMemory ? 1_800 : quick ? 30 : 100));
  const shortNames = QUERIES.map((query) => query.short);
  const named = values.queries?.split(",").map((name) => name.trim()) ?? shortNames;
  const unknown = named.filter((name) => !shortNames.includes(name));
  if (unknown.length || named.length === 0) throw new Error(`--queries takes a comma-separated list of ${shortNames.join(", ")}; not known: ${unknown.join(", ")}.`);
  const measuredQueries = QUERIES.filter((query) => named.includes(query.short));
  const cpuProfileArgs = (name: string) => (values["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(values["cpu-prof"], name)] : []);
  for (const [name, value] of Object.entries({ rounds, seconds, memoryRequests, warmupSeconds, memorySeconds })) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of at least 0.`);
  }
  if ((rounds < 1 && !onlyMemory) || seconds <= 0) throw new Error("--rounds must be at least 1 and --seconds more than 0.");
  if (seconds > 50) throw new Error("--seconds must be at most 50: the identity token of the direct calls lives 60 s.");
  if (connectionCounts.some((c) => !Number.isInteger(c) || c < 1)) throw new Error("--connections must list whole numbers of at least 1, e.g. 1,16.");
  // With --json the JSON alone goes to stdout; what happens goes to stderr.
  const say = values.json ? (line: string) => process.stderr.write(`${line}\n`) : (line: string) => process.stdout.write(`${line}\n`);

  const loadAtStart = readFileSync("/proc/loadavg", "utf8").trim();
  const environment = await benchEnvironment(`bench_compare_${process.pid}`);
  const logDir = mkdtempSync(path.join(tmpdir(), "ewg-bench-compare-"));
  const children: Child[] = [];
  let keyServer: Server | undefined;
  const stopAll = async () => {
    await Promise.all([...children].reverse().map((child) => stopChild(child).catch(() => undefined)));
    await new Promise<void>((resolve) => (keyServer ? keyServer.close(() => resolve()) : resolve()));
    await environment.close();
  };
  let interrupted = false;
  let finished = false;
  process.once("SIGINT", () => {
    interrupted = true;
    void stopAll().finally(() => process.exit(130));
  });

  try {
    // The partners' identity provider, as the project's gateway reaches it in production: a JWKS URL.
    keyServer = createServer((req, res) => {
      res.writeHead(req.url === "/jwks.json" ? 200 : 404, { "content-type": "application/json" });
      res.end(req.url === "/jwks.json" ? JSON.stringify(environment.issuer.jwks) : "{}");
    });
    await new Promise<void>((resolve) => keyServer!.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(keyServer.address() as { port: number }).port}/jwks.json`;

    const ports = {
      corporations: await freePort(),
      sdv: await freePort(),
      swt: await freePort(),
      gateway: await freePort(),
      hive: await freePort(),
      gatewayInspector: await freePort(),
    };
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<SubgraphName, string>;
    const urlEnv = Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]]));
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    const hiveUrl = `http://127.0.0.1:${ports.hive}/graphql`;
    const built = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
    // V8's settings (the size of the young generation) as docker-compose.yml gives each process.
    const nodeOptions = deployedNodeOptions();

    say(`npm run bench:compare: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}; load at start ${loadAtStart}`);
    say(`starting 3 subgraphs, the project's gateway and Hive Gateway as separate processes (logs in ${logDir}) ...`);
    const started = performance.now();
    // The subgraphs as docker-compose runs them: their own entry points, configured from the environment.
    for (const name of SUBGRAPHS) {
      const peers = SUBGRAPHS.filter((peer) => peer !== name);
      children.push(
        startChild(
          name,
          [...cpuProfileArgs(name), built(`../../subgraphs/${name}/src/main.js`)],
          childEnv({
            HOST: "127.0.0.1",
            PORT: String(ports[name]),
            DATABASE_URL: environment.databaseServerUrl,
            GATEWAY_JWKS_URL: `http://127.0.0.1:${ports.gateway}/.well-known/jwks.json`,
            SEED_DEMO: "true",
            SCHEDULED_JOBS: "false",
            NODE_OPTIONS: nodeOptions.subgraphs,
            ...urlEnv,
            ...Object.fromEntries(peers.map((peer) => [`${peer.toUpperCase()}_JWKS_URL`, `http://127.0.0.1:${ports[peer]}/.well-known/jwks.json`])),
          }),
          logDir,
        ),
      );
    }
    await Promise.all(children.map((child, i) => waitUntilReady(child, `http://127.0.0.1:${ports[SUBGRAPHS[i]!]}/ready`, 180_000)));
    const gatewayEnv = {
      HOST: "127.0.0.1",
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_AUDIENCE: DEV_AUDIENCE,
      GATEWAY_SIGNING_KEY: JSON.stringify(environment.signingKeyJwk),
      SUPERGRAPH_PATH: environment.supergraphPath,
      ...urlEnv,
    };
    const gateway = startChild(
      "gateway",
      // The inspector's port is set, not opened: collectGarbage opens it at the first memory checkpoint.
      [...cpuProfileArgs("gateway"), `--inspect-port=127.0.0.1:${ports.gatewayInspector}`, built("../../gateway/src/main.js")],
      childEnv({
        ...gatewayEnv,
        PORT: String(ports.gateway),
        NODE_OPTIONS: nodeOptions.gateway,
        AUTH_JWKS_URL: jwksUrl,
        AUTH_ALGORITHMS: "ES256",
        AUTH_CLOCK_TOLERANCE_SECONDS: "5",
        METRICS_PORT: "off",
        // One caller sends thousands of requests a second here: its rate limit would refuse them.
        GATEWAY_RATE_LIMIT_PER_MINUTE: "0",
      }),
      logDir,
    );
    children.push(gateway);
    const hiveBin = path.join(path.dirname(createRequire(import.meta.url).resolve("@graphql-hive/gateway")), "bin.js");
    const hive = startChild(
      "hive-gateway",
      [hiveBin, "supergraph", environment.supergraphPath, "-c", built("./hive-gateway.config.js"), "-p", String(ports.hive), "-h", "127.0.0.1", "--fork", "1"],
      childEnv({
        ...gatewayEnv,
        // The same V8 settings as the project's gateway (its worker inherits them): no set-up gains by its flags.
        NODE_OPTIONS: nodeOptions.gateway,
        BENCH_USER_KEY_PEM: createPublicKey({ key: environment.issuer.publicJwk as never, format: "jwk" })
          .export({ type: "spki", format: "pem" })
          .toString(),
      }),
      logDir,
    );
    children.push(hive);
    await Promise.all([waitUntilReady(gateway, `http://127.0.0.1:${ports.gateway}/health`, 120_000), waitUntilReady(hive, `http://127.0.0.1:${ports.hive}/readiness`, 120_000)]);
    say(`all started in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const pids = {
      gateway: gateway.process.pid!,
      hive: hive.process.pid!,
      subgraphs: Object.fromEntries(SUBGRAPHS.map((name, i) => [name, children[i]!.process.pid!])) as Record<SubgraphName, number>,
    };
    const userToken = await signDevToken(environment.issuer, CALLER);
    const signer = new GatewayTokenSigner(environment.signingKey);
    const identity: Identity = { sub: CALLER.sub, role: CALLER.role, orgs: CALLER.orgs };
    /** The headers the gateway sends a subgraph: its identity token, the peers' tokens, a request id (fresh for every run: the tokens live 60 s). */
    const directHeaders = async (subgraph: SubgraphName, query: string) => {
      const requestId = `bench-${process.pid}-${performance.now().toFixed(0)}`;
      const { operation, fields } = rootFieldsOfText(query);
      const peers = peersCalledBy(subgraph, identity.role, operation, fields);
      const sign = (audience: SubgraphName) => signer.sign(identity, audience, { url: subgraphUrls[audience] });
      return {
        [IDENTITY_HEADER]: sign(subgraph),
        ...(peers.length > 0 ? { [PEER_TOKENS_HEADER]: JSON.stringify(Object.fromEntries(peers.map((peer) => [peer, sign(peer)]))) } : {}),
        "x-request-id": requestId,
      };
    };
    const target = async (setup: SetupName, query: Query) => ({
      url: setup === "gateway" ? gatewayUrl : setup === "hive" ? hiveUrl : subgraphUrls[query.direct!],
      headers: { "content-type": "application/json", ...(setup === "direct" ? await directHeaders(query.direct!, query.text) : { authorization: `Bearer ${userToken}` }) },
      body: JSON.stringify({ query: query.text }),
    });
    const setupsOf = (query: Query): SetupName[] => (query.direct ? ["gateway", "hive", "direct"] : ["gateway", "hive"]);

    // 1. The same answer from every set-up, byte for byte. Apollo Server ends its body with a line
    // feed after the JSON and Hive Gateway does not: the JSON itself is compared, and each set-up's
    // whole body is what autocannon expects from it.
    say("");
    say("identical answers (the JSON byte for byte, from every set-up; a line feed after it does not count):");
    const expected = new Map<string, string>();
    let differs = false;
    for (const query of QUERIES) {
      const answers: [SetupName, number, string][] = [];
      for (const setup of setupsOf(query)) {
        const { url, headers, body } = await target(setup, query);
        const response = await fetch(url, { method: "POST", headers, body });
        const text = await response.text();
        answers.push([setup, response.status, text]);
        expected.set(`${setup} ${query.name}`, text);
      }
      const json = (text: string) => text.replace(/\n$/, "");
      const [, firstStatus, first] = answers[0]!;
      const parsed = JSON.parse(first) as { data?: unknown; errors?: unknown };
      const same = answers.every(([, status, text]) => status === firstStatus && json(text) === json(first));
      const clean = firstStatus === 200 && parsed.data != null && parsed.errors === undefined;
      if (same && clean) {
        say(`  ${query.name}: identical (${answers.map(([setup]) => SETUP_LABEL[setup]).join(", ")}; ${Buffer.byteLength(json(first))} bytes, no errors)`);
      } else {
        differs = true;
        say(`  ${query.name}: ${same ? "identical but not a clean answer" : "DIFFERENT"}`);
        for (const [setup, status, text] of answers) {
          let at = 0;
          while (at < text.length && text[at] === first[at]) at++;
          const shown = setup === answers[0]![0] ? text.slice(0, 300) : `from byte ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 160))}`;
          say(`    ${SETUP_LABEL[setup]} (HTTP ${status}, ${Buffer.byteLength(text)} bytes): ${shown}`);
        }
      }
    }
    if (differs) throw new Error("The set-ups do not all give the same clean answer; nothing was measured.");

    // Both gateways must be enforcing what the comparison assumes: a caller without a token is
    // refused, and a field the caller's role may not read (case notes, for the SDV) is not given.
    say("authorization on in both gateways:");
    const forbidden = JSON.stringify({ query: `{ signals(first: 3) { edges { node { id case { notes { text } } } } } }` });
    for (const [setup, url] of [
      ["gateway", gatewayUrl],
      ["hive", hiveUrl],
    ] as const) {
      const anonymous = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERIES[0]!.text }) });
      const anonymousAnswer = (await anonymous.json()) as { data?: { signals?: unknown } | null; errors?: unknown[] };
      const refusedAnonymous = !anonymousAnswer.data?.signals && (anonymousAnswer.errors?.length ?? 0) > 0;
      const notes = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${userToken}` }, body: forbidden });
      const notesText = await notes.text();
      const notesAnswer = JSON.parse(notesText) as { errors?: { extensions?: { code?: string } }[] };
      const codes = [...new Set((notesAnswer.errors ?? []).map((e) => e.extensions?.code))];
      const refusedNotes = codes.length > 0 && !notesText.includes('"text"');
      say(
        `  ${SETUP_LABEL[setup]}: no token ${refusedAnonymous ? `refused (HTTP ${anonymous.status})` : "NOT REFUSED"}; the SDV asking case notes ${refusedNotes ? `refused (${codes.join(", ")})` : "NOT REFUSED"}`,
      );
      if (!refusedAnonymous || !refusedNotes) throw new Error(`${SETUP_LABEL[setup]} does not enforce authorization as the comparison assumes; nothing was measured.`);
    }

    // 2. Warm-up: plan caches, JIT, connection pools, the JWKS fetched.
    let gatewayServed = 0;
    const load = async (setup: SetupName, query: Query, connections: number, limit: { seconds: number } | { amount: number }) => {
      const { url, headers, body } = await target(setup, query);
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            method: "POST",
            headers,
            body,
            connections,
            ...("seconds" in limit ? { duration: limit.seconds } : { amount: limit.amount }),
            // Every answer must be the answer checked above: an error or a refusal counts as one.
            expectBody: expected.get(`${setup} ${query.name}`)!,
            timeout: 30,
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on("response", (_client: unknown, _status: number, _bytes: number, milliseconds: number) => latencies.push(milliseconds));
      });
      if (setup === "gateway") gatewayServed += latencies.length;
      latencies.sort((a, b) => a - b);
      return { result, latencies };
    };
    say("");
    say(`warm-up: ${warmupSeconds} s per set-up and query ...`);
    for (const query of measuredQueries) {
      for (const setup of setupsOf(query)) if (warmupSeconds > 0) await load(setup, query, 4, { seconds: warmupSeconds });
    }

    // 3. Rounds: every set-up in turn, the order turned each round so that none always goes first.
    const runs: Run[] = [];
    // The gateway's RSS rises and falls by a quarter as its heap grows and is collected: one reading
    // at each checkpoint says little. It is read twice a second, and each checkpoint also gets the
    // median and the peak of the readings since the one before; a leak raises those, breathing does not.
    // A last reading after a full collection (asked of the gateway through its inspector) says what
    // the process keeps, rather than where its heap happened to be when the checkpoint was passed;
    // a few seconds without requests do not shrink a V8 heap.
    const memory: { requests: number; rssMiB: number; medianMiB: number; peakMiB: number; collectedMiB: number }[] = [];
    let stretch: number[] = [];
    const sampler = setInterval(() => stretch.push(residentMiB(pids.gateway)), 500).unref();
    const checkpoint = async (requests: number) => {
      const rssMiB = residentMiB(pids.gateway);
      const readings = [...stretch, rssMiB];
      await collectGarbage(pids.gateway, ports.gatewayInspector);
      memory.push({ requests, rssMiB, medianMiB: median(readings), peakMiB: Math.max(...readings), collectedMiB: residentMiB(pids.gateway) });
      stretch = [];
    };
    const memoryCheckpoints = (
      onlyMemory ? Array.from({ length: 10 }, (_, i) => Math.round((memoryRequests * (i + 1)) / 10)) : [Math.round(memoryRequests / 10), memoryRequests]
    ).filter((n) => n > 0);
    const noteMemory = async () => {
      while (memoryCheckpoints.length && gatewayServed >= memoryCheckpoints[0]!) {
        memoryCheckpoints.shift();
        await checkpoint(gatewayServed);
        const m = memory.at(-1)!;
        if (onlyMemory)
          say(
            `  ${gatewayServed} requests: VmRSS ${m.rssMiB.toFixed(1)} MiB, ${m.collectedMiB.toFixed(1)} MiB after a full collection (since the checkpoint before: median ${m.medianMiB.toFixed(1)}, peak ${m.peakMiB.toFixed(1)})`,
          );
      }
    };
    await noteMemory();
    say(`rounds: ${rounds} × ${measuredQueries.length} queries × connections ${connectionCounts.join(" and ")}, ${seconds} s per run; autocannon checks every answer`);
    say(
      "round | query | connections | set-up | req/s | p50 ms | p99 ms | errors | CPU ms/req (process under test) | subgraphs CPU ms/req | PostgreSQL CPU ms/req | load before → after",
    );
    for (let round = 1; round <= rounds; round++) {
      for (const [q, query] of measuredQueries.entries()) {
        for (const connections of connectionCounts) {
          const setups = setupsOf(query);
          const turn = (round - 1 + q) % setups.length;
          for (const setup of [...setups.slice(turn), ...setups.slice(0, turn)]) {
            const measured = setup === "gateway" ? pids.gateway : setup === "hive" ? pids.hive : pids.subgraphs[query.direct!];
            const loadBefore = loadAverage();
            const cpuBefore = cpuMilliseconds(measured);
            const subgraphsBefore = SUBGRAPHS.reduce((sum, name) => sum + cpuMilliseconds(pids.subgraphs[name]), 0);
            const postgresBefore = postgresCpuMilliseconds(environment.postgresPid);
            const { result, latencies } = await load(setup, query, connections, { seconds });
            const cpu = cpuMilliseconds(measured) - cpuBefore;
            const subgraphsCpu = SUBGRAPHS.reduce((sum, name) => sum + cpuMilliseconds(pids.subgraphs[name]), 0) - subgraphsBefore;
            const postgresCpu = postgresCpuMilliseconds(environment.postgresPid) - postgresBefore;
            const requests = latencies.length;
            const run: Run = {
              round,
              query: query.name,
              setup,
              connections,
              seconds: result.duration,
              requests,
              requestsPerSecond: requests / result.duration,
              p50: percentile(latencies, 50),
              p99: percentile(latencies, 99),
              errors: result.non2xx + result.mismatches + result.errors + result.timeouts,
              cpuPerRequest: requests ? cpu / requests : NaN,
              subgraphsCpuPerRequest: requests ? subgraphsCpu / requests : NaN,
              postgresCpuPerRequest: requests ? postgresCpu / requests : NaN,
              loadBefore,
              loadAfter: loadAverage(),
            };
            runs.push(run);
            await noteMemory();
            say(
              `${round} | ${query.short} | ${connections} | ${SETUP_LABEL[setup]} | ${run.requestsPerSecond.toFixed(0)} | ${run.p50.toFixed(2)} | ${run.p99.toFixed(2)} | ${run.errors} | ` +
                `${run.cpuPerRequest.toFixed(2)} | ${run.subgraphsCpuPerRequest.toFixed(2)} | ${orNotAvailable(run.postgresCpuPerRequest)} | ${run.loadBefore.toFixed(2)} → ${run.loadAfter.toFixed(2)}`,
            );
          }
        }
      }
    }

    // 4. Memory: the project's gateway up to the checkpoints, with the cheapest query at 16
    // connections, in runs of a few seconds until the checkpoint is passed or the time is up.
    const memoryStarted = performance.now();
    let memoryCut: number | undefined;
    if (memoryCheckpoints.length)
      say(`memory: the project gateway up to ${memoryCheckpoints.join(" and ")} requests in all (${gatewayServed} so far), at most ${memorySeconds} s ...`);
    while (memoryCheckpoints.length) {
      if ((performance.now() - memoryStarted) / 1000 >= memorySeconds) {
        memoryCut = gatewayServed;
        await checkpoint(gatewayServed);
        break;
      }
      await load("gateway", QUERIES[0]!, 16, { seconds: Math.min(10, seconds) });
      await noteMemory();
    }

    clearInterval(sampler);

    // 5. The table.
    const lines: string[] = [];
    const out = (line = "") => lines.push(line);
    out();
    out(`bench:compare: ${rounds} round(s) of ${seconds} s per run; medians over the rounds (req/s range in brackets); CPU ms per request summed over the rounds`);
    out(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}; load (1 min) at start ${loadAtStart.split(" ").slice(0, 3).join(" ")}, ${runs.length ? `during the runs ${Math.min(...runs.map((r) => r.loadBefore)).toFixed(2)}–${Math.max(...runs.map((r) => r.loadAfter)).toFixed(2)}` : `at the end ${loadAverage().toFixed(2)}`}`,
    );
    out(
      "set-ups: the project gateway and Hive Gateway, each one process verifying the caller's token, enforcing @requiresScopes and signing the subgraph identity tokens; the subgraph called directly with gateway-signed tokens",
    );
    out();
    if (runs.length) out("query | conn | set-up | req/s | p50 ms | p99 ms | CPU ms/req (gateway or subgraph) | subgraphs CPU ms/req | PostgreSQL CPU ms/req | errors | load");
    const summary: Record<string, unknown>[] = [];
    // With --only-memory there are no runs to show.
    const shown = runs.length ? measuredQueries : [];
    for (const query of shown) {
      for (const connections of connectionCounts) {
        const of = (setup: SetupName) => runs.filter((r) => r.query === query.name && r.connections === connections && r.setup === setup);
        for (const setup of setupsOf(query)) {
          const mine = of(setup);
          const requests = mine.reduce((sum, r) => sum + r.requests, 0);
          const row = {
            query: query.name,
            connections,
            setup,
            requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
            requestsPerSecondRange: [Math.min(...mine.map((r) => r.requestsPerSecond)), Math.max(...mine.map((r) => r.requestsPerSecond))],
            p50: median(mine.map((r) => r.p50)),
            p99: median(mine.map((r) => r.p99)),
            cpuPerRequest: requests ? mine.reduce((sum, r) => sum + r.cpuPerRequest * r.requests, 0) / requests : NaN,
            subgraphsCpuPerRequest: requests ? mine.reduce((sum, r) => sum + r.subgraphsCpuPerRequest * r.requests, 0) / requests : NaN,
            postgresCpuPerRequest: requests ? mine.reduce((sum, r) => sum + r.postgresCpuPerRequest * r.requests, 0) / requests : NaN,
            errors: mine.reduce((sum, r) => sum + r.errors, 0),
            load: [Math.min(...mine.map((r) => r.loadBefore)), Math.max(...mine.map((r) => r.loadAfter))],
          };
          summary.push(row);
          out(
            `${query.name} | ${connections} | ${SETUP_LABEL[setup]} | ${row.requestsPerSecond.toFixed(0)} [${row.requestsPerSecondRange.map((v) => v.toFixed(0)).join("–")}] | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ` +
              `${row.cpuPerRequest.toFixed(2)} | ${row.subgraphsCpuPerRequest.toFixed(2)} | ${orNotAvailable(row.postgresCpuPerRequest)} | ${row.errors} | ${row.load.map((v) => v.toFixed(2)).join("–")}`,
          );
        }
      }
    }
    out();
    if (runs.length) out("ratios (per round, from runs next to each other; median over the rounds):");
    const ratios: Record<string, unknown>[] = [];
    for (const query of shown) {
      for (const connections of connectionCounts) {
        const perRound = (setup: SetupName) => new Map(runs.filter((r) => r.query === query.name && r.connections === connections && r.setup === setup).map((r) => [r.round, r]));
        const gatewayRuns = perRound("gateway");
        for (const other of setupsOf(query).filter((s) => s !== "gateway")) {
          const otherRuns = perRound(other);
          const pairs = [...gatewayRuns].flatMap(([round, mine]) => (otherRuns.has(round) ? [[mine, otherRuns.get(round)!] as const] : []));
          const throughput = median(pairs.map(([mine, theirs]) => mine.requestsPerSecond / theirs.requestsPerSecond));
          const addedP50 = median(pairs.map(([mine, theirs]) => mine.p50 - theirs.p50));
          ratios.push({ query: query.name, connections, against: other, throughput, p50Difference: addedP50 });
          out(
            `  ${query.name}, ${connections} conn: project gateway / ${SETUP_LABEL[other]} req/s ${throughput.toFixed(2)}×, p50 ${addedP50 >= 0 ? "+" : ""}${addedP50.toFixed(2)} ms`,
          );
        }
      }
    }
    out();
    if (memory.length) {
      out(`memory of the project gateway (VmRSS): ${memory.map((m) => `${m.rssMiB.toFixed(1)} MiB after ${m.requests} requests`).join(", ")}`);
      const growth = (key: "rssMiB" | "medianMiB" | "peakMiB" | "collectedMiB") => `${(((memory.at(-1)![key] - memory[0]![key]) / memory[0]![key]) * 100).toFixed(1)}%`;
      if (memory.length >= 2) {
        out(
          `  readings twice a second before each checkpoint: median ${memory.map((m) => m.medianMiB.toFixed(1)).join(", ")} MiB; peak ${memory.map((m) => m.peakMiB.toFixed(1)).join(", ")} MiB`,
        );
        out(`  after a full collection at each checkpoint: ${memory.map((m) => m.collectedMiB.toFixed(1)).join(", ")} MiB`);
        out(
          `  growth from the first to the last: ${growth("collectedMiB")} (after a full collection), ${growth("rssMiB")} (single readings), ${growth("medianMiB")} (medians), ${growth("peakMiB")} (peaks)`,
        );
      }
      if (memoryCut !== undefined)
        out(`  (the memory phase stopped after ${memorySeconds} s at ${memoryCut} requests, short of ${memoryRequests}; --memory gives it up to half an hour)`);
    }
    const totalErrors = runs.reduce((sum, r) => sum + r.errors, 0);
    out(`errors in all runs: ${totalErrors}`);
    out("(run lines above: the load average before → after each run; the machine's other work counts in it)");
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ rounds, seconds, connections: connectionCounts, loadAtStart, identicalAnswers: true, summary, ratios, memory, runs }, null, 2)}\n`);
      for (const line of lines) say(line);
    } else {
      for (const line of lines) say(line);
    }
    if (totalErrors > 0) process.exitCode = 1;
    finished = true;
  } finally {
    if (!interrupted) await stopAll();
    // The processes' logs stay when something went wrong: the error names them.
    if (finished) rmSync(logDir, { recursive: true, force: true });
  }
}

/**
 * Exits with the code once what was written has reached the pipe: the embedded PostgreSQL's exit
 * hook would turn a failure's exit code into 0, and exiting at once can cut the output short.
 */
function exitWith(code: number) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main().then(
  () => exitWith(process.exitCode === undefined ? 0 : Number(process.exitCode)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    exitWith(1);
  },
);
