/** Checks the browser tests make on any page. */

/** Words drawn in a chart that stick out of the chart's own box (a label cut at the edge). */
export const CUT_CHART_WORDS = `(() => {
  const cut = [];
  for (const svg of document.querySelectorAll("main svg")) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        cut.push((svg.getAttribute("aria-label") ?? "a chart") + ": " + t.textContent);
    }
  }
  return cut;
})()`;
