import { createApp } from "../src/services/app.js";
import { searchComments } from "../src/services/community.js";
import { seedComments } from "./seed-comments.js";

const spec = process.argv[2]!;
const n = Number(process.argv[3] ?? 100000);
const app = await createApp({ db: spec, multiUser: true, version: "bench" });
const have = Number((await app.database.db.selectFrom("comments").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
let t0 = performance.now();
if (have === 0) {
  const seeded = await seedComments(app, n);
  console.log("seeded", seeded, ((performance.now() - t0) / 1000).toFixed(1), "s");
}
const queries = ["knee pain", "patelar tendonitis", "foam roller", "itb", "shoes", "downhill running hurts", "tendin", "physio", "ice", "zzzz", "runner's knee", "eccentric squats decline", "marathon training plan", "swollen kneecap stairs", "orthotics"];
for (const q of queries) await searchComments(app, q, 20);
const times: number[] = [];
const per: Record<string, number[]> = {};
for (let r = 0; r < 20; r++) for (const q of queries) {
  t0 = performance.now();
  await searchComments(app, q, 20);
  const d = performance.now() - t0;
  times.push(d);
  (per[q] ??= []).push(d);
}
times.sort((a, b) => a - b);
const p = (x: number) => times[Math.floor(times.length * x)]!.toFixed(2);
console.log(app.database.dialect, "searchComments p50", p(0.5), "p95", p(0.95), "max", times.at(-1)!.toFixed(2));
for (const [q, ts] of Object.entries(per)) { ts.sort((a, b) => a - b); console.log("  ", q.padEnd(28), "p50", ts[10]!.toFixed(2), "max", ts.at(-1)!.toFixed(2)); }
await app.close();
