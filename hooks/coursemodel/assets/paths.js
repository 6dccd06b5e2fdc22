/* Bounce Back paths: lesson blocks meant for the learner's own situation.
 *
 * The build turns an author's `<!-- path: internal, many-nos -->` … `<!-- end path -->`
 * into `<div class="bb-path" data-path="internal many-nos">` with a label
 * ("For: internal promotion · many no's lately"), so every variant is in the
 * page: search finds it, and without this script all of it shows, labelled.
 *
 * Here, on every page view with such blocks, the learner's About-you answer
 * (course data `paths`: which worksheet and fields, and a label per name) picks
 * the blocks to show; the others get `hidden`, so print follows what the
 * learner sees. A line at the top says whose path this is and offers "Show
 * everything" (remembered for this tab through `store.tab`). A learner who has
 * not answered yet sees every block, each labelled, and a link to the form.
 *
 * A block fits when it names the learner's situation, or `many-nos` when they
 * ticked it. Until a situation is chosen, blocks naming any situation show
 * (we cannot tell which fits). Answers are data: the name is shown with
 * textContent and a situation is used only when it is one of the known names.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var has = store.has;
  var t = root.t;
  var BLOCK = ".bb-path[data-path]";
  var MAX_NAME = 80;

  /** The course data's `paths` description, or null when the course has none. */
  function settings() {
    var course = root.courseData();
    var paths = course && course.paths;
    if (!paths || typeof paths !== "object" || !paths.names || typeof paths.names !== "object") return null;
    return paths;
  }

  /** The first storage name of field `fieldId` of worksheet `wsId` in the course data, or null. */
  function storageName(wsId, fieldId) {
    var course = root.courseData();
    if (!course || !has(course.worksheets, wsId)) return null;
    var sections = course.worksheets[wsId].sections || [];
    for (var i = 0; i < sections.length; i++) {
      var fields = sections[i].fields || [];
      for (var j = 0; j < fields.length; j++) {
        if (fields[j].id === fieldId && fields[j].names && fields[j].names.length) return fields[j].names[0];
      }
    }
    return null;
  }

  /** The learner's answer: {situation: a known name or null, flag: ticked many-nos, name: first name}. */
  function learner(paths) {
    var answers = store.read(store.keys.worksheet(paths.worksheet)).answers;
    /** The stored answer of one About-you field, or undefined. */
    function answer(fieldId) {
      var name = storageName(paths.worksheet, fieldId);
      return name !== null && has(answers, name) ? answers[name] : undefined;
    }
    var situation = answer(paths.situation);
    var name = answer(paths.name);
    return {
      situation:
        typeof situation === "string" && situation !== paths.flag && has(paths.names, situation) ? situation : null,
      flag: answer(paths.flag) === true && has(paths.names, paths.flag),
      name: typeof name === "string" ? name.replace(/\s+/g, " ").trim().slice(0, MAX_NAME) : "",
    };
  }

  /** True when a block naming `names` fits the learner `who` (who has answered something). */
  function fits(names, who, paths) {
    for (var i = 0; i < names.length; i++) {
      if (names[i] === paths.flag) {
        if (who.flag) return true;
      } else if (who.situation === null || names[i] === who.situation) {
        // With no situation chosen, a situation block might be theirs, so it shows.
        return true;
      }
    }
    return false;
  }

  /** Whether this tab asked to see every path. */
  function showingAll() {
    return store.tab.get(store.keys.showAllPaths) === "1";
  }

  /** The line at the top of the page: made once per page view, after the module's header. */
  function line() {
    var existing = document.querySelector("[data-bb-path-line]");
    // On module pages the build writes the line empty, so its space is there from the first paint.
    if (existing && !existing._bbWired) wire(existing.querySelector(".bb-path-line__toggle"));
    if (existing) {
      existing._bbWired = true;
      return existing;
    }
    var box = document.createElement("div");
    box.className = "bb-path-line";
    box.setAttribute("data-bb-path-line", "");
    var text = document.createElement("span");
    text.className = "bb-path-line__text";
    var link = document.createElement("a");
    link.className = "bb-path-line__choose";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bb-path-line__toggle md-button";
    wire(button);
    box.appendChild(text);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(link);
    box.appendChild(button);
    var inner = document.querySelector(".md-content__inner") || document.body;
    var after = inner.querySelector(".bb-module-meta") || inner.querySelector("h1");
    if (after && after.parentNode) after.parentNode.insertBefore(box, after.nextSibling);
    else inner.insertBefore(box, inner.firstChild);
    return box;
  }

  /** Make the line's button switch between the learner's path and every path. */
  function wire(button) {
    if (!button) return;
    button.addEventListener("click", function () {
      store.tab.set(store.keys.showAllPaths, showingAll() ? null : "1");
      apply();
    });
  }

  /** Fill the line: whose path this is, or that every path shows, and the one action. */
  function describe(box, who, paths, all) {
    var text = box.querySelector(".bb-path-line__text");
    var link = box.querySelector(".bb-path-line__choose");
    var button = box.querySelector(".bb-path-line__toggle");
    var chosen = [];
    if (who.situation !== null) chosen.push(paths.names[who.situation]);
    if (who.flag) chosen.push(paths.names[paths.flag]);
    var answered = chosen.length > 0;
    link.hidden = answered;
    button.hidden = !answered;
    if (!answered) {
      text.textContent = t("path_none");
      link.textContent = t("path_choose");
      link.href = root.pageHref(paths.url);
      return;
    }
    var names = chosen.join(" · ");
    if (all) text.textContent = t("path_all");
    else if (who.name) text.textContent = t("path_mine_named", { name: who.name, names: names });
    else text.textContent = t("path_mine", { names: names });
    button.textContent = all ? t("path_show_mine") : t("path_show_all");
  }

  /** Hide the table-of-contents links to headings inside hidden blocks. */
  function syncToc() {
    var links = document.querySelectorAll(".md-nav--secondary a[href^='#']");
    for (var i = 0; i < links.length; i++) {
      var id = links[i].getAttribute("href").slice(1);
      var target = null;
      try {
        target = document.getElementById(decodeURIComponent(id));
      } catch (e) {
        target = null;
      }
      var item = links[i].closest("li") || links[i];
      item.hidden = !!(target && target.closest(BLOCK + "[hidden]"));
    }
  }

  /** Show the blocks that fit the learner, hide the others, and say so at the top. */
  function apply() {
    var blocks = document.querySelectorAll(BLOCK);
    var paths = settings();
    if (!blocks.length || !paths) return;
    var who = learner(paths);
    var all = showingAll() || (who.situation === null && !who.flag);
    for (var i = 0; i < blocks.length; i++) {
      var names = blocks[i].getAttribute("data-path").split(/\s+/);
      blocks[i].hidden = !all && !fits(names, who, paths);
    }
    // A link into a hidden block (a search result, a shared link) still shows what it points at.
    var target = null;
    try {
      target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    } catch (e) {
      target = null;
    }
    var holder = target && target.closest(BLOCK);
    if (holder) holder.hidden = false;
    describe(line(), who, paths, all);
    syncToc();
    // The blocks' `hidden` now says what shows: the head script's guess (prepaint.py) steps aside.
    document.documentElement.removeAttribute("data-bb-path");
    document.documentElement.removeAttribute("data-bb-flag");
  }

  /** Re-apply when the About-you answers change here, in another tab, or by an import. */
  function watch() {
    document.addEventListener("bb:saved", function (event) {
      var paths = settings();
      if (paths && event.detail && event.detail.worksheet === paths.worksheet) apply();
    });
    document.addEventListener("bb:data-changed", apply);
    store.onChange(function (key) {
      var paths = settings();
      if (paths && key === store.keys.worksheet(paths.worksheet)) apply();
    });
  }

  watch();
  root.onPage(apply);
  root.paths = { apply: apply, fits: fits };
})();
