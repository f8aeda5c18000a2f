import Database from "better-sqlite3";
const db = new Database("/tmp/kwbench/c.db");
const q = `select t0.term, t0.comment_id from (select term, comment_id from comment_terms where term = ? order by created_at desc limit 300) as t0 union all select t1.term, t1.comment_id from (select term, comment_id from comment_terms where term = ? order by created_at desc limit 300) as t1`;
console.log(db.prepare("explain query plan " + q).all("knee", "pain"));
for (let i = 0; i < 5; i++) { const t = performance.now(); db.prepare(q).all("knee", "pain"); console.log((performance.now() - t).toFixed(2)); }
const single = `select term, comment_id from comment_terms where term = ? order by created_at desc limit 300`;
for (let i = 0; i < 3; i++) { const t = performance.now(); db.prepare(single).all("knee"); db.prepare(single).all("pain"); console.log("single x2", (performance.now() - t).toFixed(2)); }
console.log(db.prepare("explain query plan " + single).all("knee"));
console.log(db.prepare("select count(*) n from comment_terms where term in ('knee','pain','shoe','kneecap')").all());
