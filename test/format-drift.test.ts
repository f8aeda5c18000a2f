import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./paths.js";

/**
 * Every distance, pace, climb and date the runner reads comes from src/core/format (through
 * src/contracts/format.ts on the web), so that no page, chart or command drifts back to its own
 * units or date style. This reads the web app and the CLI line by line and fails on a unit or a
 * date written by hand anywhere else.
 */
const RULES: { why: string; re: RegExp }[] = [
  { why: "a number followed by a unit written by hand", re: /(\d|\})\s?(km|mi|mph|ft|miles|kilometres)\b(?!\s*[:=(])/ },
  { why: "a pace unit written by hand", re: /[\s"'`>}]\/(km|mi)\b(?!\/)|\/\$\{units\}/ },
  { why: "a distance per unit written by hand", re: /\bper (km|mile|kilometre)\b/ },
  { why: "the units code shown as text", re: /(?<![=\w])\$?\{units\}/ },
  { why: "a choice between km and miles made by hand", re: /===\s*["'](mi|km)["']\s*\?\s*(["'`\d]|METRES_PER_MILE|FEET_PER_METRE|[\w.]+\s*[*/])/ },
  { why: "a unit conversion done by hand", re: /[*/]\s*(METRES_PER_MILE|FEET_PER_METRE)\b|\b(METRES_PER_MILE|FEET_PER_METRE)\s*[*/]|1609\.344|3\.28084|0\.3048/ },
  { why: "a calendar day cut into pieces for people", re: /(date|start|Start|day)\w*\.slice\((5|8)\)/ },
  { why: "a date formatted by hand", re: /new Date\([^)]*\)\.toLocale|toLocaleDateString|toLocaleTimeString|Intl\.DateTimeFormat|dateStyle\s*:|["']Jan["'],\s*["']Feb["']/ },
];

/** The formatting module itself, and the thin web wrappers that bind it to the browser's locale. */
const MODULE = new Set(["web/src/shell/dates.ts", "web/src/shell/locale.ts", "src/cli/locale.ts"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test(-helpers)?\.tsx?$/.test(e.name))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** The code of a line without its comments: a comment may name a unit ("rounded to 0.1 km"). */
function codeLines(text: string): string[] {
  let inBlock = false;
  return text.split("\n").map((line) => {
    let code = line;
    if (inBlock) {
      const end = code.indexOf("*/");
      if (end < 0) return "";
      code = code.slice(end + 2);
      inBlock = false;
    }
    if (/^\s*\*/.test(code)) return "";
    code = code.replace(/\/\*.*?\*\//g, "");
    const open = code.indexOf("/*");
    if (open >= 0) {
      inBlock = true;
      code = code.slice(0, open);
    }
    return code.replace(/(^|\s)\/\/.*$/, "$1");
  });
}

export function handWrittenUnits(file: string, text: string): string[] {
  const found: string[] = [];
  codeLines(text).forEach((line, i) => {
    for (const rule of RULES) if (rule.re.test(line)) found.push(`${file}:${i + 1}: ${rule.why}: ${line.trim()}`);
  });
  return found;
}

const FILES = [...sourceFiles("web/src"), ...sourceFiles("src/cli")].filter((f) => !MODULE.has(f));

describe("one choice of units and one date style", () => {
  it("writes no unit or date by hand outside the formatting module", () => {
    const found = FILES.flatMap((f) => handWrittenUnits(f, fs.readFileSync(path.join(REPO_ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("catches the ways a page drifts, and leaves ordinary code alone", () => {
    const drift = [
      "return `${(m / 1000).toFixed(1)} km`;",
      "<td>{formatDuration(p)} /km</td>",
      "unit: `/${units}`,",
      "Bars show {units} run each week",
      'units === "mi" ? "400 to 500 miles" : "640 to 800 km"',
      "const v = metres / METRES_PER_MILE;",
      "return new Date(iso).toLocaleString(undefined, { dateStyle: \"medium\" });",
      "new Intl.DateTimeFormat(undefined, { day: \"numeric\" })",
      "`${Math.round(m / 0.3048)} ft`",
      "{w.weekStart.slice(5)}",
      'const per = units === "mi" ? METRES_PER_MILE : 1000;',
      'v: units === "mi" ? p.alt * FEET_PER_METRE : p.alt,',
      "return `${n} m per km`;",
    ];
    for (const line of drift) expect(handWrittenUnits("x.tsx", line), line).not.toEqual([]);
    const fine = [
      "<VolumeChart weeks={weeks} units={units} />",
      "const { units } = useSession();",
      'if (saved === "km" || saved === "mi") return saved;',
      'return v === "km" || v === "mi" ? v : null;',
      "{count.toLocaleString()} of {max.toLocaleString()} characters",
      "// rounded down to 0.1 km, so 19.86 km reads 19.8",
      " * Every distance in km; 3 km of warm-up.",
      "const glued = text.replace(/(\\d) (?=(km|mi|min|h|m|ft)\\b)/g, \"$1\\u0000\");",
      "label: `Distance (${unitLabel(units)})`,",
      '<a href="https://example.org/km">',
    ];
    for (const line of fine) expect(handWrittenUnits("x.tsx", line), line).toEqual([]);
  });
});
