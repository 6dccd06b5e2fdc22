/* Bounce Back progress: how far the learner is, computed in the browser only.
 *
 * A module's "units" are the fields of the worksheets it places (answered when
 * any of the field's storage names holds a non-empty answer; message fields
 * store nothing and do not count) and its checklist items (ticked).
 * Status: "done" when the learner marked the module complete, "in progress"
 * when at least one unit is done, else "not started". Completion and the last
 * module visited are one record in the store:
 * {"v": 1, "complete": {module-src: ISO}, "last": module-src}.
 *
 * What each module counts comes from the course data the build ships at the
 * top of the bundle (`BounceBack.courseData()`): no request, so it also works
 * from file:// in the offline bundle, and nothing is read from the page.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var t = root.t;

  /* Data ----------------------------------------------------------------------- */

  /** The stored progress record (completion and last module); an unreadable one is set aside. */
  function loadProgress() {
    return store.read(store.keys.progress);
  }

  /** Merge `patch` into the progress record as it is stored now, and say so. */
  function updateProgress(patch) {
    var ok = store.write(store.keys.progress, patch);
    // The SCORM launcher (and anything else listening) hears about it at once.
    document.dispatchEvent(new CustomEvent("bb:progress", { detail: { saved: ok } }));
    return ok;
  }

  /** True for a saved value that holds something the learner wrote or chose. */
  function filled(value) {
    if (typeof value === "string") return value.trim() !== "";
    if (Array.isArray(value)) return value.length > 0;
    return value === true || typeof value === "number";
  }

  /** True when any of a field's storage names holds an answer. */
  function answered(stored, field) {
    for (var i = 0; i < field.names.length; i++) if (filled(stored[field.names[i]])) return true;
    return false;
  }

  /** The course data's module at `src`, or null. */
  function moduleOf(course, src) {
    for (var i = 0; course && i < course.modules.length; i++) if (course.modules[i].src === src) return course.modules[i];
    return null;
  }

  /** Count a module's units: {fields, answered, items, ticked, total, done, status}. */
  function count(module, progress) {
    var course = root.courseData();
    var out = { fields: 0, answered: 0, items: 0, ticked: 0 };
    (module.worksheets || []).forEach(function (id) {
      var ws = course && store.has(course.worksheets, id) ? course.worksheets[id] : null;
      if (!ws) return;
      var stored = store.read(store.keys.worksheet(id)).answers;
      ws.sections.forEach(function (section) {
        section.fields.forEach(function (field) {
          if (!field.names || !field.names.length) return;
          out.fields++;
          if (answered(stored, field)) out.answered++;
        });
      });
    });
    var items = module.checklist || [];
    if (items.length) {
      out.items = items.length;
      // checklists.js comes before this file in the bundle.
      out.ticked = root.checklists.ticked(store.read(store.keys.checklist(module.src)).answers, items);
    }
    out.total = out.fields + out.items;
    out.done = out.answered + out.ticked;
    // The record's names are data (a stored `hasOwnProperty` is just a name): never call the map's methods.
    if (store.has(progress.complete, module.src)) out.status = "done";
    else out.status = out.done > 0 ? "in_progress" : "not_started";
    return out;
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
    // A module the course data does not list (a hidden one) counts nothing but can still be completed.
    var module = moduleOf(root.courseData(), src) || { src: src, worksheets: [], checklist: [] };
    /** Redraw the bar from what is saved now. */
    function draw() {
      var c = count(module, loadProgress());
      if (c.total) bar(host, t("module_progress_label"), c.done, c.total, countText(c));
      drawToggle(src, c.status === "done");
    }
    host._bbDraw = draw;
    // Remember the module for "Continue where you left off" on the start page.
    updateProgress({ last: src });
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
        var change = store.emptyMap();
        change[src] = on ? new Date().toISOString() : undefined;
        updateProgress({ complete: change });
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
  function moduleUrls(course) {
    var out = store.emptyMap();
    course.modules.forEach(function (m) {
      out[root.siteUrl(m.url)] = m;
    });
    return out;
  }

  /** Add a status badge to every navigation link that points at a module. */
  function navBadges(course, statuses) {
    var urls = moduleUrls(course);
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
  function overview(course, statuses) {
    var spans = document.querySelectorAll("[data-module-status]");
    for (var i = 0; i < spans.length; i++) {
      var status = statuses[spans[i].getAttribute("data-module-status")];
      while (spans[i].firstChild) spans[i].removeChild(spans[i].firstChild);
      if (status) spans[i].appendChild(badge(status, true));
    }
    var hosts = document.querySelectorAll("[data-course-progress]");
    var done = course.modules.filter(function (m) {
      return statuses[m.src] === "done";
    }).length;
    var total = course.modules.length;
    for (var j = 0; j < hosts.length; j++) {
      bar(hosts[j], t("course_progress_label"), done, total, t("course_progress", { done: done, total: total }));
    }
  }

  /** Offer "Continue where you left off" on the start page when there is somewhere to go back to. */
  function continueButton(course, progress) {
    var hosts = document.querySelectorAll("[data-continue]");
    if (!hosts.length) return;
    var module = moduleOf(course, progress.last);
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      while (host.firstChild) host.removeChild(host.firstChild);
      host.hidden = !module;
      if (!module) continue;
      var link = document.createElement("a");
      link.className = "md-button md-button--primary bb-continue";
      link.href = root.siteUrl(module.url);
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
    var course = root.courseData();
    if (!course) return;
    var progress = loadProgress();
    var statuses = store.emptyMap();
    course.modules.forEach(function (m) {
      statuses[m.src] = count(m, progress).status;
    });
    navBadges(course, statuses);
    overview(course, statuses);
    continueButton(course, progress);
  }

  root.onPage(render);
  document.addEventListener("bb:saved", refresh);
  document.addEventListener("bb:data-changed", refresh);
  store.onChange(refresh);

  root.progress = { count: count, load: loadProgress, refresh: refresh };
})();
