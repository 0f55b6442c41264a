// Review pages: focus a finding's evidence in the text, and sort tables by a column.
(function () {
  document.querySelectorAll(".finding[data-ev]").forEach(function (item) {
    item.addEventListener("click", function () {
      document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
      item.dataset.ev.split(" ").filter(Boolean).forEach(function (key) {
        document.querySelectorAll('mark[data-i="' + CSS.escape(key) + '"]').forEach(function (m) { m.classList.add("focus"); });
      });
      var first = document.querySelector("mark.focus");
      if (first) first.scrollIntoView({ block: "center" });
    });
  });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var asc = th.dataset.dir !== "asc";
        th.dataset.dir = asc ? "asc" : "desc";
        var key = function (r) { var t = r.cells[col].textContent.trim(); var n = Number(t.replace(/\./g, "").replace(",", ".")); return isNaN(n) ? t : n; };
        rows.sort(function (a, b) { var x = key(a), y = key(b); var c = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1); return asc ? c : -c; });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
