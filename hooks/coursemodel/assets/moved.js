/* Bounce Back My plan: "How things have moved", each rating beside the earlier one it repeats.
 *
 * A scale field with `compare` in the course data names an earlier rating
 * (`[worksheet, field]`, checked at build). plan.js asks this file for the
 * section and for its Markdown. With nothing rated yet the section is exactly
 * what the build writes into the page (hooks/plan.py, plan_skeleton.html), so
 * nothing shifts when plan.js draws. Numbers are shown as they are, with a
 * neutral "up 2", "down 1" or "same": never a judgement.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var t = root.t;
  var el = root.el;
  var WHOLE = /^-?\d+$/;

  /** A field of the course data by worksheet and field id, or null. */
  function fieldOf(course, wsId, fieldId) {
    var ws = course.worksheets[wsId];
    if (!ws) return null;
    for (var s = 0; s < ws.sections.length; s++) {
      var fields = ws.sections[s].fields;
      for (var f = 0; f < fields.length; f++) if (fields[f].id === fieldId) return fields[f];
    }
    return null;
  }

  /** One side of a pair: the stored whole number within the scale (else null) and where to rate it. */
  function side(course, wsId, field, answersOf) {
    var ws = course.worksheets[wsId];
    var stored = answersOf(wsId)[field.names[0]];
    var raw = typeof stored === "string" || typeof stored === "number" ? String(stored).trim() : "";
    var value = WHOLE.test(raw) && +raw >= field.min && +raw <= field.max ? +raw : null;
    return { value: value, title: ws.title, href: ws.url ? root.pageHref(ws.url) : "" };
  }

  /**
   * Every pair in course order of the later rating:
   * [{label, min, max, minLabel, maxLabel, before: side, after: side}].
   */
  function pairs(course, answersOf) {
    var out = [];
    Object.keys(course.worksheets).forEach(function (wsId) {
      course.worksheets[wsId].sections.forEach(function (section) {
        section.fields.forEach(function (field) {
          var earlier = field.compare && fieldOf(course, field.compare[0], field.compare[1]);
          if (!earlier) return;
          out.push({
            label: field.label,
            min: field.min,
            max: field.max,
            minLabel: field.min_label || "",
            maxLabel: field.max_label || "",
            before: side(course, field.compare[0], earlier, answersOf),
            after: side(course, wsId, field, answersOf),
          });
        });
      });
    });
    return out;
  }

  /** True when any rating of any pair is there. */
  function anyRated(list) {
    return list.some(function (pair) {
      return pair.before.value !== null || pair.after.value !== null;
    });
  }

  /** "1 means “Not at all” and 5 means “Completely”.", when every pair has the same scale and end words. */
  function key(list) {
    var first = list[0];
    var same = list.every(function (p) {
      return p.min === first.min && p.max === first.max && p.minLabel === first.minLabel && p.maxLabel === first.maxLabel;
    });
    if (!same || !first.minLabel || !first.maxLabel) return "";
    return t("plan_moved_key", { min: first.min, min_label: first.minLabel, max: first.max, max_label: first.maxLabel });
  }

  /** How far the later rating moved, in neutral words: {arrow, words}, or null when one is missing. */
  function change(pair) {
    if (pair.before.value === null || pair.after.value === null) return null;
    var by = pair.after.value - pair.before.value;
    if (!by) return { arrow: "", words: t("plan_moved_same") };
    return {
      arrow: (by > 0 ? "↑ " : "↓ ") + Math.abs(by),
      words: t(by > 0 ? "plan_moved_up" : "plan_moved_down", { count: Math.abs(by) }),
    };
  }

  /** A rating as words ("2 out of 5"), or "" when it is missing. */
  function rated(pair, which) {
    var value = pair[which].value;
    return value === null ? "" : t("plan_scale", { value: value, max: pair.max });
  }


  /** One cell: the rating, or "not rated yet" linking to where it is rated; the later one says how it moved. */
  function cell(pair, which) {
    var td = el("td");
    var words = rated(pair, which);
    if (words) td.appendChild(el("span", "bb-plan-moved__value", words));
    else if (pair[which].href) {
      var link = el("a", "bb-plan-rate", t("plan_moved_not_rated"));
      link.href = pair[which].href;
      link.appendChild(el("span", "bb-visually-hidden", " " + t("plan_moved_rate", { title: pair[which].title })));
      td.appendChild(link);
    } else td.appendChild(el("span", "bb-plan-none", t("plan_moved_not_rated")));
    var moved = which === "after" && change(pair);
    if (moved) {
      var note = el("span", "bb-plan-moved__change");
      if (moved.arrow) {
        var arrow = el("span", null, moved.arrow);
        arrow.setAttribute("aria-hidden", "true");
        note.appendChild(arrow);
        note.appendChild(el("span", "bb-visually-hidden", moved.words));
      } else note.textContent = moved.words;
      td.appendChild(note);
    }
    return td;
  }

  /** The section for My plan, or null when the course compares nothing. */
  function section(course, answersOf) {
    var list = pairs(course, answersOf);
    if (!list.length) return null;
    var box = el("section", "bb-plan-moved");
    box.setAttribute("aria-labelledby", "bb-plan-moved-title");
    var h = el("h2", null, t("plan_moved"));
    h.id = "bb-plan-moved-title";
    box.appendChild(h);
    if (!anyRated(list)) {
      var none = el("p", "bb-plan-none", t("plan_moved_none"));
      if (list[0].before.href) {
        var go = el("a", "bb-plan-go", t("plan_moved_go", { title: list[0].before.title }));
        go.href = list[0].before.href;
        none.appendChild(document.createTextNode(" "));
        none.appendChild(go);
      }
      box.appendChild(none);
      return box;
    }
    box.appendChild(el("p", null, t("plan_moved_intro")));
    var words = key(list);
    if (words) box.appendChild(el("p", "bb-plan-moved__key", words));
    var scroll = el("div", "bb-plan-table bb-plan-moved__table");
    var table = el("table");
    var head = el("tr");
    ["plan_moved_statement", "plan_moved_start", "plan_moved_end"].forEach(function (name) {
      var th = el("th", null, t(name));
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    list.forEach(function (pair) {
      var tr = el("tr");
      var th = el("th", null, pair.label);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      tr.appendChild(cell(pair, "before"));
      tr.appendChild(cell(pair, "after"));
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    box.appendChild(scroll);
    return box;
  }

  /** The section as Markdown lines (none when the course compares nothing); `md(text, inline)` escapes. */
  function markdown(course, answersOf, md) {
    var list = pairs(course, answersOf);
    if (!list.length) return [];
    var out = ["## " + t("plan_moved"), ""];
    if (!anyRated(list)) return out.concat([md(t("plan_moved_none")), ""]);
    out.push(md(t("plan_moved_intro") + (key(list) ? " " + key(list) : "")), "");
    out.push("| " + [t("plan_moved_statement"), t("plan_moved_start"), t("plan_moved_end")].map(function (s) { return md(s, true); }).join(" | ") + " |");
    out.push("| --- | --- | --- |");
    list.forEach(function (pair) {
      var moved = change(pair);
      var after = (rated(pair, "after") || t("plan_moved_not_rated")) + (moved ? " (" + moved.words + ")" : "");
      out.push("| " + [pair.label, rated(pair, "before") || t("plan_moved_not_rated"), after].map(function (s) { return md(s, true); }).join(" | ") + " |");
    });
    out.push("");
    return out;
  }

  root.moved = { pairs: pairs, section: section, markdown: markdown };
})();
