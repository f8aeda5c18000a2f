import { createApp } from "../src/services/app.js";
import { comments } from "../src/store/index.js";
import { queryTerms, termPrefix, expandQueryTerm } from "../src/core/community/comment-terms.js";
const app = await createApp({ db: "/tmp/kwbench/c.db", multiUser: true, version: "bench" });
const db = app.database.db;
for (const q of ["knee pain", "patelar tendonitis", "shoes"]) {
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const wanted = queryTerms(q);
    const vocab = await comments.vocabularyByPrefix(db, [...new Set(wanted.map(termPrefix))]);
    const t1 = performance.now() - t; t = performance.now();
    const groups = wanted.map((w) => expandQueryTerm(w, vocab.filter((v) => v.prefix === termPrefix(w))));
    const t2 = performance.now() - t; t = performance.now();
    const terms = [...new Set(groups.flat().map((e) => e.term))];
    const rows = await comments.commentIdsForTerms(db, terms, 300);
    const t3 = performance.now() - t; t = performance.now();
    const ids = rows.slice(0, 40).map((r) => r.comment_id);
    await comments.listCommentsWithAuthors(db, ids);
    const t4 = performance.now() - t;
    if (r === 4) console.log(q, "vocab", vocab.length, t1.toFixed(2), "expand", t2.toFixed(2), terms, "postings", rows.length, t3.toFixed(2), "rows", t4.toFixed(2));
  }
}
await app.close();
