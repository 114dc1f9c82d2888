/* Tick boxes the reader's browser remembers (see macros/md.py `checklist`).
 *
 * Ticks live in localStorage only: nothing is sent anywhere. They are kept per edition (the
 * site's name and root folder), per page, and per item id (the list's key and the item's own
 * id or slug, written into the page at build time), never per position, so a reordered list
 * keeps its ticks. Without storage (private mode, a policy) boxes still tick for the visit.
 */
(function () {
  "use strict";

  var PREFIX = "playbook-ticks:v1:";

  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (err) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href).pathname;
  }

  function edition() {
    var name = document.querySelector(".md-header__topic .md-ellipsis");
    return name ? name.textContent.trim() : "";
  }

  function pageKey() {
    var root = siteRoot();
    var path = location.pathname;
    var page = path.indexOf(root) === 0 ? path.slice(root.length) : path;
    return PREFIX + edition() + "|" + root + "|" + page;
  }

  function load(key) {
    try {
      var saved = JSON.parse(localStorage.getItem(key) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (err) {
      return {};
    }
  }

  function save(key, ticks) {
    try {
      if (Object.keys(ticks).length) {
        localStorage.setItem(key, JSON.stringify(ticks));
      } else {
        localStorage.removeItem(key);
      }
    } catch (err) {
      /* storage refused: the ticks last as long as the page */
    }
  }

  function setUp() {
    var key = pageKey();
    var ticks = load(key);
    document.querySelectorAll(".pb-checklist[data-checklist]").forEach(function (list) {
      if (list.dataset.ready) {
        return;
      }
      list.dataset.ready = "1";
      var boxes = list.querySelectorAll("input[type=checkbox][data-item]");
      var id = function (box) {
        return list.dataset.checklist + "/" + box.dataset.item;
      };
      boxes.forEach(function (box) {
        box.checked = ticks[id(box)] === 1;
        box.addEventListener("change", function () {
          if (box.checked) {
            ticks[id(box)] = 1;
          } else {
            delete ticks[id(box)];
          }
          save(key, ticks);
        });
      });
      var clear = list.querySelector(".pb-checklist__clear");
      if (clear) {
        clear.hidden = false;
        clear.addEventListener("click", function () {
          boxes.forEach(function (box) {
            box.checked = false;
            delete ticks[id(box)];
          });
          save(key, ticks);
        });
      }
    });
  }

  // Material's instant navigation swaps pages without a reload and announces each on document$.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
