/**
 * The board page's style sheet, inlined (the page loads nothing). Light and dark
 * schemes follow the reader's system; the layout goes from one column on a phone
 * to a grid of cards on a wide screen, and the problem table turns into stacked
 * rows where it would not fit.
 */
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --card: #ffffff; --fg: #1f2328; --muted: #5b6470; --line: #d8dee4; --soft: #eef1f4;
  --link: #0a5bc4; --focus: #0a5bc4;
  --err: #c4221a; --err-bg: #fde8e6; --warn: #8a5a00; --warn-bg: #fff3cc; --ok: #1a7f37; --ok-bg: #dcf5e3;
  --planned: #7048c8; --active: #0a62c8; --paused: #9a6700; --blocked: #c4221a; --done: #1a7f37; --archived: #6e7781; --other: #b35900;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1318; --card: #171c23; --fg: #e6edf3; --muted: #9aa4af; --line: #2f3742; --soft: #222933;
    --link: #6cb1ff; --focus: #6cb1ff;
    --err: #ff7b72; --err-bg: #3b1718; --warn: #e3b341; --warn-bg: #352a0c; --ok: #56d364; --ok-bg: #12301c;
    --planned: #b392f0; --active: #58a6ff; --paused: #d29922; --blocked: #ff7b72; --done: #56d364; --archived: #8b949e; --other: #f0883e;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
code, .mono { font-family: var(--mono); font-size: 0.86em; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
.wrap { max-width: 1600px; margin: 0 auto; padding: 0 16px; }
.top { background: var(--card); border-bottom: 1px solid var(--line); }
.top .wrap { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; padding-top: 14px; padding-bottom: 14px; }
.top h1 { font-size: 1.35rem; }
.sub { margin: 2px 0 0; color: var(--muted); font-size: 0.9rem; }
.verdict { margin: 0; font-weight: 600; padding: 6px 12px; border-radius: 999px; }
.verdict.err { color: var(--err); background: var(--err-bg); }
.verdict.warn { color: var(--warn); background: var(--warn-bg); }
.verdict.ok { color: var(--ok); background: var(--ok-bg); }
nav.jump { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 8px 0 0; font-size: 0.92rem; }
main { padding-bottom: 40px; }
section { margin-top: 22px; }
section > h2 { font-size: 1.15rem; margin-bottom: 10px; }
.summary { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; min-width: 0; }
.tile h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; }
.big { font-size: 1.9rem; font-weight: 650; margin: 2px 0 6px; }
.big small { font-size: 0.9rem; font-weight: 500; color: var(--muted); }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chips li { font-size: 0.85rem; }
.dot { display: inline-block; width: 0.62em; height: 0.62em; border-radius: 50%; background: currentColor; margin-right: 0.35em; vertical-align: 0.05em; }
.stack { display: block; width: 100%; height: 10px; border-radius: 5px; margin: 4px 0 8px; }
.stack rect { fill: currentColor; stroke: var(--card); stroke-width: 2px; vector-effect: non-scaling-stroke; }
.rules { width: 100%; border-collapse: collapse; font-size: 0.86rem; }
.rules td { padding: 2px 0; vertical-align: top; }
.rules td.n { text-align: right; white-space: nowrap; padding-left: 8px; font-variant-numeric: tabular-nums; }
.rules a { font-family: var(--mono); font-size: 0.95em; }
.more { margin-top: 6px; }
.more > summary { cursor: pointer; color: var(--link); font-size: 0.88rem; }

.st-planned { color: var(--planned); } .st-active, .st-in_progress { color: var(--active); } .st-paused { color: var(--paused); }
.st-blocked { color: var(--blocked); } .st-completed, .st-done { color: var(--done); } .st-archived { color: var(--archived); } .st-other { color: var(--other); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 650; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; line-height: 1.5; }
.badge.st-other { border-style: dashed; }

.attention { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 4px 14px 10px; display: grid; gap: 0 28px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); align-items: start; }
.attention.calm { color: var(--ok); padding: 12px 14px; }
.att { border-left: 4px solid var(--line); padding: 2px 0 2px 12px; margin: 12px 0; }
.att h3 { font-size: 0.98rem; margin-bottom: 4px; }
.att.err { border-color: var(--err); } .att.err h3 { color: var(--err); }
.att.block { border-color: var(--blocked); }
.att.life { border-color: var(--warn); }
.att.idle { border-color: var(--paused); }
.att ul { margin: 0; padding-left: 18px; }
.att li { margin: 3px 0; }
.att .why { color: var(--muted); }

.group { margin-top: 14px; }
.group > summary { cursor: pointer; list-style: none; display: flex; align-items: baseline; gap: 8px; padding: 4px 0; }
.group > summary::-webkit-details-marker { display: none; }
.group > summary::before { content: "▸"; color: var(--muted); width: 1em; }
.group[open] > summary::before { content: "▾"; }
.group > summary h3 { font-size: 1.02rem; display: inline; }
.count { color: var(--muted); font-weight: 500; }
.cards { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); align-items: start; margin-top: 6px; }
.card { background: var(--card); border: 1px solid var(--line); border-top: 4px solid currentColor; border-radius: 10px; padding: 10px 14px 12px; min-width: 0; }
.card > * { color: var(--fg); }
.card-head { display: flex; gap: 10px; align-items: flex-start; justify-content: space-between; }
.card-head .title { min-width: 0; }
.card-head .line1 { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.card-head h4 { font-size: 1.05rem; margin-top: 4px; overflow-wrap: anywhere; }
.id { color: var(--muted); }
.tally { display: flex; gap: 4px; flex-shrink: 0; }
.pill { font-size: 0.78rem; font-weight: 700; padding: 1px 8px; border-radius: 999px; white-space: nowrap; }
.pill.err { color: var(--err); background: var(--err-bg); }
.pill.warn { color: var(--warn); background: var(--warn-bg); }
.pill.ok { color: var(--ok); background: var(--ok-bg); }
.meta { margin: 4px 0 0; color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
.meta .sep { padding: 0 4px; }
.strip { display: flex; gap: 2px; height: 8px; margin: 10px 0 4px; }
.strip span { flex: 1 1 0; border-radius: 2px; background: currentColor; min-width: 4px; }
.strip-note { margin: 0; font-size: 0.8rem; color: var(--muted); }
.progress { display: flex; align-items: center; gap: 8px; font-size: 0.8rem; color: var(--muted); margin-top: 5px; }
progress { -webkit-appearance: none; appearance: none; width: 9rem; max-width: 45%; height: 7px; border: 0; border-radius: 4px; background: var(--soft); color: var(--done); overflow: hidden; }
progress::-webkit-progress-bar { background: var(--soft); border-radius: 4px; }
progress::-webkit-progress-value { background: var(--done); border-radius: 4px; }
progress::-moz-progress-bar { background: var(--done); border-radius: 4px; }
.outcomes { margin: 5px 0 0; font-size: 0.8rem; }
.outcomes::before { display: inline-block; width: 1.1em; font-weight: 700; }
.outcomes.ok { color: var(--ok); } .outcomes.ok::before { content: "✓"; }
.outcomes.warn { color: var(--warn); } .outcomes.warn::before { content: "!"; }
.outcomes.todo { color: var(--muted); } .outcomes.todo::before { content: "○"; }
progress.wide { width: 100%; max-width: none; display: block; margin: 0 0 8px; }
.world { font-size: 0.95rem; margin-top: 18px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.world .mono { color: var(--muted); font-weight: 400; margin-left: 6px; }
.ms-list { list-style: none; margin: 10px 0 0; padding: 0; border-top: 1px solid var(--line); }
.ms { padding: 8px 0 8px 10px; border-bottom: 1px solid var(--line); border-left: 3px solid currentColor; margin-top: -1px; }
.ms:last-child { border-bottom: 0; }
.ms > * { color: var(--fg); }
.ms-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.ms-head code { color: var(--muted); }
.ms-title { font-weight: 600; overflow-wrap: anywhere; flex: 1 1 12rem; min-width: 0; }
.ms.closed .ms-title { font-weight: 500; color: var(--muted); }
.ms.closed { padding-top: 5px; padding-bottom: 5px; }
.mini { display: inline-flex; align-items: center; gap: 5px; font-size: 0.78rem; color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.mini progress { width: 4rem; max-width: none; }
.mini.unread { font-style: italic; }
.health { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0 0; padding: 0; }
.health li { font-size: 0.78rem; background: var(--soft); border-radius: 6px; padding: 1px 7px; overflow-wrap: anywhere; }
.health b { font-weight: 600; }
.problems { list-style: none; margin: 6px 0 0; padding: 0; font-size: 0.85rem; }
.problems li { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; padding: 3px 0; }
.problems .msg { overflow-wrap: anywhere; }
.problems .rule { font-family: var(--mono); font-size: 0.78rem; }
.sev { font-weight: 700; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.03em; font-family: var(--mono); white-space: nowrap; }
.sev.error { color: var(--err); } .sev.warn { color: var(--warn); }
.loc { color: var(--muted); font-family: var(--mono); font-size: 0.78rem; white-space: nowrap; }
.unread { font-size: 0.8rem; color: var(--muted); font-style: italic; margin-top: 4px; }
.suggest { color: var(--muted); font-family: var(--mono); font-size: 0.78rem; overflow-wrap: anywhere; }

.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin-bottom: 10px; }
.filters[hidden] { display: none; }
.filters label { display: flex; flex-direction: column; font-size: 0.78rem; color: var(--muted); gap: 2px; }
.filters select, .filters input { font: inherit; font-size: 0.9rem; color: var(--fg); background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 4px 6px; max-width: 22rem; }
#f-count { font-size: 0.85rem; color: var(--muted); padding-bottom: 5px; }
.table-wrap { background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.ptable { width: 100%; border-collapse: collapse; font-size: 0.88rem; }
.ptable th { text-align: left; font-size: 0.78rem; color: var(--muted); font-weight: 600; background: var(--soft); padding: 7px 10px; white-space: nowrap; }
.ptable th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
.ptable th button::after { content: " ↕"; opacity: 0.5; }
.ptable th[aria-sort="ascending"] button::after { content: " ↑"; opacity: 1; }
.ptable th[aria-sort="descending"] button::after { content: " ↓"; opacity: 1; }
.ptable td { padding: 7px 10px; border-top: 1px solid var(--line); vertical-align: top; }
.ptable td.msg { overflow-wrap: anywhere; min-width: 16rem; }
.ptable td:nth-child(2) { min-width: 16rem; }
.ptable td:nth-child(3) { white-space: nowrap; }
.ptable .fname { display: block; color: var(--muted); font-family: var(--mono); font-size: 0.75rem; overflow-wrap: anywhere; }
.ptable tr[hidden] { display: none; }
.empty { color: var(--muted); }
.notes { margin: 0; padding: 10px 14px 10px 30px; background: var(--warn-bg); color: var(--warn); border-radius: 10px; }
footer { color: var(--muted); font-size: 0.8rem; padding: 20px 0 30px; }

@media (max-width: 760px) {
  body { font-size: 14px; }
  .summary { grid-template-columns: 1fr 1fr; }
  .summary .tile:nth-child(n + 3) { grid-column: 1 / -1; }
  .wrap { padding: 0 10px; }
  .ptable thead { display: none; }
  .ptable, .ptable tbody, .ptable tr, .ptable td { display: block; width: 100%; }
  .ptable tr { border-top: 1px solid var(--line); padding: 6px 10px; }
  .ptable td { border: 0; padding: 1px 0; min-width: 0; }
  .ptable td.msg, .ptable td:nth-child(2) { min-width: 0; }
  .ptable td:nth-child(3) { white-space: normal; }
  .ptable td[data-label="Severity"], .ptable td[data-label="Where"] { display: inline; width: auto; margin-right: 6px; }
}
`;
