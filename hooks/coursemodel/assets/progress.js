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
      words.className = "bb-complete__words";
      words.textContent = t("mark_complete");
      button.appendChild(words);
      button.appendChild(tick);
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
      holder.appendChild(nextLink(module));
      holder.hidden = false;
      endOfModule(host, holder);
    }
    draw();
  }

  /**
   * Put the end of a module in the order a lesson ends: key takeaways, the
   * "Before you move on" checklist, Mark complete, then the way on. The build
   * writes the takeaways after the lesson and the toggle before them; we move
   * them here, once, where the page is known to be a module page.
   */
  function endOfModule(host, holder) {
    var article = host.closest("article") || document.body;
    var takeaways = article.querySelector(".bb-takeaways");
    var lists = article.querySelectorAll("form.bb-checklist");
    var list = lists.length ? lists[lists.length - 1] : null;
    if (list && takeaways && takeaways.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_PRECEDING) {
      var heading = list.previousElementSibling;
      var start = heading && /^H[2-4]$/.test(heading.tagName) ? heading : list;
      start.parentNode.insertBefore(takeaways, start);
    }
    var after = list || takeaways;
    if (after) after.parentNode.insertBefore(holder, after.nextSibling);
    var finish = article.querySelector("[data-course-finish]");
    if (finish) holder.appendChild(finish);
  }

  /** The way on to the next module (the last module's way on is the finish box and My plan). */
  function nextLink(module) {
    var course = root.courseData();
    var link = document.createElement("a");
    link.className = "md-button bb-next";
    link.hidden = true;
    var modules = course ? course.modules : [];
    for (var i = 0; i < modules.length - 1; i++) {
      if (modules[i].src !== module.src) continue;
      link.href = root.pageHref ? root.pageHref(modules[i + 1].url) : root.siteUrl(modules[i + 1].url);
      link.textContent = t("next_module", { number: modules[i + 1].number, title: modules[i + 1].title });
      link.hidden = false;
    }
    return link;
  }

  /** Show the toggle as pressed (module done) or not, in words as well as a tick. */
  function drawToggle(src, on) {
    var holder = document.querySelector('[data-module-complete="' + src.replace(/"/g, '\\"') + '"]');
    var button = holder && holder.querySelector("button");
    if (!button) return;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    // One primary action at a time: Mark complete until it is done, then the way on.
    button.classList.toggle("md-button--primary", !on);
    holder.classList.toggle("bb-module-complete--done", on);
    // The button says its state: "Completed ✓" once done (pressed again, it undoes).
    button.querySelector(".bb-complete__words").textContent = on ? t("completed") : t("mark_complete");
    button.querySelector(".bb-complete__icon").textContent = on ? " ✓" : "";
    holder.querySelector(".bb-complete__state").textContent = on ? t("marked_complete") + ". " + t("complete_undo_hint") : "";
    var next = holder.querySelector(".bb-next");
    if (next) next.classList.toggle("md-button--primary", on);
    drawFinish(holder, src, on);
  }

  /** "You did it": after the last module is marked complete, or when every module is. */
  function drawFinish(holder, src, on) {
    var finish = document.querySelector("[data-course-finish]");
    var course = root.courseData();
    if (!finish || !course || !course.modules.length) return;
    var progress = loadProgress();
    var last = course.modules[course.modules.length - 1].src === src;
    var all = course.modules.every(function (m) {
      return m.src === src ? on : Object.prototype.hasOwnProperty.call(progress.complete, m.src);
    });
    finish.hidden = !((last && on) || all);
    finish.querySelector("[data-finish-last]").hidden = all;
    finish.querySelector("[data-finish-all]").hidden = !all;
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

  /** My plan's address, written the way the build writes module addresses (`plan/` or `plan/index.html`). */
  function planUrl(course) {
    var first = course.modules.length ? course.modules[0].url : "";
    return root.siteUrl(/index\.html$/.test(first) ? "plan/index.html" : "plan/");
  }

  /** Where "Continue" leads: with every module complete, My plan; else the module the learner was last on. */
  function continueTarget(course, progress) {
    var done = function (m) {
      return Object.prototype.hasOwnProperty.call(progress.complete, m.src);
    };
    if (course.modules.length && course.modules.every(done)) {
      return { href: planUrl(course), label: t("continue_finished"), where: t("continue_finished_where") };
    }
    var module = moduleOf(course, progress.last);
    if (!module) return null;
    return {
      href: root.siteUrl(module.url),
      label: t("continue"),
      where: t("continue_where", { number: module.number, title: module.title }),
    };
  }

  /** Offer "Continue where you left off" (or, with every module complete, My plan) on the start page. */
  function continueButton(course, progress) {
    var hosts = document.querySelectorAll("[data-continue]");
    if (!hosts.length) return;
    var module = continueTarget(course, progress);
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      while (host.firstChild) host.removeChild(host.firstChild);
      host.hidden = !module;
      if (!module) continue;
      var link = document.createElement("a");
      link.className = "md-button md-button--primary bb-continue";
      link.href = module.href;
      link.textContent = module.label;
      var where = document.createElement("span");
      where.className = "bb-continue__where";
      where.textContent = module.where;
      host.appendChild(link);
      host.appendChild(where);
      host.classList.add("bb-continue-box");
    }
    // One primary action: Continue, when there is somewhere to go back to, else Start.
    // (The head script guessed from the record before the first paint; this is the answer.)
    document.documentElement.classList.toggle("bb-returning", !!module);
    var starts = document.querySelectorAll(".bb-start");
    for (var j = 0; j < starts.length; j++) starts[j].hidden = !!module;
  }

  /** Draw the start page's module cards: number, title, minutes, status and how much is answered. */
  function cards(course, progress) {
    var lists = document.querySelectorAll("[data-course-cards]");
    for (var i = 0; i < lists.length; i++) {
      var list = lists[i];
      while (list.firstChild) list.removeChild(list.firstChild);
      course.modules.forEach(function (m) {
        var c = count(m, progress);
        var item = document.createElement("li");
        item.className = "bb-card bb-card--" + c.status.replace("_", "-");
        var number = document.createElement("span");
        number.className = "bb-card__number";
        number.setAttribute("aria-hidden", "true");
        number.textContent = String(m.number);
        var body = document.createElement("div");
        body.className = "bb-card__body";
        var link = document.createElement("a");
        link.className = "bb-card__title";
        link.href = root.pageHref ? root.pageHref(m.url) : root.siteUrl(m.url);
        link.textContent = t("continue_where", { number: m.number, title: m.title });
        var meta = document.createElement("p");
        meta.className = "bb-card__meta";
        meta.appendChild(document.createTextNode(t("minutes_short", { minutes: m.minutes })));
        meta.appendChild(badge(c.status, true));
        body.appendChild(link);
        body.appendChild(meta);
        if (c.total && c.status !== "not_started") {
          var counts = document.createElement("div");
          bar(counts, t("module_progress_label") + ": " + m.title, c.done, c.total, countText(c));
          body.appendChild(counts);
        }
        item.appendChild(number);
        item.appendChild(body);
        list.appendChild(item);
      });
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
    cards(course, progress);
  }

  root.onPage(render);
  document.addEventListener("bb:saved", refresh);
  document.addEventListener("bb:data-changed", refresh);
  store.onChange(refresh);

  root.progress = { count: count, load: loadProgress, refresh: refresh };
})();
