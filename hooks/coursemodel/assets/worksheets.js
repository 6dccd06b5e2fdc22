/* Bounce Back worksheets: save, restore, sync between tabs, message previews, Copy.
 *
 * Works on the HTML contract in ARCHITECTURE.md: every `form.bb-worksheet`
 * has controls whose `name`s are the storage names of the answers. Each
 * worksheet's answers are one record in BounceBack.store (its key and layout
 * live there). A save hands the store only the changed names, which it merges
 * into what is stored at that moment, so answers to fields that no longer
 * exist (or that another tab wrote) are never dropped. Message templates and
 * field names come from the course data (`BounceBack.courseData()`).
 *
 * Other modules add buttons to each worksheet toolbar by pushing a function
 * onto `BounceBack.toolbars` (it may run before or after this file loads):
 *   (BounceBack.toolbars = BounceBack.toolbars || []).push(function (bar, form, id) { ... });
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var has = store.has;
  var t = root.t;
  var DEBOUNCE_MS = 300;
  var TEXT_TYPES = /^(text|textarea|email|url|tel|search|number|date|password)$/;
  var PREVIEW_SELECTOR = "[data-preview], .bb-message__preview, pre, textarea";
  // A message box: its parsed template comes from the course data (messages.js fills it).
  var MESSAGE_SELECTOR = ".bb-message[data-field]";

  /* True once a page view has set up its forms: a script loaded later (messages.js after an
   * instant navigation) then draws what it adds itself, through `worksheets.late`. */
  var shown = false;

  /* Forms with changes not yet written: form -> {names: {name: true}, timer}. */
  var pending = [];

  root.toolbars = root.toolbars || [];

  /** Storage key of one worksheet. */
  function keyOf(id) {
    return store.keys.worksheet(id);
  }

  /** The stored answers of worksheet `id` (a fresh copy), for other modules; an unreadable record is set aside. */
  function answers(id) {
    return store.read(keyOf(id)).answers;
  }

  /** The course data's description of worksheet `id`, or null. */
  function worksheetOf(id) {
    var course = root.courseData();
    return course && id && has(course.worksheets, id) ? course.worksheets[id] : null;
  }

  /** The course data's description of field `fieldId` of worksheet `id`, or null. */
  function fieldOf(id, fieldId) {
    var ws = worksheetOf(id);
    if (!ws) return null;
    for (var i = 0; i < ws.sections.length; i++) {
      var fields = ws.sections[i].fields;
      for (var j = 0; j < fields.length; j++) if (fields[j].id === fieldId) return fields[j];
    }
    return null;
  }

  /* Reading and writing controls ------------------------------------------- */

  /**
   * Group the named controls of `form` by name: {byName: {name: [control, ...]}, order: [names]}.
   * The map has no prototype: a control may be called `constructor`.
   */
  function controls(form) {
    var byName = store.emptyMap();
    var order = [];
    var list = form.querySelectorAll("input[name], textarea[name], select[name]");
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (/^(button|submit|reset|file|image)$/.test(el.type)) continue;
      if (!has(byName, el.name)) {
        byName[el.name] = [];
        order.push(el.name);
      }
      byName[el.name].push(el);
    }
    return { byName: byName, order: order };
  }

  /** True when a checkbox group holds several values (multichoice), not one tick. */
  function isMulti(group) {
    if (group.length > 1) return true;
    var field = group[0].closest(".bb-field");
    return !!field && field.getAttribute("data-type") === "multichoice";
  }

  /** The value of one named group of controls, in its stored shape. */
  function readGroup(group) {
    var first = group[0];
    var i;
    if (first.type === "radio") {
      for (i = 0; i < group.length; i++) if (group[i].checked) return group[i].value;
      return "";
    }
    if (first.type === "checkbox") {
      if (!isMulti(group)) return first.checked;
      var values = [];
      for (i = 0; i < group.length; i++) if (group[i].checked) values.push(group[i].value);
      return values;
    }
    return first.value;
  }

  /** Show a stored `value` in a group of controls; shapes we do not know show as empty. */
  function writeGroup(group, value) {
    var first = group[0];
    var i;
    if (first.type === "radio") {
      for (i = 0; i < group.length; i++) group[i].checked = value !== undefined && String(value) === group[i].value;
    } else if (first.type === "checkbox") {
      if (isMulti(group)) {
        var list = Array.isArray(value) ? value : [];
        for (i = 0; i < group.length; i++) group[i].checked = list.indexOf(group[i].value) !== -1;
      } else {
        first.checked = value === true;
      }
    } else {
      var text = typeof value === "string" || typeof value === "number" ? String(value) : "";
      if (first.value !== text) first.value = text;
    }
  }

  /** True for an answer not worth keeping: empty text, no tick, no choice. */
  function isEmpty(value) {
    return value === "" || value === false || value === undefined || (Array.isArray(value) && !value.length);
  }

  /** True when `el` is a text control the learner is typing in right now. */
  function isTyping(el) {
    return el === document.activeElement && (el.tagName === "TEXTAREA" || TEXT_TYPES.test(el.type));
  }

  /* Status line -------------------------------------------------------------- */

  /** Say something quietly in the worksheet's polite status line. */
  function status(form, message, state) {
    var el = form.querySelector(".bb-status");
    if (!el) return;
    el.textContent = message;
    el.setAttribute("data-state", state || "");
  }

  /** Mark the status as waiting to save, silently (screen readers only hear "Saved"). */
  function waiting(form) {
    var el = form.querySelector(".bb-status");
    if (el) el.setAttribute("data-state", "saving");
  }

  /* Saving ------------------------------------------------------------------- */

  /** Find (or start) the pending-changes entry of `form`. */
  function pendingOf(form) {
    for (var i = 0; i < pending.length; i++) if (pending[i].form === form) return pending[i];
    var entry = { form: form, names: store.emptyMap(), timer: null };
    pending.push(entry);
    return entry;
  }

  /** Remember that `name` changed in `form` and save after a short pause (or now). */
  function changed(form, name, now) {
    var entry = pendingOf(form);
    entry.names[name] = true;
    waiting(form);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (now) save(entry);
    else
      entry.timer = setTimeout(function () {
        save(entry);
      }, DEBOUNCE_MS);
  }

  /** Hand the changed names of one form to the store, which merges them into what is stored now. */
  function save(entry) {
    var index = pending.indexOf(entry);
    if (index !== -1) pending.splice(index, 1);
    if (entry.timer) clearTimeout(entry.timer);
    var form = entry.form;
    var id = form.getAttribute("data-worksheet");
    var groups = controls(form).byName;
    var changes = store.emptyMap();
    Object.keys(entry.names).forEach(function (name) {
      if (!has(groups, name)) return;
      var value = readGroup(groups[name]);
      // An emptied answer is removed, not kept as "".
      changes[name] = isEmpty(value) ? undefined : value;
    });
    var ok = store.write(keyOf(id), { answers: changes });
    status(form, ok ? t("saved") : t("not_saved"), ok ? "saved" : "not-saved");
    document.dispatchEvent(new CustomEvent("bb:saved", { detail: { worksheet: id } }));
  }

  /** Forget every change waiting to be written: the store has newer answers than this page. */
  function dropPending() {
    pending.forEach(function (entry) {
      if (entry.timer) clearTimeout(entry.timer);
      status(entry.form, "", "");
    });
    pending = [];
  }

  /** Write every pending change at once (leaving the page, navigating away). */
  function flushAll() {
    var list = pending.slice();
    for (var i = 0; i < list.length; i++) save(list[i]);
  }

  /* Restoring ---------------------------------------------------------------- */

  /**
   * Show the stored answers in `form`. With `gentle` (a change from another
   * tab) the field the learner is typing in and names with unsaved local
   * changes are left alone.
   */
  function restore(form, gentle) {
    var stored = answers(form.getAttribute("data-worksheet"));
    var groups = controls(form);
    var entry = gentle ? pendingOf(form) : null;
    groups.order.forEach(function (name) {
      var group = groups.byName[name];
      if (gentle) {
        if (entry.names[name]) return;
        for (var i = 0; i < group.length; i++) if (isTyping(group[i])) return;
      }
      writeGroup(group, stored[name]);
    });
    if (entry && !Object.keys(entry.names).length) pending.splice(pending.indexOf(entry), 1);
  }

  /* Message previews --------------------------------------------------------- */

  /** The form of worksheet `id` on this page, if it is here. */
  function formOf(id) {
    var forms = document.querySelectorAll("form.bb-worksheet[data-worksheet]");
    for (var i = 0; i < forms.length; i++) if (forms[i].getAttribute("data-worksheet") === id) return forms[i];
    return null;
  }

  /**
   * Where a message finds its answers: live from a worksheet's form when it is on
   * this page (every keystroke shows), else from storage (read once per worksheet).
   */
  function answerSource() {
    var live = store.emptyMap();
    var saved = store.emptyMap();
    return {
      get: function (worksheet, name) {
        if (!has(live, worksheet)) {
          var form = formOf(worksheet);
          live[worksheet] = form ? controls(form).byName : null;
        }
        var groups = live[worksheet];
        if (groups && has(groups, name)) return readGroup(groups[name]);
        if (!has(saved, worksheet)) saved[worksheet] = answers(worksheet);
        return has(saved[worksheet], name) ? saved[worksheet][name] : undefined;
      },
    };
  }

  /** Fill a message box's template (the course data's parsed nodes) into pieces. */
  function fill(box) {
    var form = box.closest("form.bb-worksheet");
    var field = form && fieldOf(form.getAttribute("data-worksheet"), box.getAttribute("data-field"));
    if (!field || !field.message || !root.messages) return null;
    return root.messages.fill(field.message, answerSource());
  }

  /** The element that shows a message's preview (made if the page has none). */
  function previewOf(box) {
    var el = box.querySelector(PREVIEW_SELECTOR);
    if (!el) {
      el = document.createElement("div");
      el.className = "bb-message__preview";
      box.insertBefore(el, box.querySelector("button"));
    }
    return el;
  }

  /** Redraw one message preview from the current answers; user text via text nodes only. */
  function renderMessage(box) {
    var pieces = fill(box);
    // Without the course data the build's version stays: labelled lines, never raw marks.
    if (!pieces) return;
    var preview = previewOf(box);
    box._bbText = root.messages.text(pieces);
    box._bbBlanks = root.messages.blanks(pieces);
    if (preview.tagName === "TEXTAREA" || preview.tagName === "INPUT") {
      // A preview the learner edited is theirs now; do not overwrite it.
      if (!preview._bbEdited) preview.value = box._bbText;
      return;
    }
    root.messages.show(preview, pieces);
  }

  /** Redraw every message preview on the page. */
  function renderMessages() {
    var boxes = document.querySelectorAll(MESSAGE_SELECTOR);
    for (var i = 0; i < boxes.length; i++) renderMessage(boxes[i]);
  }

  /** Wire the Copy button of one message box. */
  function bindMessage(box) {
    if (box._bbBound) return;
    box._bbBound = true;
    var button = box.querySelector("button[data-copy], .bb-message__copy, button");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "md-button bb-message__copy";
      button.textContent = t("copy");
      box.appendChild(button);
    }
    button.type = "button";
    var preview = previewOf(box);
    if (preview.tagName === "TEXTAREA") {
      preview.addEventListener("input", function () {
        preview._bbEdited = true;
      });
    }
    var label = button.textContent;
    var timer = null;
    button.addEventListener("click", function () {
      renderMessage(box);
      var text = preview.tagName === "TEXTAREA" ? preview.value : box._bbText || preview.textContent;
      // Answers still blank (no words stand in for them): said, so the learner fills them before sending.
      var blanks = box._bbBlanks || [];
      root.copyText(text, function (ok) {
        box.setAttribute("data-copied", ok ? "true" : "false");
        button.setAttribute("data-copied", ok ? "true" : "false");
        // The confirmation is on the button itself, for the eye...
        button.textContent = ok ? t("copied_button") : label;
        if (timer) clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-copied");
        }, 4000);
        // ...and in the polite live region right beside it, for everyone.
        var said = saidOf(box, button);
        var words = !ok ? t("copy_failed") : blanks.length ? t("copied_blanks", { blanks: blanks.join(", ") }) : t("copied");
        said.textContent = "";
        setTimeout(function () {
          said.textContent = words;
        }, 50);
      });
    });
  }

  /** The polite live region next to a Copy button (made if the page has none). */
  function saidOf(box, button) {
    var said = box.querySelector(".bb-message__said");
    if (!said) {
      said = document.createElement("p");
      said.className = "bb-message__said";
      said.setAttribute("role", "status");
      said.setAttribute("aria-live", "polite");
      button.parentNode.insertBefore(said, button.nextSibling);
    }
    return said;
  }

  /* Toolbar ------------------------------------------------------------------ */

  /** Add the Clear button to a worksheet toolbar. */
  function clearButton(bar, form, id) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button bb-button bb-button--clear";
    button.setAttribute("data-action", "clear");
    button.textContent = t("clear");
    button.addEventListener("click", function () {
      if (!window.confirm(t("confirm_clear"))) return;
      var entry = pendingOf(form);
      if (entry.timer) clearTimeout(entry.timer);
      pending.splice(pending.indexOf(entry), 1);
      store.set(keyOf(id), undefined);
      restore(form, false);
      renderMessages();
      status(form, t("cleared"), "cleared");
      document.dispatchEvent(new CustomEvent("bb:data-changed", { detail: { keys: [keyOf(id)] } }));
    });
    bar.appendChild(button);
  }
  root.toolbars.unshift(clearButton);

  /** Let every registered toolbar builder fill one worksheet's toolbar, once. */
  function fillToolbar(form) {
    var bar = form.querySelector("[data-worksheet-toolbar]");
    if (!bar || bar._bbFilled) return;
    bar._bbFilled = true;
    var id = form.getAttribute("data-worksheet");
    root.toolbars.forEach(function (build) {
      try {
        build(bar, form, id);
      } catch (e) {
        /* One broken add-on must not take the worksheet down with it. */
        if (window.console) window.console.error(e);
      }
    });
  }

  /* Wiring ------------------------------------------------------------------- */

  /** Listen for changes on one form (once per form element). */
  function bind(form) {
    if (form._bbBound) return;
    form._bbBound = true;
    /** React to a change of a named control; ticks and choices save at once. */
    function onEdit(event) {
      var el = event.target;
      if (!el || !el.name || el.form !== form) return;
      var now = event.type === "change" && (el.type === "checkbox" || el.type === "radio" || el.tagName === "SELECT");
      changed(form, el.name, now);
      renderMessages();
    }
    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("input", function (event) {
      var el = event.target;
      // A one-line answer (list line, table cell) stays one line: a pasted line break becomes a space.
      if (el && el.hasAttribute && el.hasAttribute("data-line") && /[\r\n]/.test(el.value)) {
        el.value = el.value.replace(/\s*[\r\n]+\s*/g, " ");
      }
      grow(el);
    });
    // Enter in a one-line answer goes to the next answer, as it would in a paper list.
    form.addEventListener("keydown", function (event) {
      var el = event.target;
      if (event.key !== "Enter" || event.shiftKey || !el || !el.hasAttribute || !el.hasAttribute("data-line")) return;
      event.preventDefault();
      var lines = Array.prototype.slice.call(form.querySelectorAll("textarea[data-line], input[type=date]"));
      var next = lines[lines.indexOf(el) + 1];
      if (next) next.focus();
    });
    // Leaving a field writes it at once, so a quick tab-away cannot lose it.
    form.addEventListener("focusout", function () {
      for (var i = 0; i < pending.length; i++) if (pending[i].form === form) save(pending[i]);
    });
    // Enter in a text box must not submit (and reload) the page.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  }

  /** The "not kept" notice; store.js puts the Export button in it (the one way to keep answers then). */
  function unavailableNotice() {
    root.notice("unavailable", t("storage_unavailable"));
  }

  /** Set up every worksheet on the page just shown. */
  function page() {
    flushAll();
    shown = true;
    var forms = document.querySelectorAll("form.bb-worksheet[data-worksheet]");
    if (!forms.length) return;
    if (!store.isAvailable()) unavailableNotice();
    for (var i = 0; i < forms.length; i++) {
      bind(forms[i]);
      restore(forms[i], false);
      fillToolbar(forms[i]);
    }
    var boxes = document.querySelectorAll(MESSAGE_SELECTOR);
    for (var j = 0; j < boxes.length; j++) bindMessage(boxes[j]);
    renderMessages();
    growAll();
  }

  /** Show changes made elsewhere (another tab, an import, a clear) without clobbering typing. */
  function refresh(gentle) {
    var forms = document.querySelectorAll("form.bb-worksheet[data-worksheet]");
    for (var i = 0; i < forms.length; i++) restore(forms[i], gentle);
    renderMessages();
    growAll();
  }

  /* Growing answers ------------------------------------------------------------ */

  /* CSS `field-sizing: content` grows a textarea with its text (Chromium); elsewhere we set its height. */
  var SIZES_ITSELF = !!(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));

  /** Make one textarea as tall as its text (where CSS cannot), so nothing hides behind a scrollbar. */
  function grow(el) {
    if (SIZES_ITSELF || !el || el.tagName !== "TEXTAREA" || !el.closest("form.bb-worksheet")) return;
    el.style.height = "auto";
    var box = window.getComputedStyle(el);
    var borders = parseFloat(box.borderTopWidth) + parseFloat(box.borderBottomWidth);
    el.style.height = el.scrollHeight + borders + "px";
  }

  /** Size every worksheet textarea on the page to its text. */
  function growAll() {
    if (SIZES_ITSELF) return;
    var areas = document.querySelectorAll("form.bb-worksheet textarea");
    for (var i = 0; i < areas.length; i++) grow(areas[i]);
  }
  if (!SIZES_ITSELF) window.addEventListener("resize", growAll);

  root.onPage(page);
  store.onChange(function () {
    refresh(true);
  });
  document.addEventListener("bb:data-changed", function (event) {
    // After Clear everything or an Import (here or in another tab), or a page back from the
    // back/forward cache, the store is the truth: nothing this page was about to write goes out.
    if (event.detail && event.detail.reset) dropPending();
    refresh(false);
  });
  // Write pending answers before the page goes away or Material swaps it.
  window.addEventListener("pagehide", flushAll);
  window.addEventListener("popstate", flushAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushAll();
  });
  document.addEventListener(
    "click",
    function (event) {
      if (event.target && event.target.closest && event.target.closest("a[href]")) flushAll();
    },
    true
  );

  root.worksheets = {
    VERSION: store.VERSION,
    answers: answers,
    /** Where a stored worksheet record is brought up to date (the store's one migrate). */
    migrate: function (record) {
      return store.migrate(record, "worksheet");
    },
    flush: flushAll,
    refresh: refresh,
    /** Redraw the message previews when the forms are already set up (a script that arrived late calls it). */
    late: function () {
      if (shown) renderMessages();
    },
    /** The text of a parsed template (nodes) filled with the answers, live where a form is on the page. */
    fill: function (nodes) {
      return root.messages.text(root.messages.fill(nodes, answerSource()));
    },
    answerSource: answerSource,
  };
})();
