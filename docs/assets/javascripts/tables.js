// Cells of tables with three or more columns carry their column's name (`data-label`), so that
// on a phone the stylesheet (playbook.css) can show each row as a card, every value under its
// name. Done in the page rather than at build time so that every engine `playbook export`
// targets gets it; without scripts such a table keeps the theme's sideways scrolling.
(function () {
  var MIN_COLUMNS = 3;

  function name(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function label(root) {
    var tables = root.querySelectorAll(".md-typeset table:not([class]):not([data-cards])");
    Array.prototype.forEach.call(tables, function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head || head.cells.length < MIN_COLUMNS) return;
      var names = Array.prototype.map.call(head.cells, name);
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, i) {
            cell.setAttribute("data-label", names[i] || "");  // an attribute: stays text
          });
        });
      });
      table.setAttribute("data-cards", "");
    });
  }

  if (window.document$) {   // the theme's page-load signal, also after instant navigation
    window.document$.subscribe(function () { label(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { label(document); });
  } else {
    label(document);
  }
})();
