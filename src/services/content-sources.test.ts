import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteContent } from "./content.js";
import { parseFrontMatter } from "../core/content/front-matter.js";
import { REPO_ROOT } from "../../test/paths.js";

/*
 * Every claim in content/ rests on a source a reader can find: named authors (people, or an
 * organisation such as NICE) and a year, and for a journal article its volume and pages. A
 * reference someone could not check is marked nowhere as "(unverified)": it is checked and
 * completed, or removed together with its claim (issue 17, item 6).
 */

const SOURCE_ARTICLE = "Source article: Knee pain from running (self-help guide)";

/** Name particles that start a surname in lower case: "van Gent RN", "de Vries A". */
const PARTICLES = "(?:(?:van|de|der|den|von|da|di|du|le|la)\\s)*";
/**
 * One person: a surname with lower-case letters in it (so "BJSM" or "StatPearls NBK557508" is no
 * author), then optional initials: "Nielsen RO", "Helfenstein M Jr", "Foster".
 */
const PERSON = `${PARTICLES}\\p{Lu}(?:\\p{Ll}|['’]\\p{Lu})[\\p{L}'’-]*(?:\\s(?:\\p{Lu}{1,4}|Jr|Sr))*`;
const PEOPLE = new RegExp(`^${PERSON}(?:(?:, | & | and )${PERSON})*(?:,? et al\\.?)?$`, "u");
/** An organisation as author names itself in full with its acronym: "National Institute ... (NICE)". */
const ORGANISATION = /^\p{Lu}[\p{L} ,'’-]+ \(\p{Lu}{2,}\)$/u;

interface Reference {
  authors: string;
  year: number;
}

/** Splits "Authors. 2014. Title…" (full form) or "Authors 2014, Journal…" (short form) at the year. */
function parseReference(source: string): Reference | undefined {
  const m = /^(.+?)\.?\s((?:19|20)\d{2})[a-z]?(?:[.,;:]|\s|$)/u.exec(source);
  if (!m?.[1] || !m[2]) return undefined;
  return { authors: m[1].trim(), year: Number(m[2]) };
}

function hasAuthors(authors: string): boolean {
  return PEOPLE.test(authors) || ORGANISATION.test(authors);
}

/** What the short Sources list must show for a reference: the first author's surname (or acronym). */
function firstAuthorKey(authors: string): string {
  const acronym = /\((\p{Lu}{2,})\)$/u.exec(authors);
  if (acronym?.[1]) return acronym[1];
  const surname = new RegExp(`^${PARTICLES}[^\\s,.&]+`, "u").exec(authors);
  return surname?.[0] ?? authors;
}

/** Sources that are not the founding guide must name authors and a year. */
function problemsWith(where: string, sources: string[]): string[] {
  return sources.flatMap((s) => {
    if (s.startsWith(SOURCE_ARTICLE)) return [];
    const ref = parseReference(s);
    if (!ref) return [`${where}: no year in "${s}"`];
    if (!hasAuthors(ref.authors)) return [`${where}: no authors in "${s}"`];
    return [];
  });
}

function contentFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".md") && entry.name !== "README.md") out.push(full);
    }
  };
  walk(path.join(REPO_ROOT, "content"));
  return out.sort();
}

describe("reference parsing", () => {
  it("accepts people, particles, et al. and organisations as authors", () => {
    for (const s of [
      "Nielsen RO, Parner ET, Nohr EA, Sørensen H, Lind M, Rasmussen S. 2014. Excessive progression. J Orthop Sports Phys Ther 44(10):739-747",
      "Frandsen JSB, et al. 2025. How much running is too much? Br J Sports Med 59(17):1203-1210",
      "de Vries A, Zwerver J, Diercks R, et al. 2016. Effect of patellar strap. Scand J Med Sci Sports 26(10):1217-1224",
      "Helfenstein M Jr, Kuromoto J. 2010. Anserine syndrome. Rev Bras Reumatol 50(3):313-327",
      "National Institute for Health and Care Excellence (NICE). 2022. Osteoarthritis in over 16s. NICE guideline NG226",
      "Crossley 2016, BJSM 50:839 and 50:844 (PFP consensus)",
      "Brukner & Khan 2017, Clinical Sports Medicine, 5th ed. (distal hamstring tendinopathy)",
      "van der Horst 2015, AJSM 43:1316-1323 (Nordic hamstring programme)",
    ]) {
      expect(problemsWith("example", [s]), s).toEqual([]);
    }
  });

  it("rejects a source with no authors or no year", () => {
    expect(problemsWith("x", ["BJSM 2025 cohort of 5,205 runners, doi:10.1136/bjsports-2024-109380"])).toHaveLength(1);
    expect(problemsWith("x", ["Footwear Science 2010;2:141-147"])).toHaveLength(1);
    expect(problemsWith("x", ["StatPearls NBK557508 (prepatellar bursitis)"])).toHaveLength(1);
    expect(problemsWith("x", ["WikEM: Prepatellar bursitis"])).toHaveLength(1);
    expect(problemsWith("x", ["Brukner & Khan. Clinical Sports Medicine"])).toHaveLength(1);
  });

  it("keys a reference by its first author's surname, or an organisation's acronym", () => {
    expect(firstAuthorKey("van Gent RN, Siem D, et al.")).toBe("van Gent");
    expect(firstAuthorKey("Frandsen JSB, et al.")).toBe("Frandsen");
    expect(firstAuthorKey("National Institute for Health and Care Excellence (NICE)")).toBe("NICE");
  });
});

describe("content sources", () => {
  const { catalogue } = loadSiteContent();

  it("gives every article source its authors and a year", () => {
    const problems = catalogue.articles.flatMap((a) => problemsWith(`articles/${a.slug}`, a.sources));
    expect(problems).toEqual([]);
  });

  it("lists every article source's first author and year in the article's closing Sources section", () => {
    const problems = catalogue.articles.flatMap((a) => {
      const section = a.body.slice(a.body.lastIndexOf("## Sources")).split("\n").filter((l) => l.startsWith("- "));
      return a.sources.flatMap((s) => {
        const ref = parseReference(s);
        if (!ref) return [];
        const key = firstAuthorKey(ref.authors);
        const listed = section.some((l) => l.includes(key) && l.includes(String(ref.year)));
        return listed ? [] : [`articles/${a.slug}: "${key} ${ref.year}" is missing from ## Sources`];
      });
    });
    expect(problems).toEqual([]);
  });

  it("gives every journal article cited by an article its volume and pages", () => {
    // Books ("5th ed.") and guidelines ("NICE guideline") have neither; everything else is a paper.
    const problems = catalogue.articles.flatMap((a) =>
      a.sources
        .filter((s) => !s.startsWith(SOURCE_ARTICLE) && !/\bed\.|\bguideline\b/.test(s))
        .filter((s) => !/\b\d+(?:\([^)]*\))?:[A-Za-z]*\d+/.test(s))
        .map((s) => `articles/${a.slug}: no volume and pages in "${s}"`),
    );
    expect(problems).toEqual([]);
  });

  it("gives every exercise, self-test, programme, care page and foot-type source its authors and a year", () => {
    const profile = path.join(REPO_ROOT, "content", "profile");
    const profileSources = fs
      .readdirSync(profile)
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .flatMap((f) => {
        const { meta } = parseFrontMatter(fs.readFileSync(path.join(profile, f), "utf8"));
        const sources = Array.isArray(meta.sources) ? meta.sources.filter((s) => typeof s === "string") : [];
        return problemsWith(`profile/${f}`, sources);
      });
    const problems = [
      ...catalogue.exercises.flatMap((x) => problemsWith(`exercises/${x.slug}`, x.sources)),
      ...catalogue.selfTests.flatMap((x) => problemsWith(`self-tests/${x.slug}`, x.sources)),
      ...catalogue.programmes.flatMap((x) => problemsWith(`programmes/${x.slug}`, x.sources)),
      ...catalogue.care.flatMap((x) => problemsWith(`care/${x.slug}`, x.sources)),
      ...profileSources,
    ];
    expect(problems).toEqual([]);
  });

  it("marks no source anywhere in content/ as unverified", () => {
    const marked = contentFiles()
      .filter((f) => /\(unverified\)/i.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(REPO_ROOT, f));
    expect(marked).toEqual([]);
  });
});
