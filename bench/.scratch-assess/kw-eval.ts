import { readFileSync } from "node:fs";
import { assess } from "/work/main/src/core/assessment/assess.js";
import { scoreConditions } from "/work/main/src/core/assessment/rank-conditions.js";
import { scoreVignettes } from "/work/main/src/core/assessment/vignette-scoring.js";
const d = JSON.parse(readFileSync("/work/shared/assessment/public-vignettes.json","utf8"));
const r = scoreVignettes(d.cases, assess);
for (const o of r.outcomes) {
  const c = d.cases.find((x: any)=>x.id===o.id);
  const s = scoreConditions(c.input).slice(0,4).map(x=>`${x.id}:${x.points.toFixed(1)}(${x.evidence.toFixed(1)})`).join(" ");
  console.log(`${o.top1?" ":"X"}${o.top3?" ":"3"}${o.triageExact?" ":"T"}${o.underTriage?"U":" "} ${o.id} exp=${o.expectedCondition}/${o.expectedTriage} got=${o.gotTriage} ${s}`);
}
console.log(r.top1, r.top3, r.triageExact, r.underTriage);
