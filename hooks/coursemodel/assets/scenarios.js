/* Bounce Back scenarios: practice with feedback.
 *
 * A scenario field (`.bb-field[data-type="scenario"]`, see "Rendered HTML" in
 * ARCHITECTURE.md) is a group of radios that worksheets.js saves and restores
 * like any choice. This file only shows feedback: the coach's comment on the
 * chosen option appears under the choices, in the field's polite live region,
 * and that option is marked in the list of every comment (which stays in its
 * <details>, for the learner to open). Without this script the list is all
 * there is, and it reads the same.
 *
 * The comment shown is a copy of the one the build rendered for that option
 * (`li[data-option=<stored value>]`): author text, already sanitised, copied
 * node by node, never through innerHTML.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var FIELD = '.bb-field[data-type="scenario"]';
  // The words live in hooks/strings/*.json only; store.js (earlier in the bundle) looks them up.
  var t = root.t;

  /** The chosen option's value in one scenario field, or "". */
  function chosen(field) {
    var radio = field.querySelector('input[type="radio"]:checked');
    return radio ? radio.value : "";
  }

  /**
   * Show the comment on the chosen option (or nothing). `quiet`: the answer was
   * restored, not chosen now, so the live region is muted before it fills and
   * stays muted (a page that opens should not start talking); it speaks again
   * only once the learner is at its choices (`listen`).
   */
  function show(field, quiet) {
    var value = chosen(field);
    var said = field.querySelector("[data-scenario-said]");
    var items = field.querySelectorAll(".bb-scenario__list li[data-option]");
    var comment = null;
    for (var i = 0; i < items.length; i++) {
      var mine = items[i].getAttribute("data-option") === value;
      items[i].classList.toggle("bb-scenario__item--chosen", mine);
      var tag = items[i].querySelector(".bb-scenario__yours");
      if (tag) tag.hidden = !mine;
      if (mine) comment = items[i].querySelector(".bb-scenario__comment");
    }
    if (!said) return;
    if (field._bbShown === value && said.firstChild) return;
    if (!comment && !said.firstChild) return; // empty and staying empty: nothing to mute or say
    if (quiet) said.setAttribute("aria-live", "off");
    else if (listen(field)) {
      // A choice without focus first (a script, an assistive tool): the region is on now and
      // fills in the next task, so the change lands in a region screen readers already watch.
      window.setTimeout(function () {
        show(field, false);
      }, 0);
      return;
    }
    field._bbShown = value;
    while (said.firstChild) said.removeChild(said.firstChild);
    if (comment) {
      var title = document.createElement("p");
      title.className = "bb-scenario__said-title";
      title.textContent = t("scenario_said");
      said.appendChild(title);
      said.appendChild(comment.cloneNode(true));
    }
  }

  /**
   * Let a scenario's region speak: the learner is at its choices (focus comes before the
   * choice, so the region is live before its text changes). Returns whether it was muted.
   */
  function listen(field) {
    var said = field.querySelector("[data-scenario-said]");
    if (!said || said.getAttribute("aria-live") === "polite") return false;
    said.setAttribute("aria-live", "polite");
    return true;
  }

  /** The scenario field an event's target belongs to, if it is one of its radios. */
  function fieldOf(el) {
    return el && el.closest && el.type === "radio" ? el.closest(FIELD) : null;
  }

  /** Show every scenario on the page as its stored answer left it. */
  function showAll(quiet) {
    var fields = document.querySelectorAll(FIELD);
    for (var i = 0; i < fields.length; i++) show(fields[i], quiet);
  }

  // A choice made now is announced; worksheets.js saves it through its own listener.
  document.addEventListener("focusin", function (event) {
    var field = fieldOf(event.target);
    if (field) listen(field);
  });
  document.addEventListener("change", function (event) {
    var field = fieldOf(event.target);
    if (field) show(field, false);
  });

  // worksheets.js restores answers on each page view, after an import or a clear, and when
  // another tab saves; it registered first, so these run once the radios show the answer.
  if (root.onPage) {
    root.onPage(function () {
      showAll(true);
    });
  }
  document.addEventListener("bb:data-changed", function () {
    showAll(true);
  });
  if (root.store && root.store.onChange) {
    root.store.onChange(function () {
      showAll(true);
    });
  }

  root.scenarios = { refresh: showAll };
})();
