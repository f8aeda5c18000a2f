import { describe, expect, it } from "vitest";
import { assess } from "../../core/assessment/assess.js";
import { loadPublicVignettes } from "../../core/assessment/contract-files.test-helpers.js";
import { CALM_INPUT, inputWith } from "../../core/assessment/sample-inputs.test-helpers.js";
import type { CliIO } from "../io.js";
import { runAssess } from "./assess.js";

/** An in-process CliIO: files from a map, stdin from a string, output captured. */
function fakeIO(files: Record<string, string>, stdin = ""): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: () => Promise.resolve(stdin),
    readFile: (path: string) => {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`))
        : Promise.resolve(text);
    },
    writeFile: () => Promise.reject(new Error("assess never writes files")),
    cwd: "/work",
    env: {},
    isTTY: false,
    today: () => "2025-01-01",
  };
  return io;
}

const dvt = inputWith({ pain_locations: ["calf", "posterior"], signs: ["calf_pain_swelling"] });

describe("runAssess", () => {
  it("prints the result object as JSON for one answers object from a file", async () => {
    const io = fakeIO({ "knee.json": JSON.stringify(CALM_INPUT) });
    expect(await runAssess({ json: true, file: "knee.json" }, io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(assess(CALM_INPUT));
    expect(io.err).toBe("");
  });

  it("keeps the order of a list of answers and reads standard input for '-'", async () => {
    const cases = await loadPublicVignettes();
    const inputs = cases.map((c) => c.input);
    const io = fakeIO({}, JSON.stringify(inputs));
    expect(await runAssess({ json: true, file: "-" }, io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(inputs.map((i) => assess(i)));
  });

  it("reads standard input when no file is given", async () => {
    const io = fakeIO({}, JSON.stringify(dvt));
    expect(await runAssess({ json: true, file: undefined }, io)).toBe(0);
    expect((JSON.parse(io.out) as { triage: string }).triage).toBe("urgent");
  });

  it("writes a readable summary led by the triage level and the flag's own instructions", async () => {
    const io = fakeIO({ "calf.json": JSON.stringify(dvt) });
    expect(await runAssess({ json: false, file: "calf.json" }, io)).toBe(0);
    const lines = io.out.trimEnd().split("\n");
    expect(lines[0]).toBe("Triage: URGENT - Urgent: be seen today");
    expect(lines[1]).toBe(
      "! Calf or back-of-knee pain like this may be a blood clot (possible_dvt)",
    );
    expect(io.out).toMatch(/Where to go: A same-day service that can scan the leg for a clot/);
    // The instructions come before the possible causes.
    expect(io.out.indexOf("Where to go:")).toBeLessThan(io.out.indexOf("Possible causes"));
    expect(io.out).toMatch(
      /1\. Blood clot in a deep vein of the leg \(DVT\) \(deep_vein_thrombosis\)\n/,
    );
    expect(io.out).toMatch(/because of: calf_pain_swelling/);
    // Scores are relative, never shown as percentages; no self-care under an urgent flag, and no
    // generic "get seen the same day" paragraph beside a result that already says today.
    expect(io.out).not.toMatch(/%/);
    expect(io.out).not.toMatch(/Meanwhile:/);
    expect(io.out).not.toMatch(/When to get help sooner/);
    expect(io.out).not.toMatch(/minor injuries unit\./);
    expect(lines[lines.length - 1]).toMatch(/not a diagnosis/);
    expect(io.out.match(/not a diagnosis/g)).toHaveLength(1);
  });

  it("gives a self-care result its tip and the general advice on when to be seen", async () => {
    const io = fakeIO({ "calm.json": JSON.stringify(CALM_INPUT) });
    expect(await runAssess({ json: false, file: "calm.json" }, io)).toBe(0);
    expect(io.out).toMatch(/^Triage: SELF CARE/);
    expect(io.out).toMatch(/Next step: /);
    expect(io.out).toMatch(/Meanwhile: Cut back whatever hurts/);
    expect(io.out).toMatch(/When to get help sooner: /);
    expect(io.out).not.toMatch(/%/);
  });

  it("takes the 1.1 codes and answers in schema version 1.1", async () => {
    const dislocated = {
      ...inputWith({
        schema_version: "1.1",
        age: 17,
        onset: "sudden_with_injury",
        injury_mechanism: "twist_pivot",
        swelling: "rapid_within_2h",
        signs: ["kneecap_shifted_out"],
        tender_spots: ["fibular_head"],
        duration_weeks: 0,
        medical_history: ["pregnant_or_recently_pregnant"],
      }),
    };
    const io = fakeIO({ "k.json": JSON.stringify(dislocated) });
    expect(await runAssess({ json: true, file: "k.json" }, io)).toBe(0);
    const result = JSON.parse(io.out) as {
      schema_version: string;
      triage: string;
      red_flags: string[];
      ranked_conditions: { id: string }[];
    };
    expect(result.schema_version).toBe("1.1");
    expect(result.triage).toBe("urgent");
    expect(result.red_flags).toContain("kneecap_dislocation");
    expect(result.ranked_conditions[0]?.id).toBe("patellar_dislocation");
  });

  it("numbers each summary when given a list", async () => {
    const io = fakeIO({ "two.json": JSON.stringify([CALM_INPUT, dvt]) });
    expect(await runAssess({ json: false, file: "two.json" }, io)).toBe(0);
    expect(io.out.indexOf("== Assessment 1 of 2 ==")).toBe(0);
    expect(io.out.indexOf("== Assessment 2 of 2 ==")).toBeGreaterThan(io.out.indexOf("SELF CARE"));
    expect(io.out.match(/not a diagnosis/g)).toHaveLength(2);
  });

  it("prints each schema error as 'path: message' and exits 2 without any result", async () => {
    const bad = { ...CALM_INPUT, pain_locations: ["lateral", "kneecap"], age: 3 };
    const io = fakeIO({ "bad.json": JSON.stringify(bad) });
    expect(await runAssess({ json: true, file: "bad.json" }, io)).toBe(2);
    expect(io.out).toBe("");
    const lines = io.err.trimEnd().split("\n");
    expect(lines[0]).toBe("assess: bad.json does not match the assessment input schema:");
    expect(lines).toContain("age: expected a whole number from 5 to 100, got the number 3");
    expect(
      lines.some((l) =>
        l.startsWith('pain_locations[1]: "kneecap" is not one of anterior_around_behind_kneecap, '),
      ),
    ).toBe(true);
  });

  it("prefixes schema errors in a list with the item's index", async () => {
    const io = fakeIO({}, JSON.stringify([CALM_INPUT, { ...CALM_INPUT, swelling: "lots" }, 7]));
    expect(await runAssess({ json: false, file: undefined }, io)).toBe(2);
    expect(io.err).toContain(
      '[1].swelling: "lots" is not one of none, mild, delayed_within_24h, rapid_within_2h\n',
    );
    expect(io.err).toContain("[2]: expected an object of answers, got the number 7\n");
    expect(io.err).toContain("standard input does not match");
  });

  it("names the file when it is not JSON, and exits 2", async () => {
    const io = fakeIO({ "notes.txt": "knee hurts" });
    expect(await runAssess({ json: true, file: "notes.txt" }, io)).toBe(2);
    expect(io.err).toMatch(
      /^assess: notes\.txt is not valid JSON \(.+\); expected one answers object or a list of them\n$/,
    );
    expect(io.out).toBe("");
  });

  it("names a file it cannot read, and exits 2", async () => {
    const io = fakeIO({});
    expect(await runAssess({ json: false, file: "missing.json" }, io)).toBe(2);
    expect(io.err).toMatch(/^assess: cannot read missing\.json: ENOENT/);
  });

  it("accepts an empty list", async () => {
    const json = fakeIO({}, "[]");
    expect(await runAssess({ json: true, file: "-" }, json)).toBe(0);
    expect(JSON.parse(json.out)).toEqual([]);
    const text = fakeIO({}, "[]");
    expect(await runAssess({ json: false, file: "-" }, text)).toBe(0);
    expect(text.out).toMatch(/No answers to assess/);
  });
});
