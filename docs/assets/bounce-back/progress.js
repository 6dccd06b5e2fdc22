/* Bounce Back progress: how far the learner is, computed in the browser only.
 *
 * A module's "units" are its worksheet fields (answered when any of the
 * field's names holds a non-empty answer) and its checklist items (ticked).
 * Status: "done" when the learner marked the module complete, "in progress"
 * when at least one unit is done, else "not started". Completion and the last
 * module visited are stored under `progress` as
 * {"v": 1, "complete": {module-src: ISO}, "last": module-src}.
 *
 * On a module page the units come from the page itself; elsewhere from
 * the course map that the progress hook generates as course-map.js (a script,
 * not a fetch, so it also works from file:// in the offline bundle).
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var t = root.t;
  var VERSION = 1;
  var SCRIPT = document.currentScript && document.currentScript.src;

  /* Data ----------------------------------------------------------------------- */

  /** The site's base URL, from where this script was loaded. */
  function siteBase() {
    return new URL("../../", SCRIPT || window.location.href).href;
  }

  /** Call back with the course map from course-map.js, or null when it is missing. */
  function courseMap(callback) {
    var data = root.courseMapData;
    callback(data && Array.isArray(data.modules) ? data : null);
  }

  /** The stored progress record (completion and last module). */
  function loadProgress() {
    var stored = store.get("progress");
    if (!stored || stored.v !== VERSION || typeof stored.complete !== "object" || !stored.complete) {
      return { v: VERSION, complete: {}, last: stored && typeof stored.last === "string" ? stored.last : null };
    }
    return stored;
  }

  /** Change the progress record with `fn(record)` and save it. */
  function updateProgress(fn) {
    var record = loadProgress();
    fn(record);
    record.v = VERSION;
    store.set("progress", record);
  }

  /** The saved answers of a worksheet, through worksheets.js when it is here. */
  function worksheetAnswers(id) {
    if (root.worksheets && root.worksheets.answers) return root.worksheets.answers(id);
    var stored = store.get("ws:" + id);
    return (stored && stored.answers) || {};
  }

  /** True for a saved value that holds something the learner wrote or chose. */
  function filled(value) {
    if (typeof value === "string") return value.trim() !== "";
    if (Array.isArray(value)) return value.length > 0;
    return value === true || typeof value === "number";
  }

  /** True when `field` (or one of its parts: `field.0`, `field.2.who`) has an answer. */
  function answered(stored, field) {
    for (var name in stored) {
      if (!stored.hasOwnProperty(name)) continue;
      if ((name === field || name.indexOf(field + ".") === 0) && filled(stored[name])) return true;
    }
    return false;
  }

  /** Count a module's units: {fields, answered, items, ticked, total, done, status}. */
  function count(entry, progress) {
    var out = { fields: 0, answered: 0, items: 0, ticked: 0 };
    Object.keys(entry.worksheets || {}).forEach(function (id) {
      var stored = worksheetAnswers(id);
      entry.worksheets[id].forEach(function (field) {
        out.fields++;
        if (answered(stored, field)) out.answered++;
      });
    });
    Object.keys(entry.checklists || {}).forEach(function (key) {
      var names = entry.checklists[key];
      out.items += names.length;
      out.ticked += root.checklists ? root.checklists.ticked(root.checklists.answers(key), names) : 0;
    });
    out.total = out.fields + out.items;
    out.done = out.answered + out.ticked;
    if (progress.complete.hasOwnProperty(entry.src)) out.status = "done";
    else out.status = out.done > 0 ? "in_progress" : "not_started";
    return out;
  }

  /** Describe the module on this page from its own forms (the same rules as the hook). */
  function pageEntry(src) {
    var entry = { src: src, worksheets: {}, checklists: {} };
    var forms = document.querySelectorAll("form.bb-worksheet[data-worksheet]");
    for (var i = 0; i < forms.length; i++) {
      var fields = (entry.worksheets[forms[i].getAttribute("data-worksheet")] = []);
      var els = forms[i].querySelectorAll(".bb-field[data-field]");
      for (var j = 0; j < els.length; j++) {
        var name = els[j].getAttribute("data-field");
        if (els[j].getAttribute("data-type") !== "message" && fields.indexOf(name) === -1) fields.push(name);
      }
    }
    var lists = document.querySelectorAll("form.bb-checklist[data-checklist]");
    for (var k = 0; k < lists.length; k++) {
      var items = (entry.checklists[lists[k].getAttribute("data-checklist")] = []);
      var boxes = lists[k].querySelectorAll('input[type="checkbox"][name]');
      for (var b = 0; b < boxes.length; b++) if (items.indexOf(boxes[b].name) === -1) items.push(boxes[b].name);
    }
    return entry;
  }

  /* Widgets -------------------------------------------------------------------- */

  /** Make (or update) a labelled progress bar inside `host`, with the same numbers in text. */
  function bar(host, label, now, max, text) {
    var meter = host.querySelector('[role="progressbar"]');
    if (!meter) {
      meter = document.createElement("div");
      meter.className = "bb-progress__bar";
      meter.setAttribute("role", "progressbar");
      meter.setAttribute("aria-valuemin", "0");
      var fill = document.createElement("span");
      fill.className = "bb-progress__fill";
      meter.appendChild(fill);
      var caption = document.createElement("p");
      caption.className = "bb-progress__text";
      host.appendChild(caption);
      host.appendChild(meter);
    }
    meter.setAttribute("aria-label", label);
    meter.setAttribute("aria-valuemax", String(max));
    meter.setAttribute("aria-valuenow", String(now));
    meter.setAttribute("aria-valuetext", text);
    meter.querySelector(".bb-progress__fill").style.width = (max ? Math.round((100 * now) / max) : 0) + "%";
    host.querySelector(".bb-progress__text").textContent = text;
    host.classList.add("bb-progress");
    host.hidden = false;
  }

  /** The words for a module's counts: "3 of 7 answered · 2 of 5 ticked". */
  function countText(c) {
    var parts = [];
    if (c.fields) parts.push(t("progress_text", { done: c.answered, total: c.fields }));
    if (c.items) parts.push(t("progress_ticked", { done: c.ticked, total: c.items }));
    return parts.join(" · ");
  }

  /** A status badge: a symbol for the eye plus the status in words (never colour alone). */
  function badge(status, showText) {
    var el = document.createElement("span");
    el.className = "bb-badge bb-badge--" + status.replace("_", "-");
    el.setAttribute("data-status", status.replace("_", "-"));
    var icon = document.createElement("span");
    icon.className = "bb-badge__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = { done: "✓", in_progress: "◐", not_started: "○" }[status];
    var words = document.createElement("span");
    words.className = showText ? "bb-badge__text" : "bb-visually-hidden";
    words.textContent = t("status_" + status);
    el.appendChild(icon);
    el.appendChild(words);
    return el;
  }

  /** Fill the module page's progress bar and completion toggle. */
  function modulePage(host) {
    var src = host.getAttribute("data-module-progress");
    var entry = pageEntry(src);
    /** Redraw the bar from what is saved now. */
    function draw() {
      var c = count(entry, loadProgress());
      if (c.total) bar(host, t("module_progress_label"), c.done, c.total, countText(c));
      drawToggle(src, c.status === "done");
    }
    host._bbDraw = draw;
    // Remember the module for "Continue where you left off" on the start page.
    updateProgress(function (record) {
      record.last = src;
    });
    var holder = document.querySelector('[data-module-complete="' + src.replace(/"/g, '\\"') + '"]');
    if (holder && !holder.querySelector("button")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button bb-complete";
      var tick = document.createElement("span");
      tick.className = "bb-complete__icon";
      tick.setAttribute("aria-hidden", "true");
      var words = document.createElement("span");
      words.textContent = t("mark_complete");
      button.appendChild(tick);
      button.appendChild(words);
      var state = document.createElement("p");
      state.className = "bb-complete__state";
      state.setAttribute("aria-live", "polite");
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        updateProgress(function (record) {
          if (on) record.complete[src] = new Date().toISOString();
          else delete record.complete[src];
        });
        refresh();
      });
      holder.appendChild(button);
      holder.appendChild(state);
      holder.hidden = false;
    }
    draw();
  }

  /** Show the toggle as pressed (module done) or not, in words as well as a tick. */
  function drawToggle(src, on) {
    var holder = document.querySelector('[data-module-complete="' + src.replace(/"/g, '\\"') + '"]');
    var button = holder && holder.querySelector("button");
    if (!button) return;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("md-button--primary", !on);
    button.querySelector(".bb-complete__icon").textContent = on ? "✓" : "";
    holder.querySelector(".bb-complete__state").textContent = on ? t("marked_complete") : "";
  }

  /** Find the absolute URL of each module, keyed by URL without the fragment. */
  function moduleUrls(map) {
    var base = siteBase();
    var out = {};
    map.modules.forEach(function (m) {
      out[new URL(m.url, base).href] = m;
    });
    return out;
  }

  /** Add a status badge to every navigation link that points at a module. */
  function navBadges(map, statuses) {
    var urls = moduleUrls(map);
    var here = window.location.href.split("#")[0];
    // Only the site navigation: table-of-contents links point into this page.
    var links = document.querySelectorAll(".md-nav--primary .md-nav__link");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var raw = link.getAttribute("href") || "";
      var href = "";
      if (link.tagName === "A" && raw.charAt(0) !== "#") href = link.href.split("#")[0];
      else if (link.tagName === "LABEL" && link.getAttribute("for") === "__toc") href = here;
      var module = urls[href];
      var old = link.querySelector(".bb-badge");
      if (old) old.parentNode.removeChild(old);
      if (!module) continue;
      var target = link.querySelector(".md-ellipsis") || link;
      target.appendChild(badge(statuses[module.src], false));
    }
  }

  /** Fill the overview's per-module statuses and the overall course bar. */
  function overview(map, statuses) {
    var spans = document.querySelectorAll("[data-module-status]");
    for (var i = 0; i < spans.length; i++) {
      var status = statuses[spans[i].getAttribute("data-module-status")];
      while (spans[i].firstChild) spans[i].removeChild(spans[i].firstChild);
      if (status) spans[i].appendChild(badge(status, true));
    }
    var hosts = document.querySelectorAll("[data-course-progress]");
    var done = map.modules.filter(function (m) {
      return statuses[m.src] === "done";
    }).length;
    var total = map.modules.length;
    for (var j = 0; j < hosts.length; j++) {
      bar(hosts[j], t("course_progress_label"), done, total, t("course_progress", { done: done, total: total }));
    }
  }

  /** Offer "Continue where you left off" on the start page when there is somewhere to go back to. */
  function continueButton(map) {
    var hosts = document.querySelectorAll("[data-continue]");
    if (!hosts.length) return;
    var last = loadProgress().last;
    var module = null;
    map.modules.forEach(function (m) {
      if (m.src === last) module = m;
    });
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      while (host.firstChild) host.removeChild(host.firstChild);
      host.hidden = !module;
      if (!module) continue;
      var link = document.createElement("a");
      link.className = "md-button md-button--primary bb-continue";
      link.href = new URL(module.url, siteBase()).href;
      link.textContent = t("continue");
      var where = document.createElement("span");
      where.className = "bb-continue__where";
      where.textContent = t("continue_where", { number: module.number, title: module.title });
      host.appendChild(link);
      host.appendChild(where);
      host.classList.add("bb-continue-box");
    }
  }

  /* Wiring --------------------------------------------------------------------- */

  /** Set up the current page: record the visit, then draw everything. */
  function render() {
    var host = document.querySelector("[data-module-progress]");
    if (host) modulePage(host);
    refresh();
  }

  /** Redraw everything progress shows on the current page from what is saved now. */
  function refresh() {
    var host = document.querySelector("[data-module-progress]");
    if (host && host._bbDraw) host._bbDraw();
    courseMap(function (map) {
      if (!map || !map.modules) return;
      var progress = loadProgress();
      var statuses = {};
      map.modules.forEach(function (m) {
        statuses[m.src] = count(m, progress).status;
      });
      navBadges(map, statuses);
      overview(map, statuses);
      continueButton(map);
    });
  }

  root.onPage(render);
  document.addEventListener("bb:saved", refresh);
  document.addEventListener("bb:data-changed", refresh);
  store.onChange(refresh);

  root.progress = { count: count, courseMap: courseMap, load: loadProgress, refresh: refresh };
})();
