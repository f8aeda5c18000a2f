import { createHash } from "node:crypto";

/*
 * The one stylesheet of the server-rendered pages (/learn, /exercises, /search). It repeats the
 * React shell's look (web/src/styles.css) so moving between the two feels like one site, and
 * adds reading typography and print rules. Served from /ssr/site.css with a content hash in
 * the query string, so browsers may cache it for a year. The CSP allows no inline styles.
 */
export const SITE_CSS = `:root{--ink:#1b1f23;--muted:#4a545e;--paper:#fff;--tint:#eef5f1;--brand:#0b6e4f;--brand-dark:#084f39;--warn-bg:#fff4d6;--warn-ink:#5c4300;--line:#d0d7de;--radius:10px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:var(--ink);background:var(--paper)}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--brand-dark)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1d70b8;outline-offset:2px}
.skip-link{position:absolute;left:-9999px}
.skip-link:focus{left:1rem;top:1rem;background:var(--paper);padding:.5rem 1rem;z-index:10}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.site-header{background:var(--brand);color:#fff}
.header-inner{max-width:64rem;margin:0 auto;display:flex;align-items:center;gap:.5rem 1rem;padding:.5rem 1rem;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:.5rem;color:#fff;text-decoration:none;font-weight:700;font-size:1.25rem}
.brand svg{display:block;width:28px;height:28px}
#site-nav{order:3;flex-basis:100%;margin-left:0}
#site-nav ul{list-style:none;display:flex;gap:.125rem;margin:0;padding:0;flex-wrap:wrap}
#site-nav a{color:#fff;text-decoration:none;padding:.45rem .4rem;border-radius:6px;display:block;font-size:.98rem}
#site-nav a:hover{background:rgba(255,255,255,.15)}
#site-nav a[aria-current]{background:var(--brand-dark);text-decoration:underline;text-underline-offset:4px}
.site-search{display:flex;gap:.25rem;flex:1 1 14rem;max-width:22rem;margin-left:auto}
.site-search input{font:inherit;flex:1;min-width:0;min-height:44px;padding:.4rem .6rem;border:2px solid #fff;border-radius:6px}
button{font:inherit;background:var(--brand-dark);color:#fff;border:2px solid #fff;border-radius:6px;padding:.4rem .9rem;cursor:pointer;min-height:44px}
.clinician-notice{margin:0;background:var(--warn-bg);color:var(--warn-ink);padding:.5rem 1rem;text-align:center;font-size:.95rem}
.clinician-notice p{margin:0}
main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem;min-height:60vh}
.prose{max-width:44rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .75rem}
h2{font-size:1.4rem;line-height:1.25;margin:2rem 0 .5rem}
h3{font-size:1.15rem;margin:1.5rem 0 .4rem}
.lead{font-size:1.15rem;color:var(--muted)}
.meta{color:var(--muted);font-size:.95rem}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0 0 1rem;font-size:.95rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:var(--muted)}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;min-width:100%}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--tint)}
blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--brand);background:var(--tint)}
pre{overflow-x:auto;background:var(--tint);padding:.75rem;border-radius:6px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.95em}
mark{background:#ffe28a;color:inherit;padding:0 .1em}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.card{background:var(--tint);border-radius:var(--radius);padding:1rem 1.25rem}
.card h3{margin:0 0 .25rem;font-size:1.1rem}
.card p{margin:0}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:var(--tint);border-radius:var(--radius);padding:1rem 1.25rem}
.facts dt{font-weight:600}
.facts dd{margin:0}
.aside-box{border:1px solid var(--line);border-radius:var(--radius);padding:.25rem 1.25rem 1rem;margin:2rem 0}
.results{list-style:none;padding:0}
.results li{padding:1rem 0;border-bottom:1px solid var(--line)}
.results p{margin:.25rem 0 0}
.kind{display:inline-block;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-left:.5rem}
.search-page form{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
.search-page input{font:inherit;flex:1 1 16rem;min-height:44px;padding:.4rem .6rem;border:1px solid #6e7781;border-radius:6px}
.search-page button{background:var(--brand);border-color:var(--brand)}
.error{color:#a4161a}
.exercise-figure{margin:1.5rem 0;display:grid;grid-template-columns:1fr 1fr;gap:.5rem 1rem;align-items:start}
.figure-svg{display:block;width:100%;height:auto;background:#f6f8fa;border-radius:var(--radius)}
.figure-stills{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;align-items:start}
.figure-step{margin:.25rem 0 0;font-size:.9rem;color:var(--muted)}
.exercise-figure figcaption{grid-column:1/-1}
.site-footer{border-top:1px solid var(--line);color:var(--muted);text-align:center;padding:1rem;font-size:.9rem}
@media (max-width:40rem){#site-nav{margin-left:0;width:100%}#site-nav a{padding:.5rem .6rem}.site-search{max-width:none;margin-left:0}h1{font-size:1.6rem}.facts{grid-template-columns:1fr}.exercise-figure{grid-template-columns:1fr}}
@media (prefers-reduced-motion:reduce){.figure-motion{display:none}.exercise-figure{grid-template-columns:1fr}}
@media print{.site-header,.site-footer,.skip-link,.site-search,.crumbs,#comments,.no-print,.figure-motion{display:none}.exercise-figure{grid-template-columns:1fr}.clinician-notice{background:none;border:1px solid #999}main{max-width:none;padding:0}a{color:inherit}.prose a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}.card,.facts,blockquote{background:none;border:1px solid #999}h2,h3{break-after:avoid}}
`;

export const SITE_CSS_VERSION = createHash("sha256").update(SITE_CSS).digest("hex").slice(0, 12);
export const SITE_CSS_PATH = "/ssr/site.css";
export const SITE_CSS_URL = `${SITE_CSS_PATH}?v=${SITE_CSS_VERSION}`;
