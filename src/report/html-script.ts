/**
 * The board page's only script, inlined: filters and sorting for the problem
 * table. Without it the page shows the whole table, unfiltered, in file order; the
 * filter controls stay hidden. Kept as text (not a function's source) so that
 * bundling cannot change it, and so that its hash in the page's
 * Content-Security-Policy is the hash of exactly what runs.
 */
export const SCRIPT = `
(function () {
  "use strict";
  var table = document.getElementById("problem-table");
  var box = document.getElementById("filters");
  if (!table || !box) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var sev = document.getElementById("f-sev");
  var rule = document.getElementById("f-rule");
  var plan = document.getElementById("f-plan");
  var text = document.getElementById("f-text");
  var count = document.getElementById("f-count");
  box.hidden = false;

  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!sev.value || d.sev === sev.value) &&
        (!rule.value || d.rule === rule.value) &&
        (!plan.value || d.plan === plan.value) &&
        (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ? rows.length + " shown" : shown + " of " + rows.length + " shown";
  }
  [sev, rule, plan].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);

  function pad(n) { return ("000000000" + n).slice(-9); }
  function key(row, by) {
    var d = row.dataset;
    var at = pad(d.line) + pad(d.col);
    if (by === "sev") return (d.sev === "error" ? "0" : "1") + d.file + at;
    if (by === "where") return d.where + "\\u0000" + d.file + at;
    if (by === "rule") return d.rule + "\\u0000" + d.file + at;
    return d.file + "\\u0000" + at;
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th) {
    var by = th.dataset.sort;
    if (!by) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, by), y = key(b, by);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
`;
