/* Bounce Back checklists: ticks on Markdown task lists, saved like worksheet answers.
 *
 * The checklists hook renders each task list as
 * `<form class="bb-checklist" data-checklist="cl:<page src>">` with one checkbox
 * per item, named by the item's slug. Ticks are stored under that key as
 * {"v": 1, "answers": {item-slug: true}, "updated": ISO}: a tick is `true`, an
 * untick removes the name, and names this page no longer shows are kept.
 *
 * Worksheet `checklist` fields use the same scheme inside `ws:<id>` (checkbox
 * `<field>.<item-slug>` → true), saved by worksheets.js's generic checkbox
 * code; `ticked()` below is the one place that counts ticks for both.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var VERSION = 1;

  /** Read a checklist record; anything we cannot understand counts as no ticks. */
  function load(key) {
    var stored = store.get(key);
    if (stored && stored.v === VERSION && stored.answers && typeof stored.answers === "object") return stored;
    return { v: VERSION, answers: {}, updated: null };
  }

  /** The ticks saved under `key` (a checklist `cl:…` or a worksheet `ws:…`). */
  function answers(key) {
    return load(key).answers;
  }

  /**
   * Count the items of `names` that are ticked in `stored` answers. With a
   * `prefix` (a worksheet checklist field, "todo.") names are looked up as
   * prefix + name; without one every `true` answer whose name starts with the
   * prefix counts.
   */
  function ticked(stored, names, prefix) {
    var count = 0;
    prefix = prefix || "";
    if (names) {
      for (var i = 0; i < names.length; i++) if (stored[prefix + names[i]] === true) count++;
      return count;
    }
    for (var name in stored) {
      if (stored.hasOwnProperty(name) && name.indexOf(prefix) === 0 && stored[name] === true) count++;
    }
    return count;
  }

  /** Show the saved ticks in one checklist form. */
  function restore(form) {
    var saved = answers(form.getAttribute("data-checklist"));
    var boxes = form.querySelectorAll('input[type="checkbox"][name]');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = saved[boxes[i].name] === true;
  }

  /** Save one checkbox's tick, merged into what is stored (other names are kept). */
  function save(form, box) {
    var key = form.getAttribute("data-checklist");
    var record = load(key);
    if (box.checked) record.answers[box.name] = true;
    else delete record.answers[box.name];
    record.v = VERSION;
    record.updated = new Date().toISOString();
    var ok = store.set(key, Object.keys(record.answers).length ? record : undefined);
    var status = form.querySelector(".bb-checklist__status");
    if (status) status.textContent = ok ? root.t("saved") : "";
    document.dispatchEvent(new CustomEvent("bb:saved", { detail: { checklist: key } }));
  }

  /** Listen for ticks on one form (once per form element). */
  function bind(form) {
    if (form._bbBound) return;
    form._bbBound = true;
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box && box.type === "checkbox" && box.name) save(form, box);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  }

  /** Set up every checklist on the page just shown. */
  function page() {
    var forms = document.querySelectorAll("form.bb-checklist[data-checklist]");
    for (var i = 0; i < forms.length; i++) {
      bind(forms[i]);
      restore(forms[i]);
    }
  }

  /** Show ticks changed elsewhere (another tab, an import, a clear). */
  function refresh() {
    var forms = document.querySelectorAll("form.bb-checklist[data-checklist]");
    for (var i = 0; i < forms.length; i++) restore(forms[i]);
  }

  root.onPage(page);
  store.onChange(refresh);
  document.addEventListener("bb:data-changed", refresh);

  root.checklists = { VERSION: VERSION, answers: answers, ticked: ticked, refresh: refresh };
})();
