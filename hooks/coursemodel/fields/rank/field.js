/* A rank field (coursemodel/fields/rank): Move up / Move down, and the list kept in its numbers' order.
 *
 * Each item's place is a number box named `<field>.<item>`; worksheets.js saves and
 * restores the boxes like any other control. This script only moves items and renumbers
 * them, firing `input` so the usual save runs, and sorts a restored list by its numbers.
 * `BounceBack.types.rank.value` reads an answer back for My plan (best first).
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});

  /** A place as a whole number, or null when the box is empty or not a number. */
  function place(value) {
    var n = parseInt(String(value === undefined || value === null ? "" : value).trim(), 10);
    return isNaN(n) ? null : n;
  }

  /** Items [[slug, words], …] in the stored order: numbered ones by place, then the rest as written. */
  function ordered(items, placeOf) {
    return items
      .map(function (item, i) {
        return { item: item, at: placeOf(item[0]), i: i };
      })
      .sort(function (a, b) {
        if (a.at === null || b.at === null) return a.at === null ? (b.at === null ? a.i - b.i : 1) : -1;
        return a.at - b.at || a.i - b.i;
      });
  }

  /** My plan's words for a stored answer: "1 – Pay, 2 – …" as a list, or null when unranked. */
  function value(field, stored) {
    var names = field.names || [];
    var items = field.items || [];
    var byName = {};
    items.forEach(function (item, i) {
      byName[item[0]] = place(stored[names[i]]);
    });
    var list = ordered(items, function (slug) {
      return byName[slug];
    }).filter(function (entry) {
      return entry.at !== null;
    });
    if (!list.length) return null;
    return {
      kind: "list",
      items: list.map(function (entry, n) {
        return n + 1 + " – " + entry.item[1];
      }),
    };
  }

  /** The words of a UI string with its slots filled. */
  function say(name, values) {
    return root.t ? root.t(name, values) : name;
  }

  /** The list's items and their number boxes, in page order. */
  function rows(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".bb-rank__item"));
  }

  /** Number the items 1…n in page order; fire `input` on each box that changed, so it is saved. */
  function renumber(list) {
    rows(list).forEach(function (row, i) {
      var box = row.querySelector(".bb-rank__place");
      if (box.value !== String(i + 1)) {
        box.value = String(i + 1);
        box.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    buttons(list);
  }

  /** Put the rows in the order their boxes say (a restored or typed answer). */
  function sort(list) {
    var all = rows(list);
    var sorted = ordered(
      all.map(function (row) {
        return [row, row.querySelector(".bb-rank__place").value];
      }),
      function (row) {
        return place(row.querySelector(".bb-rank__place").value);
      }
    );
    sorted.forEach(function (entry) {
      list.appendChild(entry.item[0]);
    });
    buttons(list);
  }

  /** The first and last rows cannot move further: their buttons say so. */
  function buttons(list) {
    var all = rows(list);
    all.forEach(function (row, i) {
      var up = row.querySelector("[data-rank-up]");
      var down = row.querySelector("[data-rank-down]");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === all.length - 1;
    });
  }

  /** Move `row` one step (-1 up, +1 down), renumber, keep focus on the same kind of button, say where it is. */
  function move(list, row, step) {
    var all = rows(list);
    var at = all.indexOf(row);
    var to = at + step;
    if (to < 0 || to >= all.length) return;
    if (step < 0) list.insertBefore(row, all[to]);
    else list.insertBefore(row, all[to].nextSibling);
    renumber(list);
    var same = row.querySelector(step < 0 ? "[data-rank-up]" : "[data-rank-down]");
    var other = row.querySelector(step < 0 ? "[data-rank-down]" : "[data-rank-up]");
    (same && !same.disabled ? same : other).focus();
    var said = list.parentNode.querySelector(".bb-rank__said");
    if (said) {
      var words = row.querySelector(".bb-rank__text").textContent.trim();
      said.textContent = say("rank_moved", { item: words, place: to + 1, total: all.length });
    }
  }

  /** Add the buttons to one rank list (once) and wire its boxes. */
  function enhance(list) {
    if (list.hasAttribute("data-rank-ready")) return sort(list);
    list.setAttribute("data-rank-ready", "");
    rows(list).forEach(function (row) {
      var words = row.querySelector(".bb-rank__text").textContent.trim();
      [
        ["data-rank-up", "↑", "rank_up", -1],
        ["data-rank-down", "↓", "rank_down", 1],
      ].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "bb-rank__move";
        button.setAttribute(spec[0], "");
        button.setAttribute("aria-label", say(spec[2], { item: words }));
        button.textContent = spec[1];
        button.addEventListener("click", function () {
          move(list, row, spec[3]);
        });
        row.appendChild(button);
      });
      // A typed place moves the item there and renumbers the rest (a full order is the answer).
      row.querySelector(".bb-rank__place").addEventListener("change", function (event) {
        var want = place(event.target.value);
        if (want === null) return;
        var all = rows(list);
        var to = Math.max(0, Math.min(all.length - 1, want - 1));
        all.splice(all.indexOf(row), 1);
        all.splice(to, 0, row);
        all.forEach(function (r) {
          list.appendChild(r);
        });
        renumber(list);
        event.target.focus();
      });
    });
    sort(list);
  }

  /** Every rank list on this page. */
  function page() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-rank]"), enhance);
  }

  (root.types = root.types || {}).rank = { value: value, ordered: ordered };
  if (root.onPage) root.onPage(page);
  if (root.store && root.store.onChange) root.store.onChange(page);
})();
