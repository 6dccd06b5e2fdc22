/* Bounce Back checklists: ticks on Markdown task lists, saved like worksheet answers.
 *
 * The checklists hook renders each task list as `<form class="bb-checklist"
 * data-checklist="KEY">` (KEY is the page's checklist key, see
 * BounceBack.store.keys.checklist) with one checkbox per item, named by the
 * item's slug. Ticks are one record in the store, answers `{item-slug: true}`:
 * a tick is `true`, an untick removes the name, and names this page no longer
 * shows are kept. On a module page the item names come from the course data
 * (`modules[*].checklist`); on other pages from the form's own checkboxes.
 *
 * Worksheet `checklist` fields are saved by worksheets.js's generic checkbox
 * code, one storage name per item; `ticked()` below counts ticks for both.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;

  /** The ticks saved under `key` (a page's checklist key or a worksheet's key); an unreadable record is set aside. */
  function answers(key) {
    return store.read(key).answers;
  }

  /** Count the names in `names` that are ticked in `stored` answers. */
  function ticked(stored, names) {
    var count = 0;
    for (var i = 0; i < names.length; i++) if (store.has(stored, names[i]) && stored[names[i]] === true) count++;
    return count;
  }

  /** The item names of the task lists on the page at `src`, from the course data; null when it is not a module. */
  function items(src) {
    var course = root.courseData();
    if (!course) return null;
    for (var i = 0; i < course.modules.length; i++) {
      if (course.modules[i].src === src) return course.modules[i].checklist || [];
    }
    return null;
  }

  /** The item names one form shows: the course data's for a module page, else its checkboxes' names. */
  function namesOf(form) {
    var parsed = store.keys.parse(form.getAttribute("data-checklist"));
    var known = parsed && parsed.kind === "checklist" ? items(parsed.id) : null;
    if (known) return known;
    var names = [];
    var boxes = form.querySelectorAll('input[type="checkbox"][name]');
    for (var i = 0; i < boxes.length; i++) if (names.indexOf(boxes[i].name) === -1) names.push(boxes[i].name);
    return names;
  }

  /** Show the saved ticks in one checklist form. */
  function restore(form) {
    var saved = answers(form.getAttribute("data-checklist"));
    namesOf(form).forEach(function (name) {
      var boxes = form.querySelectorAll('input[type="checkbox"]');
      for (var i = 0; i < boxes.length; i++) if (boxes[i].name === name) boxes[i].checked = saved[name] === true;
    });
  }

  /** Save one checkbox's tick; the store merges it into what is stored (other names are kept). */
  function save(form, box) {
    var key = form.getAttribute("data-checklist");
    var change = store.emptyMap();
    change[box.name] = box.checked ? true : undefined;
    var ok = store.write(key, { answers: change });
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

  root.checklists = { VERSION: store.VERSION, answers: answers, ticked: ticked, items: items, refresh: refresh };
})();
