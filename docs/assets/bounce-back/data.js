/* Bounce Back: the learner's data in the learner's hands. Export, Import, Clear everything.
 *
 * `BounceBack.data.exportAll()` downloads every answer of this course as one
 * JSON file (set-aside corrupt data included, raw). `importFile(file)` checks
 * a file thoroughly before it changes anything: nothing from a file is ever
 * executed or put into the page as HTML. `clearAll()` removes everything.
 * The privacy page (and My plan) show these as buttons wherever an element
 * `[data-bb-data-controls]` appears. After an import or a clear, the event
 * `bb:data-changed` is dispatched on `document` so widgets can redraw.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var t = root.t;
  var FORMAT = "bounce-back-answers";
  var VERSION = 1;
  /* Bounds for hostile files, set above anything a browser's storage can hold
   * (about 5 million characters per site), so every export can be imported. */
  var MAX_BYTES = 32 * 1024 * 1024;
  var MAX_TEXT = 10 * 1000 * 1000;
  var NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

  /** True for a plain JSON object (not null, not an array). */
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** True for a string no longer than the limit. */
  function isText(value) {
    return typeof value === "string" && value.length <= MAX_TEXT;
  }

  /** True for one answer value: text, a tick, or a list of option slugs. */
  function isAnswer(value) {
    if (isText(value) || typeof value === "boolean") return true;
    if (typeof value === "number") return isFinite(value);
    return (
      Array.isArray(value) &&
      value.length <= 200 &&
      value.every(function (item) {
        return isText(item);
      })
    );
  }

  /** True for a {"v": 1, "answers": {...}, "updated": ISO} record (worksheets, checklists). */
  function isRecord(value) {
    if (!isObject(value) || typeof value.v !== "number" || !isObject(value.answers)) return false;
    if (value.updated !== undefined && value.updated !== null && !isText(value.updated)) return false;
    return Object.keys(value.answers).every(function (name) {
      return NAME.test(name) && name.length <= 200 && isAnswer(value.answers[name]);
    });
  }

  /** True for the course progress record. */
  function isProgress(value) {
    if (!isObject(value) || typeof value.v !== "number") return false;
    if (value.complete !== undefined && !isObject(value.complete)) return false;
    if (value.last !== undefined && value.last !== null && !isText(value.last)) return false;
    return Object.keys(value.complete || {}).every(function (url) {
      return isText(value.complete[url]);
    });
  }

  /** Escape `text` for use inside a regular expression. */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
  }

  /** A pattern for keys made of the store's `prefix` and an id matching the `id` pattern source. */
  function keyPattern(prefix, id) {
    return new RegExp("^" + escapeRegExp(prefix) + id + "$");
  }

  /**
   * The keys a file may carry and the shape of each value. The keys themselves
   * are spelled by the store (store.keys); the id limits here are the import's
   * own bounds. Other modules that store a new kind of key add a rule here:
   * {pattern, valid(value), raw?}.
   */
  var prefix = store.keys.prefix;
  var rules = [
    { pattern: keyPattern(prefix.worksheet, "[a-z0-9-]{1,100}"), valid: isRecord },
    { pattern: keyPattern(prefix.checklist, "[A-Za-z0-9._~\\/%-]{0,300}"), valid: isRecord },
    { pattern: keyPattern(store.keys.progress, ""), valid: isProgress },
    // Set-aside data is kept as the raw text it was found as.
    { pattern: keyPattern(prefix.corrupt, "[A-Za-z0-9._~\\/%:-]{1,400}"), valid: isText, raw: true },
  ];

  /** The rule for `key`, or null when the key is not one of ours. */
  function ruleFor(key) {
    for (var i = 0; i < rules.length; i++) if (rules[i].pattern.test(key)) return rules[i];
    return null;
  }

  /** The course id, as the namespace meta names it. */
  function course() {
    return store.namespace().replace(/^bb:/, "").replace(/:$/, "");
  }

  /** Everything this course keeps, as the export file's object. */
  function collect() {
    var data = {};
    // Reading may set a damaged value aside, so list the keys again afterwards.
    store.list().forEach(function (key) {
      if (store.keys.kind(key) === "corrupt") return;
      var value = store.get(key);
      if (value !== undefined) data[key] = value;
    });
    store.list().forEach(function (key) {
      if (store.keys.kind(key) !== "corrupt") return;
      var text = store.raw(key);
      if (text !== null && text !== undefined) data[key] = typeof text === "string" ? text : JSON.stringify(text);
    });
    return { format: FORMAT, version: VERSION, course: course(), exported: new Date().toISOString(), data: data };
  }

  /** Download every answer as `<course>-answers-<date>.json`; returns the file name. */
  function exportAll() {
    if (root.worksheets) root.worksheets.flush();
    var text = JSON.stringify(collect(), null, 2);
    var name = course() + "-answers-" + root.today() + ".json";
    root.download(name, "application/json", text);
    return name;
  }

  /**
   * Check a parsed file; return {ok: true, data} or {ok: false, message}.
   * Every key and value is checked before anything is written.
   */
  function validate(parsed) {
    var bad = { ok: false, message: t("import_bad_file") };
    if (!isObject(parsed) || parsed.format !== FORMAT || parsed.version !== VERSION) return bad;
    if (typeof parsed.course !== "string") return bad;
    if (parsed.course !== course()) return { ok: false, message: t("import_other_course") };
    if (!isObject(parsed.data)) return bad;
    var keys = Object.keys(parsed.data);
    for (var i = 0; i < keys.length; i++) {
      var rule = ruleFor(keys[i]);
      if (!rule || !rule.valid(parsed.data[keys[i]])) return bad;
    }
    return { ok: true, data: parsed.data };
  }

  /** Read a File as text; resolves with the text. */
  function readText(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(String(reader.result));
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsText(file);
    });
  }

  /** Tell every widget on the page that stored data changed under it. */
  function announce(keys) {
    document.dispatchEvent(new CustomEvent("bb:data-changed", { detail: { keys: keys } }));
  }

  /**
   * Import an answers file. Resolves with {ok, message}. Nothing changes unless
   * the whole file is valid and, when it would replace answers, the learner agrees.
   * Answers not in the file are kept.
   */
  function importFile(file, options) {
    options = options || {};
    var bad = { ok: false, message: t("import_bad_file") };
    if (!file || typeof file.size !== "number") return Promise.resolve(bad);
    if (file.size > MAX_BYTES) return Promise.resolve({ ok: false, message: t("import_too_big") });
    return readText(file).then(
      function (text) {
        var parsed;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          return bad;
        }
        var checked = validate(parsed);
        if (!checked.ok) return checked;
        var keys = Object.keys(checked.data);
        var existing = store.list();
        var replaces = keys.some(function (key) {
          return existing.indexOf(key) !== -1;
        });
        if (replaces && options.confirm !== false && !window.confirm(t("confirm_import"))) {
          return { ok: false, cancelled: true, message: "" };
        }
        if (root.worksheets) root.worksheets.flush();
        var ok = keys.every(function (key) {
          var value = checked.data[key];
          if (ruleFor(key).raw) return store.setRaw(key, value);
          // A record the store cannot read is set aside, not overwritten, before the file's one goes in.
          var kind = store.keys.kind(key);
          return kind && kind !== "corrupt" ? store.replace(key, value) : store.set(key, value);
        });
        announce(keys);
        return { ok: ok, message: ok ? t("import_done") : t("storage_unavailable") };
      },
      function () {
        return bad;
      }
    );
  }

  /** Remove every answer of this course (after a confirmation unless {confirm: false}). */
  function clearAll(options) {
    options = options || {};
    if (options.confirm !== false && !window.confirm(t("confirm_clear_all"))) return false;
    if (root.worksheets) root.worksheets.flush();
    var keys = store.list();
    keys.forEach(function (key) {
      store.set(key, undefined);
    });
    announce(keys);
    return true;
  }

  /** Make a worded button. */
  function button(label, action) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "md-button bb-button";
    el.setAttribute("data-action", action);
    el.textContent = label;
    return el;
  }

  /** Draw Export / Import / Clear everything into one `[data-bb-data-controls]` element. */
  function controls(host) {
    if (host._bbFilled) return;
    host._bbFilled = true;
    host.classList.add("bb-data-controls");
    var line = document.createElement("div");
    line.className = "bb-data-controls__bar";
    // Print belongs to worksheets and My plan, not to this row of data buttons.
    line.setAttribute("data-no-print", "");
    var out = document.createElement("p");
    out.className = "bb-status";
    out.setAttribute("role", "status");
    var exportButton = button(t("export"), "export");
    var importButton = button(t("import"), "import");
    var clearButton = button(t("clear_all"), "clear-all");
    clearButton.classList.add("bb-button--clear");
    var input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.className = "bb-visually-hidden";
    input.tabIndex = -1;
    input.setAttribute("aria-hidden", "true");
    input.setAttribute("data-action", "import-file");

    exportButton.addEventListener("click", function () {
      out.textContent = t("exported", { file: exportAll() });
    });
    importButton.addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      importFile(file).then(function (result) {
        out.textContent = result.message;
        out.setAttribute("data-result", result.ok ? "ok" : "error");
      });
    });
    clearButton.addEventListener("click", function () {
      if (clearAll()) out.textContent = t("cleared");
    });
    line.appendChild(exportButton);
    line.appendChild(importButton);
    line.appendChild(clearButton);
    host.appendChild(line);
    host.appendChild(input);
    host.appendChild(out);
  }

  root.onPage(function () {
    var hosts = document.querySelectorAll("[data-bb-data-controls]");
    for (var i = 0; i < hosts.length; i++) controls(hosts[i]);
  });

  root.data = {
    FORMAT: FORMAT,
    VERSION: VERSION,
    rules: rules,
    collect: collect,
    validate: validate,
    exportAll: exportAll,
    importFile: importFile,
    clearAll: clearAll,
  };
})();
