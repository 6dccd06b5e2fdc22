/* Bounce Back steps: a module page read one short step at a time.
 *
 * The build cuts a module page into steps (coursemodel/lessonsteps.py): every
 * block carries `data-step="k"`, each step opens with a bar ("Step 2 of 5",
 * "Show the whole module") and ends with a real link to the next step. The
 * head script (coursemodel/prepaint.py) has already put the learner's step on
 * <html> before the first paint (`bb-stepped` + `data-bb-step`, or `bb-whole`),
 * and steps.css shows that step only. From here on this script keeps it true:
 *
 * - Continue and Back show the other step, put the learner at its top, move
 *   focus to its heading and say "Step 3 of 5" in a polite live region;
 * - the step is kept in the progress record (`step: {module-src: number}`), and
 *   "Show the whole module" as `whole: true`, both through store.js, so the
 *   learner comes back to where they were, in either view;
 * - a link to an anchor in another step (a search result, the table of
 *   contents, a shared link) opens that step first.
 * Without scripts nothing is hidden: the whole module shows, with in-page links.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var t = root.t;
  var doc = document.documentElement;
  var page = null; /* {src, total, step, whole} of the module page on screen, or null. */

  /* Pure parts ------------------------------------------------------------------- */

  /** A stored step as a step of this page: a whole number from 1 to `total`, else 1. */
  function clampStep(value, total) {
    var n = Number(value);
    return n >= 1 && n <= total && Math.floor(n) === n ? n : 1;
  }

  /** The step that holds `el` (its own or its nearest marked ancestor's, else its first marked descendant's), or 0. */
  function stepOf(el) {
    for (var node = el; node && node.getAttribute; node = node.parentNode) {
      var mark = node.getAttribute("data-step");
      if (mark) return Number(mark) || 0;
    }
    var inner = el && el.querySelector ? el.querySelector("[data-step]") : null;
    return inner ? Number(inner.getAttribute("data-step")) || 0 : 0;
  }

  /** The element a fragment (`#where`, URI-encoded or not) names, or null. */
  function targetOf(hash) {
    if (!hash || hash.charAt(0) !== "#" || hash.length < 2) return null;
    var id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      /* A malformed escape: look it up as written. */
    }
    return document.getElementById(id);
  }

  /** Where focus goes when step `n` opens: its first heading when the step starts with one, else its bar. */
  function focusTarget(n) {
    var blocks = document.querySelectorAll('[data-step="' + n + '"]');
    var bar = null;
    for (var i = 0; i < blocks.length; i++) {
      var el = blocks[i];
      if (el.classList.contains("bb-step-bar")) {
        bar = bar || el;
        continue;
      }
      var heading = /^H[1-4]$/.test(el.tagName) ? el : el.querySelector("h1, h2, h3, h4");
      if (heading && (heading === el || el.firstElementChild === heading)) return heading;
      return bar;
    }
    return bar;
  }

  /* The page ---------------------------------------------------------------------- */

  /** Put the view on <html>, where steps.css reads it, and the switch's words on every bar. */
  function draw() {
    doc.classList.toggle("bb-whole", page.whole);
    doc.classList.toggle("bb-stepped", !page.whole);
    doc.setAttribute("data-bb-step", String(page.step));
    var switches = document.querySelectorAll("[data-bb-whole]");
    for (var i = 0; i < switches.length; i++) {
      switches[i].setAttribute("aria-pressed", page.whole ? "true" : "false");
      switches[i].textContent = page.whole ? t("step_one") : t("step_whole");
    }
  }

  /** Keep the view in the progress record (merged into what is stored now). */
  function save() {
    var steps = store.emptyMap();
    steps[page.src] = page.step;
    store.write(store.keys.progress, { step: steps, whole: page.whole });
  }

  /** Say where the learner is, for screen readers, in a live region made once per page. */
  function announce(text) {
    var live = document.querySelector("[data-bb-step-live]");
    if (!live) {
      live = document.createElement("p");
      live.className = "bb-visually-hidden";
      live.setAttribute("data-bb-step-live", "");
      live.setAttribute("aria-live", "polite");
      (document.querySelector(".md-content__inner") || document.body).appendChild(live);
    }
    live.textContent = text;
  }

  /** Show step `n`; with `move`, put the learner at its top with focus on its heading. */
  function go(n, move) {
    if (!page) return;
    page.step = clampStep(n, page.total);
    page.whole = false;
    draw();
    save();
    if (!move) return;
    var target = focusTarget(page.step);
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      var bar = document.getElementById("bb-step-" + page.step);
      window.scrollTo(0, 0);
      if (bar && bar.getBoundingClientRect().top > window.innerHeight / 2) bar.scrollIntoView();
      target.focus({ preventScroll: true });
    }
    announce(t("step_of", { number: page.step, total: page.total }));
    // A fragment left from the last step would reopen it on reload; the record says where we are.
    var here = targetOf(window.location.hash);
    if (here && stepOf(here) !== page.step && window.history.replaceState) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
  }

  /** Show the whole module, or go back to one step at a time. */
  function toggleWhole(button) {
    // Back to one step at a time: the learner lands at the top of their step, focus on it.
    if (page.whole) return go(page.step, true);
    page.whole = true;
    draw();
    save();
    announce(t("step_whole_on"));
    if (button) button.focus({ preventScroll: true });
  }

  /** Open the step that holds the element `hash` names, if it is another one; true when it did. */
  function openFor(hash) {
    var target = targetOf(hash);
    var n = target ? stepOf(target) : 0;
    if (!page || page.whole || !n || n === page.step) return false;
    go(n, false);
    return true;
  }

  /** Continue, Back, the whole-module switch, and links into another step. */
  function onClick(event) {
    if (!page || !event.target || !event.target.closest) return;
    var step = event.target.closest("a[data-go]");
    if (step) {
      event.preventDefault();
      event.stopPropagation();
      go(Number(step.getAttribute("data-go")), true);
      return;
    }
    var whole = event.target.closest("[data-bb-whole]");
    if (whole) {
      toggleWhole(whole);
      return;
    }
    var link = event.target.closest("a[href*='#']");
    if (link && link.hostname === window.location.hostname && link.pathname === window.location.pathname) {
      // Shown before the browser (or Material) scrolls to it.
      if (openFor(link.hash)) {
        var target = targetOf(link.hash);
        if (target) window.setTimeout(function () {
          target.scrollIntoView();
        }, 0);
      }
    }
  }

  /** Set up a page view: the module's steps, the stored view, or a deep link's step. */
  function init() {
    var bars = document.querySelectorAll(".bb-step-bar");
    var host = document.querySelector("[data-module-progress]");
    if (!bars.length || !host) {
      page = null;
      // After instant navigation from a module page: this page is not in steps.
      if (doc.getAttribute && doc.getAttribute("data-bb-step") !== null) {
        doc.classList.remove("bb-stepped", "bb-whole");
        doc.removeAttribute("data-bb-step");
      }
      return;
    }
    var src = host.getAttribute("data-module-progress");
    var record = store.read(store.keys.progress);
    var stored = record.step && store.has(record.step, src) ? record.step[src] : 1;
    page = { src: src, total: bars.length, step: clampStep(stored, bars.length), whole: record.whole === true };
    var target = targetOf(window.location.hash);
    var linked = target && !page.whole ? stepOf(target) : 0;
    if (linked && linked !== page.step) {
      page.step = linked;
      save();
    }
    draw();
    if (linked) target.scrollIntoView();
  }

  document.addEventListener("click", onClick, true);
  window.addEventListener("hashchange", function () {
    var target = targetOf(window.location.hash);
    if (openFor(window.location.hash) && target) target.scrollIntoView();
  });
  root.onPage(init);
  root.steps = { clampStep: clampStep, stepOf: stepOf, focusTarget: focusTarget, go: go };
})();
