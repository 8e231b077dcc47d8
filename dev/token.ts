import { parseArgs } from "node:util";
import { BUDGET_COACH_TEAM, CORPORATIONS, MUNICIPALITIES, TEAMS } from "../subgraphs/shared/src/covenant/organisations.js";
import { isRole, ROLES } from "../subgraphs/shared/src/identity.js";
import { claimsMismatch } from "../gateway/src/auth/claims.js";
import { loadDevIssuerKey, signDevToken } from "../gateway/src/auth/dev-issuer.js";
import { dataDir } from "../gateway/src/config.js";
import { runCli } from "./exit.js";

const USAGE = `Prints a development JWT for the local graph.

  npm run -s token -- --role ROLE [--org CODE[,CODE]] [--team TEAM] [--sub ID] [--ttl SECONDS]

  --role   ${ROLES.join(" | ")}
  --org    a corporation (${CORPORATIONS.map((c) => c.id).join(", ")})
           or the CBS codes a municipal role serves (${MUNICIPALITIES.map((m) => `${m.code} ${m.name}`).join(", ")})
  --team   an SWT worker's team, of one of its municipalities: ${TEAMS.map((t) => t.id).join(", ")};
           or ${BUDGET_COACH_TEAM.id} for a budget coach; no other role has a team
  --sub    the user or integration client (default dev-<role>)
  --ttl    lifetime in seconds (default 28800, 8 hours)
`;

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      org: { type: "string" },
      team: { type: "string" },
      sub: { type: "string" },
      ttl: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const role = values.role?.toUpperCase();
  if (!isRole(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}.\n\n${USAGE}`);
  const orgs = (values.org ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  const known = new Set<string>([...CORPORATIONS.map((c) => c.id), ...MUNICIPALITIES.map((m) => m.code)]);
  const unknown = orgs.filter((o) => !known.has(o));
  if (unknown.length) throw new Error(`Unknown --org ${unknown.join(", ")}.\n\n${USAGE}`);
  if (values.team && values.team !== BUDGET_COACH_TEAM.id && !TEAMS.some((t) => t.id === values.team)) throw new Error(`Unknown --team ${values.team}.\n\n${USAGE}`);
  // The gateway refuses a token whose claims do not fit each other; so does this issuer.
  const mismatch = claimsMismatch({ role, orgs, ...(values.team ? { team: values.team } : {}) }, { org: "--org", team: "--team" });
  if (mismatch) throw new Error(`${mismatch}\n\n${USAGE}`);
  const ttl = values.ttl ? Number(values.ttl) : undefined;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) throw new Error("--ttl must be a whole number of seconds.");
  const key = await loadDevIssuerKey(dataDir());
  process.stdout.write(`${await signDevToken(key, { role, orgs, team: values.team, sub: values.sub, ttlSeconds: ttl })}\n`);
}

runCli(main);
