// The covenant's monitoring for one period, municipality and corporation, drawn from the graph's
// `monitoring` query with the viewer's own token: the page shows nothing the viewer could not query.
import { graphql, identity, mountSignIn, onSessionChange } from "../session.js";
import { barChart } from "./charts.js";

export const MONITORING_QUERY = `query DashboardMonitoring($from: String!, $to: String!, $municipalityCode: String, $corporationId: ID) {
  monitoring(from: $from, to: $to, municipalityCode: $municipalityCode, corporationId: $corporationId) {
    month municipalityCode corporationId
    signalsPerPriority { level count { count suppressed } }
    refusedByReason { code count { count suppressed } }
    forwardedToSwt { count suppressed } forwardedToBudgetCoach { count suppressed }
    feedbackOnTime { count suppressed } feedbackLate { count suppressed }
    evictions { count suppressed } keysReturned { count suppressed } evictionsPrevented { count suppressed }
    evictionsWithChildren { count suppressed } evictionsWithChildrenUnknown { count suppressed }
    evictionsAged65Plus { count suppressed } evictionsAged65PlusUnknown { count suppressed }
  }
}`;

const MUNICIPALITIES = { "0392": "Haarlem", "0473": "Zandvoort" };
const CORPORATIONS = { "elan-wonen": "Elan Wonen", "pre-wonen": "Pré Wonen", ymere: "Ymere" };
// The refusal codes in the order the README explains them; a code the graph adds later goes last.
const REFUSAL_ORDER = [
  "TENANT_NOT_FOUND",
  "ARREARS_TOO_RECENT",
  "COLLECTION_STEPS_INCOMPLETE",
  "OBJECTION_ON_RECORD",
  "OUTSIDE_COVENANT",
  "CHANNEL_NOT_ALLOWED",
  "DUPLICATE_IN_BATCH",
];
const PALETTE = ["#1b4f72", "#2e86c1", "#85c1e9", "#d4ac0d", "#a04000", "#7d3c98", "#117a65", "#566573"];
const MAX_MONTHS = 36;
/** The corporation choice that draws every corporation's charts, one beside the other. */
const ALL_CORPORATIONS = "";

const $ = (id) => document.getElementById(id);

function monthOf(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

function monthsBetween(from, to) {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function showMessage(text, kind) {
  const message = $("dashboard-message");
  message.hidden = !text;
  message.textContent = text ?? "";
  message.className = kind ?? "";
}

/** The municipalities of the covenant among the viewer's organisations. */
function ownMunicipalities(who) {
  return (who?.orgs ?? []).filter((org) => org in MUNICIPALITIES);
}

function fillSelect(select, entries) {
  const previous = select.value;
  select.replaceChildren(...entries.map(([value, label]) => new Option(label, value)));
  if (entries.some(([value]) => value === previous)) select.value = previous;
}

function onSession() {
  const who = identity();
  latest += 1; // an answer still on its way was asked for the previous viewer
  const form = $("dashboard-controls");
  $("charts").replaceChildren();
  showMessage();
  if (!who) {
    form.hidden = true;
    showMessage("Sign in to see the monitoring.", "info");
    return;
  }
  form.hidden = false;
  fillSelect(
    $("municipality"),
    ownMunicipalities(who).map((code) => [code, `${MUNICIPALITIES[code]} (${code})`]),
  );
  void show();
}

// Each request's number: only the latest chosen period is drawn, whichever answer comes back last.
let latest = 0;

async function show() {
  const request = ++latest;
  const from = $("period-from").value;
  const to = $("period-to").value;
  const municipalityCode = $("municipality").value || undefined;
  const corporationId = $("corporation").value;
  const corporationAsked = corporationId === ALL_CORPORATIONS ? undefined : corporationId;
  $("charts").replaceChildren();
  if (!from || !to || from > to) return showMessage("Choose a period: the first month must not come after the last.", "error");
  if (monthsBetween(from, to) > MAX_MONTHS) return showMessage(`Choose a period of at most ${MAX_MONTHS} months.`, "error");
  showMessage("Loading…", "info");
  let result;
  try {
    result = await graphql(MONITORING_QUERY, { from, to, municipalityCode, corporationId: corporationAsked });
  } catch (error) {
    if (request === latest) showMessage(error.message, "error");
    return;
  }
  if (request !== latest) return;
  const months = result.data?.monitoring;
  if (!months) {
    // A refusal of the whole query (a role that gets no monitoring, a municipality not one's own): say
    // so in the graph's own words, never draw an empty chart that would read as "nothing happened".
    const reasons = (result.errors ?? []).map((error) => `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ""}`);
    return showMessage(`The graph refused the monitoring: ${reasons.join("; ") || "no data"}`, "refusal");
  }
  const partial = (result.errors ?? []).map((error) => `${error.path?.join(".") ?? ""} ${error.message}`.trim());
  showMessage(partial.length ? `Some counts are unavailable: ${partial.join("; ")}` : "", partial.length ? "error" : "");
  draw(months, { from, to, municipalityCode, corporationId });
}

function setHeading({ from, to, municipalityCode, corporationId }) {
  const now = new Date();
  const generated = `${monthOf(now)}-${String(now.getDate()).padStart(2, "0")} ${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
  const corporation = corporationId === ALL_CORPORATIONS ? "each corporation" : CORPORATIONS[corporationId];
  $("report-title").textContent =
    `Covenant monitoring: ${MUNICIPALITIES[municipalityCode] ?? "all municipalities"}${municipalityCode ? ` (${municipalityCode})` : ""}, ${corporation}`;
  $("report-subtitle").textContent = `Period ${from} to ${to} · generated ${generated}`;
}

/**
 * The charts of one corporation's rows. With every corporation chosen, each chart is drawn once per
 * corporation, side by side: the monitoring counts per corporation, and counts that are suppressed
 * or rounded up cannot be added into a total that would be true.
 */
function draw(rows, choice) {
  setHeading(choice);
  const corporations = choice.corporationId === ALL_CORPORATIONS ? Object.keys(CORPORATIONS) : [choice.corporationId];
  const perCorporation = corporations.map((corporationId) =>
    chartsOf(
      rows.filter((row) => row.corporationId === corporationId),
      { ...choice, corporationId },
      corporations.length > 1,
    ),
  );
  // Each kind of chart together: for one corporation, or the three corporations' next to each other.
  const figures = perCorporation[0].flatMap((_, kind) => perCorporation.map((charts) => barChart(charts[kind])));
  $("charts").classList.toggle("each-corporation", corporations.length > 1);
  $("charts").replaceChildren(...figures);
}

function chartsOf(rows, choice, named) {
  const months = rows.map((row) => row.month);
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const csvColumns = [
    ["municipality", choice.municipalityCode ?? ""],
    ["corporation", choice.corporationId],
  ];
  const csvName = (name) => `monitoring-${name}-${choice.municipalityCode ?? "all"}-${choice.corporationId}-${choice.from}-to-${choice.to}.csv`;
  const field = (month, key) => byMonth.get(month)?.[key];

  const refusalCodes = [...new Set(rows.flatMap((row) => row.refusedByReason.map((refusal) => refusal.code)))].sort(
    (a, b) => (REFUSAL_ORDER.indexOf(a) + 1 || 99) - (REFUSAL_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );

  const charts = [
    {
      id: "chart-signals-per-priority",
      title: "Signals per month by priority",
      description: "Signals received for the reporting month, by the priority that counts (Art. 5.3).",
      series: ["I", "II", "III", "IV"].map((level, i) => ({ key: level, label: `Priority ${level}`, colour: PALETTE[i] })),
      // A level the graph leaves out of a month had no signals.
      cell: (month, level) => byMonth.get(month)?.signalsPerPriority.find((p) => p.level === level)?.count ?? { count: 0, suppressed: false },
    },
    {
      id: "chart-refusals-by-reason",
      title: "Refusals by reason",
      description: "Items refused at intake, per refusal code (an item can have several). A code not listed did not occur.",
      empty: "No item was refused in this period.",
      series: refusalCodes.map((code, i) => ({ key: code, label: code, colour: PALETTE[(i + 4) % PALETTE.length] })),
      // The graph lists only the codes that occurred in a month: a code absent from a month is 0 there.
      cell: (month, code) => byMonth.get(month)?.refusedByReason.find((r) => r.code === code)?.count ?? { count: 0, suppressed: false },
    },
    {
      id: "chart-forwarding",
      title: "Forwarded to the SWT and to the budget coach",
      description: "Signals of priority I-III go to the social neighbourhood team, priority IV to the budget coach.",
      series: [
        { key: "forwardedToSwt", label: "SWT", colour: PALETTE[0] },
        { key: "forwardedToBudgetCoach", label: "Budget coach", colour: PALETTE[3] },
      ],
      cell: field,
    },
    {
      id: "chart-feedback",
      title: "Feedback on time and late",
      description: "Of the cases opened in the month: feedback to the corporation within the term of Art. 5.4 (5 or 10 working days), or after it.",
      series: [
        { key: "feedbackOnTime", label: "On time", colour: PALETTE[6] },
        { key: "feedbackLate", label: "Late", colour: PALETTE[4] },
      ],
      cell: field,
    },
    {
      id: "chart-registers",
      title: "Registers (Art. 6.4)",
      description: "Evictions, keys returned voluntarily, and evictions prevented after a notice of eviction, in the month they happened.",
      series: [
        { key: "evictions", label: "Evictions", colour: PALETTE[4] },
        { key: "keysReturned", label: "Keys returned", colour: PALETTE[3] },
        { key: "evictionsPrevented", label: "Evictions prevented", colour: PALETTE[6] },
      ],
      cell: field,
    },
    {
      id: "chart-evictions-target-groups",
      title: "Evictions by target group (Art. 6.4)",
      description:
        "Evictions of households with children under 18 or a member aged 65 or over, and those of which the corporation does not know (counted apart, never as without).",
      series: [
        { key: "evictionsWithChildren", label: "With children", colour: PALETTE[0] },
        { key: "evictionsWithChildrenUnknown", label: "Children unknown", colour: PALETTE[2] },
        { key: "evictionsAged65Plus", label: "Aged 65+", colour: PALETTE[5] },
        { key: "evictionsAged65PlusUnknown", label: "65+ unknown", colour: PALETTE[7] },
      ],
      cell: field,
    },
  ];
  return charts.map((chart) => ({
    ...chart,
    id: named ? `${chart.id}--${choice.corporationId}` : chart.id,
    title: named ? `${chart.title}: ${CORPORATIONS[choice.corporationId]}` : chart.title,
    categories: months,
    csvColumns,
    csvName: csvName(chart.id.replace(/^chart-/, "")),
  }));
}

function init() {
  const now = new Date();
  // The last six complete months: an evaluation looks back on months that are over.
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const first = new Date(now.getFullYear(), now.getMonth() - 6, 1);
  $("period-from").value = monthOf(first);
  $("period-to").value = monthOf(last);
  fillSelect($("corporation"), [...Object.entries(CORPORATIONS), [ALL_CORPORATIONS, "All three, one chart each"]]);
  $("corporation").value = Object.keys(CORPORATIONS)[0];
  $("dashboard-controls").addEventListener("submit", (event) => {
    event.preventDefault();
    void show();
  });
  $("print").addEventListener("click", () => window.print());
  mountSignIn($("session"));
  onSessionChange(onSession);
  onSession();
}

init();
