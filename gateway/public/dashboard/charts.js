// Grouped bar charts drawn as inline SVG, and the CSV of exactly what a chart draws.
// A cell is { count, suppressed }: a suppressed cell (1 to 4 households, withheld by the graph) is
// drawn as a hatched bar labelled "suppressed", never as zero; a cell the graph did not answer
// (count null, not suppressed) is drawn as nothing and labelled "unavailable".

const SVG = "http://www.w3.org/2000/svg";

/** The CSV text for a suppressed cell and for one the graph did not answer. */
export const SUPPRESSED = "suppressed";
export const UNAVAILABLE = "unavailable";

const WIDTH = 720;
// The top margin leaves room for a rotated "suppressed" above the highest bar.
const HEIGHT = 300;
const MARGIN = { top: 60, right: 12, bottom: 34, left: 44 };

function svgElement(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The text a cell is written as, on the chart and in its CSV. */
export function cellText(cell) {
  if (cell?.suppressed) return SUPPRESSED;
  if (cell == null || cell.count == null) return UNAVAILABLE;
  return String(cell.count);
}

/** A step of 1, 2 or 5 times a power of ten giving at most 5 ticks up to `max`. */
function tickStep(max) {
  const rough = Math.max(max, 5) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= rough);
}

/**
 * A chart: `categories` along the bottom (months), a bar per series in each, the value of each bar
 * from `cell(category, seriesKey)`.
 * @param {{ id: string, title: string, description?: string, categories: string[],
 *   series: { key: string, label: string, colour: string }[],
 *   cell: (category: string, key: string) => ({ count: number|null, suppressed: boolean }|undefined),
 *   csvColumns?: [string, string][], csvName: string }} chart
 */
export function barChart(chart) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.id = chart.id;

  const caption = document.createElement("figcaption");
  const heading = document.createElement("h2");
  heading.textContent = chart.title;
  caption.append(heading);
  if (chart.description) {
    const description = document.createElement("p");
    description.textContent = chart.description;
    caption.append(description);
  }
  figure.append(caption);

  const cells = chart.categories.flatMap((category) => chart.series.map((series) => ({ category, series, cell: chart.cell(category, series.key) })));
  const highest = Math.max(5, ...cells.map(({ cell }) => cell?.count ?? 0));
  const step = tickStep(highest);
  const top = Math.ceil(highest / step) * step;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const svg = svgElement("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": chart.title, class: "chart-svg" });
  const hatchId = `${chart.id}-hatch`;
  const defs = svgElement("defs");
  const hatch = svgElement("pattern", { id: hatchId, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(svgElement("rect", { width: 6, height: 6, fill: "#ffffff" }), svgElement("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#555555", "stroke-width": 2.5 }));
  defs.append(hatch);
  svg.append(defs);

  for (let tick = 0; tick <= top; tick += step) {
    svg.append(svgElement("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick), class: "grid" }));
    svg.append(svgElement("text", { x: MARGIN.left - 6, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, String(tick)));
  }

  const groupWidth = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(40, (groupWidth * 0.8) / Math.max(1, chart.series.length));
  chart.categories.forEach((category, c) => {
    const groupStart = MARGIN.left + c * groupWidth + (groupWidth - barWidth * chart.series.length) / 2;
    svg.append(svgElement("text", { x: MARGIN.left + (c + 0.5) * groupWidth, y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle", class: "category" }, category));
    chart.series.forEach((series, s) => {
      const cell = chart.cell(category, series.key);
      const text = cellText(cell);
      const x = groupStart + s * barWidth;
      const data = { "data-category": category, "data-series": series.key, "data-value": text };
      let barTop = y(0);
      let bar;
      if (text === SUPPRESSED) {
        // Somewhere from 1 to 4: drawn up to 5 on the scale, hatched, so it reads as "a few", not as 0.
        barTop = Math.min(y(5), y(0) - 6);
        bar = svgElement("rect", {
          x: x + 1,
          y: barTop,
          width: barWidth - 2,
          height: y(0) - barTop,
          fill: `url(#${hatchId})`,
          stroke: series.colour,
          "stroke-width": 1.5,
          class: "bar suppressed",
          ...data,
        });
      } else if (text !== UNAVAILABLE) {
        barTop = y(cell.count);
        bar = svgElement("rect", { x: x + 1, y: barTop, width: barWidth - 2, height: Math.max(0, y(0) - barTop), fill: series.colour, class: "bar", ...data });
      } else {
        bar = svgElement("rect", { x: x + 1, y: y(0), width: barWidth - 2, height: 0, class: "bar unavailable", ...data });
      }
      // Hovering a bar (or a screen reader) tells its month, series and value.
      bar.append(svgElement("title", {}, `${category}, ${series.label}: ${text}`));
      svg.append(bar);
      const labelX = x + barWidth / 2 + 3;
      const labelY = barTop - 3;
      svg.append(
        svgElement(
          "text",
          { x: labelX, y: labelY, transform: `rotate(-90 ${labelX} ${labelY})`, class: `value ${text === SUPPRESSED || text === UNAVAILABLE ? "marker" : ""}` },
          text,
        ),
      );
    });
  });
  svg.append(svgElement("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: "axis" }));
  if (chart.series.length === 0) {
    svg.append(
      svgElement("text", { x: MARGIN.left + plotWidth / 2, y: MARGIN.top + plotHeight / 2, "text-anchor": "middle", class: "empty" }, chart.empty ?? "None in this period."),
    );
  }
  figure.append(svg);

  const legend = document.createElement("ul");
  legend.className = "legend";
  for (const series of chart.series) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = series.colour;
    item.append(swatch, document.createTextNode(series.label));
    legend.append(item);
  }
  const suppressedItem = document.createElement("li");
  const hatchSwatch = document.createElement("span");
  hatchSwatch.className = "swatch hatched";
  suppressedItem.append(hatchSwatch, document.createTextNode("suppressed (1 to 4, withheld)"));
  legend.append(suppressedItem);
  figure.append(legend);

  const download = document.createElement("button");
  download.type = "button";
  download.className = "download-csv";
  download.textContent = "Download CSV";
  download.addEventListener("click", () => downloadText(chart.csvName, chartCsv(chart), "text/csv;charset=utf-8"));
  figure.append(download);
  return figure;
}

/** One row per category, a column per series, after the fixed `csvColumns` (name, value) pairs. */
export function chartCsv(chart) {
  const fixed = chart.csvColumns ?? [];
  const header = [...fixed.map(([name]) => name), "month", ...chart.series.map((series) => series.label)];
  const rows = chart.categories.map((category) => [...fixed.map(([, value]) => value), category, ...chart.series.map((series) => cellText(chart.cell(category, series.key)))]);
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Saves `text` as a file made in the browser: nothing is sent anywhere. */
export function downloadText(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
