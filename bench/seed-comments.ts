/**
 * Fills a database with `n` visible comments (and their search index) for the search benchmark.
 * Bench only: it writes rows in bulk, straight through the store, instead of one transaction per
 * comment, and it uses the same term extraction (src/core/community/comment-terms.ts) as the
 * community service, so searchComments() finds these comments exactly as it would real ones.
 *
 *   import { seedComments } from "../bench/seed-comments.js";
 *   await seedComments(app, 100_000);
 *
 * Deterministic: the same n and seed give the same comments.
 */
import { sql } from "kysely";
import { commentTerms, termPrefix } from "../src/core/community/comment-terms.js";
import { communityArticles } from "../src/services/community/index.js";
import type { App } from "../src/services/app.js";
import type { NewCommentRow } from "../src/store/index.js";

/** Words runners use, roughly most common first: picking skews to the front, as real text does. */
const WORDS = (
  "knee pain run running runs ran week weeks km miles long easy tempo hill hills downhill uphill shoes shoe new old " +
  "physio physiotherapist doctor rest ice strength exercise exercises squat squats lunge glute glutes hip quads quad " +
  "hamstring hamstrings calf calves foam roller rolling stretch stretching tendon tendinopathy patellar patella kneecap " +
  "iliotibial band itb outside inside swelling swollen stiff sore ache aching sharp dull morning evening stairs " +
  "cadence stride overstriding heel forefoot midfoot pronation arch orthotics insoles brace strap tape taping " +
  "marathon half 10k 5k race training plan mileage volume build build-up ramp rule percent recovery sleep tired " +
  "trail road track treadmill surface concrete grass camber speed intervals sprints fartlek warm cool cooldown " +
  "months better worse improved helped slowly finally back bursitis hamstring tendinitis runner's jumper's " +
  "clinic scan mri xray diagnosis eccentric isometric wall sit step-downs bridges clamshells monster walks balance " +
  "single leg hop hopping return returned comeback six eight twelve weeks physio's advice listened ignored"
).split(" ");
const FILLER = "i my the a and it was after but so then with for of on in to that this is".split(
  " ",
);

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rnd: () => number): string {
  const words: string[] = [];
  const length = 15 + Math.floor(rnd() * 45);
  for (let i = 0; i < length; i++) {
    words.push(
      rnd() < 0.35
        ? FILLER[Math.floor(rnd() * FILLER.length)]!
        : WORDS[Math.floor(WORDS.length * rnd() ** 2)]!,
    );
  }
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export async function seedComments(
  app: App,
  n: number,
  opts: { seed?: number; users?: number } = {},
): Promise<{ comments: number; terms: number }> {
  const { db } = app.database;
  const rnd = random(opts.seed ?? 42);
  const slugs = [...communityArticles().keys()];
  const userCount = opts.users ?? 500;
  const start = Date.parse("2024-01-01T00:00:00Z");
  const userIds: string[] = [];
  for (let at = 0; at < userCount; at += 500) {
    const batch = [];
    for (let u = at; u < Math.min(userCount, at + 500); u++) {
      const id = `bench-user-${u}`;
      userIds.push(id);
      batch.push({
        id,
        email: `bench-${u}@bench.invalid`,
        display_name: `Runner ${u}`,
        password_hash: null,
        role: "runner" as const,
        created_at: new Date(start).toISOString(),
      });
    }
    await db
      .insertInto("users")
      .values(batch)
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }

  const vocabulary = new Map<string, number>();
  let termRows = 0;
  const BATCH = 1000;
  for (let at = 0; at < n; at += BATCH) {
    const comments: NewCommentRow[] = [];
    const terms: { term: string; created_at: string; comment_id: string }[] = [];
    for (let k = at; k < Math.min(n, at + BATCH); k++) {
      const id = `bench-comment-${opts.seed ?? 42}-${k}`;
      const createdAt = new Date(start + k * 60_000).toISOString();
      const body = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => sentence(rnd)).join(" ");
      comments.push({
        id,
        article_slug: slugs[Math.floor(rnd() * slugs.length)]!,
        user_id: userIds[Math.floor(rnd() * userIds.length)]!,
        parent_id: null,
        body,
        status: "visible",
        created_at: createdAt,
        edited_at: null,
        deleted_at: null,
      });
      for (const term of commentTerms(body)) {
        terms.push({ term, created_at: createdAt, comment_id: id });
        vocabulary.set(term, (vocabulary.get(term) ?? 0) + 1);
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("comments").values(comments).execute();
      // 3 parameters a row: under SQLite's 32,766 and PostgreSQL's 65,535 per statement.
      for (let t = 0; t < terms.length; t += 10_000)
        await trx
          .insertInto("comment_terms")
          .values(terms.slice(t, t + 10_000))
          .execute();
    });
    termRows += terms.length;
  }
  const rows = [...vocabulary]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([term, comments]) => ({ term, prefix: termPrefix(term), comments }));
  for (let at = 0; at < rows.length; at += 5000) {
    await db
      .insertInto("comment_vocabulary")
      .values(rows.slice(at, at + 5000))
      .onConflict((oc) =>
        oc
          .column("term")
          .doUpdateSet({
            comments: (eb) => eb("comment_vocabulary.comments", "+", eb.ref("excluded.comments")),
          }),
      )
      .execute();
  }
  // Fresh planner statistics and (PostgreSQL) a visibility map after a bulk load, as autovacuum
  // would give a real database later: index-only scans then skip the table.
  await sql.raw(app.database.dialect === "postgres" ? "vacuum analyze" : "analyze").execute(db);
  return { comments: n, terms: termRows };
}
