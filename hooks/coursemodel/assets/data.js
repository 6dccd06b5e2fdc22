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
  /* The largest file an import reads; ARCHITECTURE.md ("Browser storage") states the
   * same number. A browser keeps about 5 million characters per site, and written
   * out as JSON one character can take up to 6 bytes (a control character in
   * set-aside text is written \u0001), so an export of a full storage always fits. */
  var MAX_BYTES = 32 * 1024 * 1024;
  /* Ids and page paths are data: any text up to the longest path a build can have
   * (4096 bytes on Linux), so a page `modules/Día 1 — ввод.md` round-trips. */
  var MAX_ID = 4096;

  /** True for a plain JSON object (not null, not an array). */
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** True for a value the store keeps under `key`: the store's own shape check, so every export imports. */
  function isRecord(value, key) {
    return store.check(key, value) !== null;
  }

  /** True for set-aside text. */
  function isText(value) {
    return typeof value === "string";
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
   * are spelled by the store (store.keys); an id is any text up to MAX_ID, and
   * a record's shape is what the store would read back (`store.check`), names
   * included: a name is data, whatever it spells. Other modules that store a new
   * kind of key add a rule here: {pattern, valid(value, key), raw?}.
   */
  var prefix = store.keys.prefix;
  var ID = "[\\s\\S]{1," + MAX_ID + "}";
  var rules = [
    { pattern: keyPattern(prefix.worksheet, ID), valid: isRecord },
    { pattern: keyPattern(prefix.checklist, ID), valid: isRecord },
    { pattern: keyPattern(store.keys.progress, ""), valid: isRecord },
    // Set-aside data is kept as the raw text it was found as, under its key and time.
    { pattern: keyPattern(prefix.corrupt, "[\\s\\S]{1," + (MAX_ID + 64) + "}"), valid: isText, raw: true },
  ];

  /** The rule for `key`, or null when the key is not one of ours. */
  function ruleFor(key) {
    for (var i = 0; i < rules.length; i++) if (rules[i].pattern.test(key)) return rules[i];
    return null;
  }

  /** True for a key that holds one of the store's records (worksheet, checklist, progress). */
  function isRecordKey(key) {
    var kind = store.keys.kind(key);
    return !!kind && kind !== "corrupt";
  }

  /** The course id, as the namespace meta names it. */
  function course() {
    return store.namespace().replace(/^bb:/, "").replace(/:$/, "");
  }

  /** Parse stored or imported text, or undefined when it is not JSON (maps without a prototype). */
  function parse(text) {
    try {
      return store.parseJSON(text);
    } catch (e) {
      return undefined;
    }
  }

  /**
   * Everything this course keeps, as the export file's object. A record of a
   * wrong shape is set aside by the store as it is read, so it goes out as
   * set-aside text, never as a value that would make the file unimportable; one
   * that storage would not let us move is set aside in the file only. Keys no
   * rule knows (another version's) stay where they are and are left out.
   */
  function collect() {
    var data = store.emptyMap();
    store.list().forEach(function (key) {
      var rule = ruleFor(key);
      if (!rule || rule.raw) return;
      if (isRecordKey(key)) {
        store.read(key);
        var text = store.raw(key);
        if (text === null) return;
        // The record as stored (it reads back as the same), else set aside in the file.
        var record = parse(text);
        if (store.check(key, record)) data[key] = record;
        else data[store.keys.corrupt(key, Date.now())] = text;
        return;
      }
      var value = store.get(key);
      if (value !== undefined && rule.valid(value, key)) data[key] = value;
    });
    // Answers storage refused are kept in the page: the file has them, on top of what is stored.
    store.unsavedKeys().forEach(function (key) {
      var record = store.check(key, store.read(key));
      if (record) data[key] = record;
    });
    // Reading may have set values aside, so list the keys again.
    store.list().forEach(function (key) {
      var rule = ruleFor(key);
      if (!rule || !rule.raw) return;
      var text = store.raw(key);
      if (text !== null && text !== undefined) data[key] = String(text);
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
      if (!rule || !rule.valid(parsed.data[keys[i]], keys[i])) return bad;
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
   * the whole file is valid and, when it would change answers already here, the
   * learner agrees. Records merge name by name: an answer in the file replaces
   * the same answer here, answers not in the file are kept (as the dialog says).
   * All or nothing: when storage refuses any write (full, blocked), every key
   * the import touched gets back what it held, and the learner is told that
   * nothing changed.
   */
  function importFile(file, options) {
    options = options || {};
    var bad = { ok: false, message: t("import_bad_file") };
    if (!file || typeof file.size !== "number") return Promise.resolve(bad);
    if (file.size > MAX_BYTES) return Promise.resolve({ ok: false, message: t("import_too_big") });
    return readText(file).then(
      function (text) {
        var parsed = parse(text);
        if (parsed === undefined) return bad;
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
        /** Write every key of the file; false at the first one storage refuses. */
        function writeAll() {
          return keys.every(function (key) {
            var value = checked.data[key];
            if (ruleFor(key).raw) return store.setRaw(key, value);
            // A record merges into the stored one; one the store cannot read is set aside first.
            return isRecordKey(key) ? store.merge(key, value) : store.set(key, value);
          });
        }
        if (!store.isAvailable()) {
          // Nothing can be kept: show the answers for this page view, and say so.
          writeAll();
          announce(keys);
          return { ok: false, message: t("storage_unavailable") };
        }
        var result = store.atomic(keys, writeAll);
        if (result.ok) {
          // Every other tab, and this one, now show the imported answers, even in a field being edited.
          store.markReset();
          announce(keys);
          return { ok: true, message: t("import_done") };
        }
        if (!result.restored) announce(keys);
        return { ok: false, message: t(result.restored ? "import_failed" : "storage_unavailable") };
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
    // Said before (no other tab puts back what it wrote a moment ago) and after (they redraw from storage).
    store.markReset();
    var keys = store.list();
    keys.forEach(function (key) {
      store.set(key, undefined);
    });
    store.markReset();
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
    MAX_BYTES: MAX_BYTES,
    rules: rules,
    collect: collect,
    validate: validate,
    exportAll: exportAll,
    importFile: importFile,
    clearAll: clearAll,
  };
})();
