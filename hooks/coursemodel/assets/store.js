/* Bounce Back: the one place that touches browser storage.
 *
 * Every widget reads and writes through BounceBack.store so that keys are
 * namespaced by course, values are JSON, failures never break the page and the
 * learner is told, once and visibly, when nothing can be kept.
 *
 * This file is also the only one that spells the storage keys
 * (`store.keys.worksheet(id)`, `.checklist(src)`, `.progress`) and the record
 * layouts. Every record, of every kind, goes through `store.read(key)` and
 * `store.write(key, patch)`: one `migrate` for old layouts, one set-aside for
 * anything else, so a record of an unknown version or shape is moved to
 * `corrupt:<key>:<time>` before anything new is written, never overwritten.
 * Stored maps (answers, completed modules) are read as objects with no
 * prototype, so a name such as `constructor` or `__proto__` is only ever data.
 *
 * It also holds the few helpers every script shares: the page's strings
 * (`BounceBack.t`), the course data the build ships (`BounceBack.courseData()`),
 * site URLs (`BounceBack.siteUrl`, `BounceBack.pageHref`) and `BounceBack.onPage`.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var VERSION = 1;
  var available = null;
  var listeners = [];

  /**
   * True when `map` has its own member `name`. Stored names are the learner's
   * data (a field could be called `constructor`), so no map's own methods are
   * trusted: `map.hasOwnProperty(name)` would break on a name `hasOwnProperty`.
   */
  function has(map, name) {
    return map !== null && map !== undefined && Object.prototype.hasOwnProperty.call(map, name);
  }

  /** An empty map with no prototype: `map["constructor"]` is undefined until someone stores it. */
  function emptyMap() {
    return Object.create(null);
  }

  /**
   * Parse JSON so that every object is a map with no prototype: names such as
   * `__proto__`, `constructor` or `toString` are plain data, never inherited
   * members and never a prototype change. Throws like JSON.parse.
   */
  function parseJSON(text) {
    return JSON.parse(text, function (name, value) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
      var map = emptyMap();
      var names = Object.keys(value);
      // Assigning into a map without a prototype makes even `__proto__` an own member.
      for (var i = 0; i < names.length; i++) map[names[i]] = value[names[i]];
      return map;
    });
  }

  /** Return the course namespace from <meta name="bb-namespace">. */
  function namespace() {
    var meta = document.querySelector('meta[name="bb-namespace"]');
    return "bb:" + ((meta && meta.content) || "bounce-back") + ":";
  }

  /* Whose storage (an LMS launch) -------------------------------------------- */

  /* In an LMS package the answers belong to the LMS learner, not to the browser:
   * two learners on one shared browser profile must never see each other's
   * work. The launcher (scorm.js) calls `store.useLearner(id)` before it shows
   * the course; the pages in its frame ask their parent (same origin) for that
   * learner. Keys then live under `bb:<course>@lms-<id>:` (the id URI-encoded,
   * so no `:` in it); `namespace()` still names only the course, which is what
   * exports and imports compare. Everywhere else there is no learner. */
  var learner = null;

  /** Keep this page's storage for the LMS learner `id` (null: no learner). */
  function useLearner(id) {
    learner = id === null || id === undefined ? null : String(id);
    available = null;
  }

  /** The LMS learner this page stores for: its own, else its launcher's, else null. */
  function learnerId() {
    if (learner !== null) return learner;
    try {
      var up = window.parent !== window && window.parent.BounceBack && window.parent.BounceBack.store;
      var id = up && up.learner ? up.learner() : null;
      return typeof id === "string" ? id : null;
    } catch (e) {
      return null; /* A parent on another origin (the LMS): no learner from there. */
    }
  }

  /** The prefix of every storage key this page reads and writes. */
  function prefix() {
    var id = learnerId();
    var ns = namespace();
    return id === null ? ns : ns.slice(0, -1) + "@lms-" + encodeURIComponent(id) + ":";
  }

  /** Return the widget strings for the page language, from the JSON block. */
  function strings() {
    if (!root._strings) {
      var el = document.getElementById("bb-strings");
      try {
        root._strings = el ? JSON.parse(el.textContent) : {};
      } catch (e) {
        root._strings = {};
      }
    }
    return root._strings;
  }

  /** Look up one UI string, filling {name} slots from `values`. */
  function t(name, values) {
    var text = strings()[name] || name;
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return values && key in values ? String(values[key]) : all;
    });
  }

  /** Return true when localStorage can be written and read back. */
  function isAvailable() {
    if (available === null) {
      try {
        var probe = prefix() + "__probe__";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        available = true;
      } catch (e) {
        available = false;
      }
    }
    return available;
  }

  /** Show the "answers will not be kept" notice at the top of the content. */
  function notice(kind, message) {
    var content = document.querySelector(".md-content__inner") || document.body;
    var id = "bb-notice-" + kind;
    if (document.getElementById(id)) return;
    if (kind === "unavailable") return unsavedNotice(content, id, message);
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--" + kind + " admonition warning";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    content.insertBefore(box, content.firstChild);
  }

  /**
   * The notice that storage refused a write, with the Export button right in it:
   * the one way, then, to keep what the learner typed (the answers not written
   * are kept in this page and go into the file; see "Unsaved answers" below).
   */
  function unsavedNotice(content, id, message) {
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--unavailable admonition warning";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary bb-button";
    button.setAttribute("data-action", "export");
    button.textContent = t("export");
    button.addEventListener("click", exportAll);
    box.appendChild(button);
    content.insertBefore(box, content.firstChild);
    // data.js is loaded only where a page uses it: fetch it now, so Export works at once.
    if (!root.data && root.need) root.need("data");
  }

  /** Download every answer (data.js), loading that script first where the page has not got it. */
  function exportAll() {
    if (root.data && root.data.exportAll) return root.data.exportAll();
    if (root.need)
      root.need("data", function () {
        if (root.data && root.data.exportAll) root.data.exportAll();
      });
  }

  /* Keys ------------------------------------------------------------------------ */

  /* The only place in JavaScript that spells a storage key. ARCHITECTURE.md
   * ("Browser storage") and hooks/coursemodel/keys.py are the same contract. */
  var PREFIX = { worksheet: "ws:", checklist: "cl:", corrupt: "corrupt:" };
  var PROGRESS = "progress";

  /** Split a key into {kind, id}: kind is worksheet, checklist, progress or corrupt; null for a key that is not ours. */
  function parseKey(key) {
    if (typeof key !== "string") return null;
    if (key === PROGRESS) return { kind: "progress", id: "" };
    for (var kind in PREFIX) {
      if (has(PREFIX, kind) && key.indexOf(PREFIX[kind]) === 0) {
        return { kind: kind, id: key.slice(PREFIX[kind].length) };
      }
    }
    return null;
  }

  /** The kind of a key (worksheet, checklist, progress, corrupt) or null. */
  function kindOf(key) {
    var parsed = parseKey(key);
    return parsed ? parsed.kind : null;
  }

  var keyHelpers = {
    /** The key of one worksheet's record. */
    worksheet: function (id) {
      return PREFIX.worksheet + id;
    },
    /** The key of the Markdown task lists of the page at `src` (modules/01-example.md). */
    checklist: function (src) {
      return PREFIX.checklist + src;
    },
    progress: PROGRESS,
    /* Per-tab view setting (sessionStorage, see `tab` below): "1" while every path is shown. */
    showAllPaths: "view:paths-all",
    /* The LMS's copy (SCORM suspend_data) is no record here; an unreadable one is set aside under this name. */
    lms: "lms",
    /* Written and removed at once by Clear everything and Import: other tabs then take the
     * store, not their fields, as the truth. Holds no answer and is never left in storage. */
    reset: "reset",
    /** The key an unreadable value of `key` is set aside under, found at `time` (ms). */
    corrupt: function (key, time) {
      return PREFIX.corrupt + key + ":" + time;
    },
    prefix: PREFIX,
    parse: parseKey,
    kind: kindOf,
  };

  /* Raw values ---------------------------------------------------------------- */

  /* When storage is off, values live here (as JSON text) for this page view only. */
  var memory = emptyMap();

  /** Read the text stored under `key`, or null; never throws. */
  function raw(key) {
    if (!isAvailable()) return has(memory, key) ? memory[key] : null;
    try {
      return window.localStorage.getItem(prefix() + key);
    } catch (e) {
      return null;
    }
  }

  /** Write text under `key` (null removes it); false, with the notice, when it cannot be kept. */
  function setRaw(key, text) {
    if (!isAvailable()) {
      if (text === null || text === undefined) delete memory[key];
      else memory[key] = String(text);
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
    try {
      if (text === null || text === undefined) window.localStorage.removeItem(prefix() + key);
      else window.localStorage.setItem(prefix() + key, String(text));
      return true;
    } catch (e) {
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
  }

  /**
   * Move the unreadable text of `key` aside under corrupt:<key>:<time> (never
   * deleting it) and tell the learner. Returns false when the copy could not be
   * made: the original then stays where it is, and must not be written over.
   */
  function setAside(key, text) {
    var time = Date.now();
    // Two set-asides of one key in the same millisecond must not overwrite each other.
    while (raw(keyHelpers.corrupt(key, time)) !== null) time++;
    var moved = false;
    if (isAvailable()) {
      try {
        window.localStorage.setItem(prefix() + keyHelpers.corrupt(key, time), text);
        window.localStorage.removeItem(prefix() + key);
        moved = true;
      } catch (e) {
        /* Storage refused the copy: leave the original where it is. */
      }
    } else {
      memory[keyHelpers.corrupt(key, time)] = text;
      delete memory[key];
      moved = true;
    }
    // Refused: storage is full or blocked, which is what the learner needs to hear.
    if (moved) notice("corrupt", t("corrupt_data"));
    else notice("unavailable", t("storage_unavailable"));
    return moved;
  }

  /**
   * Keep a copy of `text`, which belongs to `key` but cannot be read (an LMS copy
   * of another course, cut short…), under corrupt:<key>:<time>, without touching
   * `key` itself. A copy of the same text already kept is not made again. False
   * when storage refused it (the caller still holds it in memory).
   */
  function keepAside(key, text) {
    var start = PREFIX.corrupt + key + ":";
    var kept = list();
    for (var i = 0; i < kept.length; i++) {
      if (kept[i].indexOf(start) === 0 && /^\d+$/.test(kept[i].slice(start.length)) && raw(kept[i]) === text) return true;
    }
    var time = Date.now();
    while (raw(keyHelpers.corrupt(key, time)) !== null) time++;
    return setRaw(keyHelpers.corrupt(key, time), text);
  }

  /** Read a JSON value; text that is not JSON is set aside and `fallback` returned. */
  function get(key, fallback) {
    var text = raw(key);
    if (text === null) return fallback;
    try {
      return parseJSON(text);
    } catch (e) {
      setAside(key, text);
      return fallback;
    }
  }

  /** Write a JSON value (undefined removes the key); false, with the notice, when it cannot. */
  function set(key, value) {
    return setRaw(key, value === undefined ? null : JSON.stringify(value));
  }

  /** List this course's keys (without the namespace), set-aside ones included. */
  function list() {
    if (!isAvailable()) return Object.keys(memory).sort();
    var out = [];
    try {
      var ns = prefix();
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(ns) === 0) out.push(k.slice(ns.length));
      }
    } catch (e) {
      /* Reading the key list failed: report what we have. */
    }
    return out.sort();
  }

  /* Per-tab settings ----------------------------------------------------------- */

  /* A view choice such as "show every path" is kept for this tab only, in
   * sessionStorage: it lasts through reloads and instant navigation, and a new
   * tab starts from the learner's own path. It is not an answer, so it is not
   * exported. Without sessionStorage it lasts for this page view. */
  var tabMemory = emptyMap();

  /** Read the text kept for this tab under `key`, or null; never throws. */
  function tabGet(key) {
    try {
      return window.sessionStorage.getItem(namespace() + key);
    } catch (e) {
      return has(tabMemory, key) ? tabMemory[key] : null;
    }
  }

  /** Keep `text` for this tab under `key` (null removes it); never throws. */
  function tabSet(key, text) {
    if (text === null || text === undefined) delete tabMemory[key];
    else tabMemory[key] = String(text);
    try {
      if (text === null || text === undefined) window.sessionStorage.removeItem(namespace() + key);
      else window.sessionStorage.setItem(namespace() + key, String(text));
    } catch (e) {
      /* Kept in memory for this page view only. */
    }
  }

  /* Records ------------------------------------------------------------------- */

  /** Return true for a plain JSON object (not null, not an array). */
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** True for one stored answer: text, a tick, a number, or a list of option slugs. */
  function isAnswer(value) {
    if (typeof value === "string" || typeof value === "boolean") return true;
    if (typeof value === "number") return isFinite(value);
    if (!Array.isArray(value)) return false;
    for (var i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
    return true;
  }

  /** True for `undefined`, `null` or a string: the allowed values of optional text members. */
  function isOptionalText(value) {
    return value === undefined || value === null || typeof value === "string";
  }

  /** True when every member of `map` passes `check`. Names are data: any name is allowed. */
  function every(map, check) {
    var names = Object.keys(map);
    for (var i = 0; i < names.length; i++) if (!check(map[names[i]])) return false;
    return true;
  }

  /** True for a step number: a whole number from 1. */
  function isStep(value) {
    return typeof value === "number" && isFinite(value) && value >= 1 && Math.floor(value) === value;
  }

  /** True for a module's completion time (an ISO string). */
  function isText(value) {
    return typeof value === "string";
  }

  /* Each kind of record: its empty record, what a readable one looks like, and
   * when it holds nothing (then the key is removed rather than written). The
   * import checks files with these same rules (`check`), so whatever the store
   * keeps, an export of it imports again. */
  var ANSWERS = {
    /** A record with no answers yet. */
    empty: function () {
      return { v: VERSION, answers: emptyMap(), updated: null };
    },
    /** True for {v, answers: {name: answer}, updated?: ISO}. */
    valid: function (record) {
      return isObject(record.answers) && isOptionalText(record.updated) && every(record.answers, isAnswer);
    },
    /** No answers left: nothing worth keeping. */
    isEmpty: function (record) {
      return !Object.keys(record.answers).length;
    },
    stamped: true,
  };
  var KINDS = {
    worksheet: ANSWERS,
    checklist: ANSWERS,
    progress: {
      /** A learner who has completed nothing and visited no module. */
      empty: function () {
        return { v: VERSION, complete: emptyMap(), last: null };
      },
      /**
       * True for {v, complete?: {module-src: ISO}, last?: module-src, step?: {module-src: number},
       * whole?: boolean}: `step` is the step of each module the learner was on, `whole` that they
       * read modules whole (steps.js).
       */
      valid: function (record) {
        if (record.complete !== undefined && !isObject(record.complete)) return false;
        if (record.step !== undefined && !(isObject(record.step) && every(record.step, isStep))) return false;
        if (record.whole !== undefined && typeof record.whole !== "boolean") return false;
        return isOptionalText(record.last) && every(record.complete || emptyMap(), isText);
      },
      /** Give a readable record the members it may leave out, so callers need not check. */
      fill: function (record) {
        if (!record.complete) record.complete = emptyMap();
        if (record.last === undefined) record.last = null;
      },
      /** Progress is always kept, even when nothing is complete. */
      isEmpty: function () {
        return false;
      },
      stamped: false,
    },
  };

  /** The record rules for `key`; a key that holds no record is a bug in the caller. */
  function kindFor(key) {
    var kind = kindOf(key);
    if (!kind || !has(KINDS, kind)) throw new Error("Bounce Back: not a record key: " + key);
    return KINDS[kind];
  }

  /**
   * Bring a stored record of `kind` up to the current layout, or return null when
   * it cannot be understood (another version, a foreign shape). Version 1 is the
   * first layout; a later one adds its step here, before the check, e.g.
   * `if (record.v === 1) { ...; record.v = 2; }`.
   */
  function migrate(record, kind) {
    if (!isObject(record) || !has(KINDS, kind)) return null;
    if (record.v !== VERSION || !KINDS[kind].valid(record)) return null;
    if (KINDS[kind].fill) KINDS[kind].fill(record);
    return record;
  }

  /**
   * The record `value` is under `key` once read (a migrated copy whose maps have
   * no prototype), or null when the store would set it aside or `key` holds no
   * record. The import checks every record of a file with this.
   */
  function check(key, value) {
    var kind = kindOf(key);
    if (!kind || !has(KINDS, kind) || value === undefined) return null;
    try {
      return migrate(parseJSON(JSON.stringify(value)), kind);
    } catch (e) {
      return null;
    }
  }

  /**
   * Load the record under `key`: {record, writable}. A value that is not JSON,
   * or a record `migrate` cannot read, is set aside first; `writable` is false
   * when that failed, so the caller must not write over it.
   */
  function load(key) {
    var rules = kindFor(key);
    var text = raw(key);
    if (text === null) return { record: rules.empty(), writable: true };
    var record = null;
    try {
      record = migrate(parseJSON(text), kindOf(key));
    } catch (e) {
      record = null;
    }
    if (record) return { record: record, writable: true };
    return { record: rules.empty(), writable: setAside(key, text) };
  }

  /* Unsaved answers ----------------------------------------------------------- */

  /* A write storage refused (full, blocked) is not dropped: its patch is kept
   * here, for this page's life, {key: patch}. Reads show it on top of what is
   * stored, so a field keeps the learner's text when they move on and come back;
   * the export takes it; the next write of the key tries it again. */
  var unsaved = emptyMap();

  /** Apply `patch` to `record` (maps merge name by name, null or undefined removes); the names changed. */
  function applyPatch(record, patch) {
    var changes = [];
    Object.keys(patch).forEach(function (member) {
      var value = patch[member];
      if (isObject(value) && isObject(record[member])) {
        Object.keys(value).forEach(function (name) {
          var before = textOf(record[member], name);
          if (value[name] === undefined || value[name] === null) delete record[member][name];
          else record[member][name] = value[name];
          changes.push({ member: member, name: name, before: before, after: textOf(record[member], name) });
        });
      } else if (value === undefined) delete record[member];
      else record[member] = value;
    });
    return changes;
  }

  /** Keep `patch` (a refused write of `key`) on top of the ones kept before it. */
  function keepUnsaved(key, patch) {
    var kept = unsaved[key] || emptyMap();
    Object.keys(patch).forEach(function (member) {
      var value = patch[member];
      if (isObject(value)) {
        if (!isObject(kept[member])) kept[member] = emptyMap();
        // A removal is kept as null, so it still removes when applied.
        Object.keys(value).forEach(function (name) {
          kept[member][name] = value[name] === undefined ? null : value[name];
        });
      } else kept[member] = value === undefined ? null : value;
    });
    unsaved[key] = kept;
  }

  /** The keys with answers storage refused, kept in this page. */
  function unsavedKeys() {
    return Object.keys(unsaved).sort();
  }

  /** The record under `key` (a fresh copy the caller may change), with its unsaved answers; empty when there is none. */
  function read(key) {
    var record = load(key).record;
    if (has(unsaved, key)) applyPatch(record, unsaved[key]);
    return record;
  }

  /** The JSON text of `map[name]`, or undefined when there is no such name: values compared as text. */
  function textOf(map, name) {
    return isObject(map) && has(map, name) ? JSON.stringify(map[name]) : undefined;
  }

  /**
   * Merge `patch` into the record stored under `key` right now and write it.
   * Members that are objects merge name by name (`{answers: {company: "A"}}`,
   * `{complete: {src: ISO}}`), a name set to undefined or null is removed, other
   * members are replaced (`{last: src}`). Because the record is read again here,
   * names another tab saved in the meantime are kept (and `repair` below puts
   * back a name another tab's stale copy wrote over). Returns false when nothing
   * could be kept (storage off or full, or an unreadable record in the way).
   */
  function write(key, patch) {
    return patchRecord(key, patch, true);
  }

  /** `write`, remembering the names it changed for `repair` when `track` is true. */
  function patchRecord(key, patch, track) {
    var rules = kindFor(key);
    var found = load(key);
    if (!found.writable) {
      keepUnsaved(key, patch);
      return false;
    }
    var record = found.record;
    // Answers a refused write left in this page go in first: this write may be the one that lands.
    if (has(unsaved, key)) applyPatch(record, unsaved[key]);
    var changes = applyPatch(record, patch);
    record.v = VERSION;
    if (rules.stamped) record.updated = new Date().toISOString();
    var ok = set(key, rules.isEmpty(record) ? undefined : record);
    if (ok) delete unsaved[key];
    else keepUnsaved(key, patch);
    if (ok && track) remember(key, changes);
    return ok;
  }

  /* Two tabs ------------------------------------------------------------------- */

  /* Each tab keeps its own copy of localStorage, brought up to date by messages
   * between tabs; two saves a few milliseconds apart can each start from a copy
   * without the other's names, and the later one then writes the earlier one's
   * names away. So each tab remembers, for a short while, the names it wrote:
   * {member, name, past: [JSON texts the name held before], after: JSON text, time}.
   * When another tab's write turns one of them back into a value this tab had
   * replaced (its copy was stale), this tab writes its names again. A real edit
   * in the other tab puts in a new value, not an old one, and is left alone. */
  var REPAIR_MS = 1000;
  var recent = emptyMap();

  /** Remember the names a save of this tab just changed under `key`. */
  function remember(key, changes) {
    var now = Date.now();
    var kept = (recent[key] || []).filter(function (entry) {
      return now - entry.time < REPAIR_MS;
    });
    changes.forEach(function (change) {
      var entry = null;
      for (var i = 0; i < kept.length; i++) {
        if (kept[i].member === change.member && kept[i].name === change.name) entry = kept[i];
      }
      if (!entry) {
        entry = { member: change.member, name: change.name, past: [], after: change.before };
        kept.push(entry);
      }
      if (entry.after !== change.after && entry.past.indexOf(entry.after) === -1) entry.past.push(entry.after);
      entry.after = change.after;
      entry.time = now;
    });
    if (kept.length) recent[key] = kept;
    else delete recent[key];
  }

  /** A stored record's text as an object (an empty map when it is missing or unreadable). */
  function recordOf(text) {
    try {
      var value = text === null || text === undefined ? null : parseJSON(text);
      return isObject(value) ? value : emptyMap();
    } catch (e) {
      return emptyMap();
    }
  }

  /**
   * Another tab changed `key` from `oldText` to `newText`: put back the names
   * this tab wrote a moment ago that the change turned back into what they were
   * before (see "Two tabs" above). Runs before any widget hears of the change.
   */
  function repair(key, oldText, newText) {
    if (!recent[key] || !isAvailable()) return;
    var now = Date.now();
    var older = recordOf(oldText);
    var newer = recordOf(newText);
    var patch = emptyMap();
    var any = false;
    recent[key].forEach(function (entry) {
      if (now - entry.time >= REPAIR_MS) return;
      var was = textOf(older[entry.member], entry.name);
      var is = textOf(newer[entry.member], entry.name);
      if (was !== entry.after || is === entry.after || entry.past.indexOf(is) === -1) return;
      if (!patch[entry.member]) patch[entry.member] = emptyMap();
      patch[entry.member][entry.name] = entry.after === undefined ? undefined : JSON.parse(entry.after);
      any = true;
    });
    if (any) patchRecord(key, patch, false);
  }

  /* Imports ------------------------------------------------------------------- */

  /**
   * Put a whole record (an imported one) under `key`, as it is. What is there
   * now is set aside first if it cannot be read; false when that failed.
   */
  function replace(key, record) {
    if (!load(key).writable) return false;
    return set(key, record);
  }

  /**
   * Merge a whole record (an imported one) into the one stored under `key`.
   * Members that are maps (answers, completed modules) merge name by name: the
   * record's names replace the stored ones, names it does not carry are kept.
   * `updated` becomes the later of the two; other members are replaced when the
   * record has a value. With nothing stored, the record goes in as it is (as
   * migrated, if it is of an older version), so an export imports back to the
   * same storage. An unreadable record in the way is set aside first. False when
   * `record` is not a record of the key's kind, when the set-aside failed or
   * storage refused.
   */
  function merge(key, record) {
    var incoming = check(key, record);
    if (!incoming) return false;
    var found = load(key);
    if (!found.writable) return false;
    if (raw(key) === null) return set(key, record.v === incoming.v ? record : incoming);
    var current = found.record;
    Object.keys(incoming).forEach(function (member) {
      var value = incoming[member];
      if (member === "updated") {
        if (typeof value === "string" && !(typeof current.updated === "string" && current.updated >= value)) {
          current.updated = value;
        }
      } else if (isObject(value) && isObject(current[member])) {
        Object.keys(value).forEach(function (name) {
          current[member][name] = value[name];
        });
      } else if (value !== null && value !== undefined) current[member] = value;
    });
    return set(key, current);
  }

  /**
   * Three copies of one record, merged: `base` as this page last saw it in the
   * other place (an LMS), `local` as it is here now and `remote` as it is there
   * now (each a checked record, or null for none). What changed on one side
   * only is taken from that side, name by name in the maps (answers, completed
   * modules), so two sessions keep each other's answers and an answer removed
   * here is not brought back by an older copy there. A name both sides changed
   * goes to the more recently updated record; removed on one side and changed on
   * the other, it is kept, as is a record removed on one side and changed on the
   * other: nothing written is lost. Returns the merged
   * record, or null when there is none.
   */
  function reconcile(key, base, local, remote) {
    var kind = kindOf(key);
    if (!kind || !has(KINDS, kind)) return local;
    /** JSON text of a value, for comparing copies. */
    function text(value) {
      return value === undefined || value === null ? "" : JSON.stringify(value);
    }
    if (text(remote) === text(base)) return local;
    if (text(local) === text(base) || !local) return remote;
    if (!remote) return local;
    var out = parseJSON(JSON.stringify(local));
    var b = base || emptyMap();
    var remoteNewer = (remote.updated || "") > (local.updated || "");
    var members = Object.keys(remote).concat(Object.keys(local));
    members.forEach(function (member) {
      if (member === "v") return;
      if (member === "updated") {
        if ((remote.updated || "") > (local.updated || "")) out.updated = remote.updated;
        return;
      }
      var l = local[member];
      var r = remote[member];
      var was = b[member];
      if (isObject(l) && isObject(r)) {
        var old = isObject(was) ? was : emptyMap();
        var names = Object.keys(l).concat(Object.keys(r)).concat(Object.keys(old));
        names.forEach(function (name) {
          var lt = textOf(l, name);
          var rt = textOf(r, name);
          var bt = textOf(old, name);
          var take = rt === bt ? lt : lt === bt ? rt : lt === undefined ? rt : rt === undefined ? lt : remoteNewer ? rt : lt;
          if (take === undefined) delete out[member][name];
          else out[member][name] = JSON.parse(take);
        });
      } else if (text(l) === text(was) && r !== undefined) out[member] = r;
    });
    return migrate(out, kind) || local;
  }

  /**
   * Run `change()` as one step over `keys` (every key it may write): unless it
   * returns true, each of them gets back the text it had and the set-aside
   * copies of them made meanwhile are removed, so storage is as it was. Returns
   * {ok, restored}; `restored` is false when even putting things back failed.
   */
  function atomic(keys, change) {
    var before = emptyMap();
    var existed = emptyMap();
    keys.forEach(function (key) {
      before[key] = raw(key);
    });
    list().forEach(function (key) {
      existed[key] = true;
    });
    var ok = false;
    try {
      ok = change() === true;
    } catch (e) {
      ok = false;
    }
    if (ok) return { ok: true, restored: true };
    var restored = true;
    // Removals first: they free the room the writes back may need.
    list().forEach(function (key) {
      if (has(existed, key) || has(before, key) || !isSetAsideOf(key, keys)) return;
      restored = setRaw(key, null) && restored;
    });
    var order = keys.slice().sort(function (a, b) {
      return (before[a] === null ? 0 : 1) - (before[b] === null ? 0 : 1);
    });
    order.forEach(function (key) {
      if (raw(key) !== before[key]) restored = setRaw(key, before[key]) && restored;
    });
    return { ok: false, restored: restored };
  }

  /** True when `key` is a set-aside copy (corrupt:<k>:<time>) of one of `keys`. */
  function isSetAsideOf(key, keys) {
    var parsed = parseKey(key);
    if (!parsed || parsed.kind !== "corrupt") return false;
    for (var i = 0; i < keys.length; i++) {
      var start = keys[i] + ":";
      if (parsed.id.indexOf(start) === 0 && /^\d+$/.test(parsed.id.slice(start.length))) return true;
    }
    return false;
  }

  /* Clear everything and Import -------------------------------------------------- */

  /**
   * Say to every other tab that Clear everything or an Import just changed the
   * learner's data wholesale (the `reset` key gets a new value). Each of them
   * (and this one) then takes what is stored as the truth: fields, even one with the cursor in
   * it, show what is stored, and no write waiting there goes out afterwards.
   */
  function markReset() {
    // In this page too, answers storage refused before are now out of date.
    recent = emptyMap();
    unsaved = emptyMap();
    if (!isAvailable()) return false;
    // Set and removed at once: other tabs hear both, and nothing is left in storage (or in an export).
    // Quietly: a full storage already has its notice, and this holds no answer.
    try {
      window.localStorage.setItem(prefix() + keyHelpers.reset, Date.now() + ":" + Math.random());
      window.localStorage.removeItem(prefix() + keyHelpers.reset);
      return true;
    } catch (e) {
      return false;
    }
  }

  /**
   * This page's copy of the learner's data may be older than the store (another
   * tab cleared or imported; the page came back from the back/forward cache):
   * forget what this page was about to write or put back, and tell every widget
   * to show what is stored (`bb:data-changed` with `reset: true`).
   */
  function storeIsTheTruth() {
    recent = emptyMap();
    unsaved = emptyMap();
    document.dispatchEvent(new CustomEvent("bb:data-changed", { detail: { keys: [], reset: true } }));
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) storeIsTheTruth();
  });

  /** Call `fn(key)` when another tab changes one of this course's keys. */
  function onChange(fn) {
    listeners.push(fn);
  }

  window.addEventListener("storage", function (event) {
    var ns = prefix();
    if (!event.key || event.key.indexOf(ns) !== 0) return;
    var key = event.key.slice(ns.length);
    if (key === keyHelpers.reset) return storeIsTheTruth();
    var kind = kindOf(key);
    if (kind && has(KINDS, kind)) repair(key, event.oldValue, event.newValue);
    listeners.forEach(function (fn) {
      fn(key);
    });
  });

  /** Run `fn` on every page view, with or without Material's instant navigation. */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () {
        fn();
      });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  /* Course data and site URLs ------------------------------------------------- */

  /* The last answer of courseData(), and what it was made from. */
  var laid = { course: undefined, block: undefined, data: null };

  /**
   * The course data, or null when it is missing or of another version. The main bundle
   * carries what every page needs (modules, storage names); a page with forms carries
   * those worksheets' full entries in `#bb-page-data` (in <head>, swapped with the page),
   * laid over it; My plan's `course` bundle replaces it with the whole course's.
   */
  function courseData() {
    var course = root.course;
    var block = document.getElementById("bb-page-data");
    if (laid.course === course && laid.block === block) return laid.data;
    laid.course = course;
    laid.block = block;
    laid.data = null;
    if (!(isObject(course) && course.v === 1 && Array.isArray(course.modules) && isObject(course.worksheets))) return null;
    var page = null;
    try {
      page = block ? JSON.parse(block.textContent).worksheets : null;
    } catch (e) {
      page = null;
    }
    if (!isObject(page)) return (laid.data = course);
    var worksheets = emptyMap();
    Object.keys(course.worksheets).forEach(function (id) {
      worksheets[id] = course.worksheets[id];
    });
    Object.keys(page).forEach(function (id) {
      if (isObject(page[id]) && Array.isArray(page[id].sections)) worksheets[id] = page[id];
    });
    var out = emptyMap();
    Object.keys(course).forEach(function (key) {
      out[key] = course[key];
    });
    out.worksheets = worksheets;
    return (laid.data = out);
  }

  /**
   * The site's root URL, absolute. Material's `__config` gives `base` relative
   * to the page it was written in, and instant navigation keeps the first
   * page's `__config`, so it is resolved once, now, while that page is the
   * current one. Without it (a page outside Material), Material's `__md_scope`,
   * else this page's folder.
   */
  var SITE_BASE = (function () {
    var here = window.location.href;
    try {
      var config = document.getElementById("__config");
      var base = config && JSON.parse(config.textContent).base;
      if (typeof base === "string") return new URL(base.replace(/\/?$/, "/"), here).href;
    } catch (e) {
      /* No readable config: try the next way. */
    }
    if (window.__md_scope && window.__md_scope.href) return String(window.__md_scope.href);
    return new URL("./", here).href;
  })();

  /** The absolute URL of `url` given relative to the site root (the course data's `url`s). */
  function siteUrl(url) {
    return new URL(url || "", SITE_BASE).href;
  }

  /**
   * `url` (relative to the site root) written relative to the current page, the
   * way MkDocs writes links into pages (`../modules/02-example/#worksheet-x` on
   * My plan), so what a script draws matches what the build wrote; works from
   * file:// too.
   */
  function pageHref(url) {
    var target = new URL(url || "", SITE_BASE);
    var here = new URL(window.location.href);
    if (target.protocol !== here.protocol || target.host !== here.host) return target.href;
    var from = here.pathname.split("/").slice(0, -1);
    var to = target.pathname.split("/");
    var same = 0;
    while (same < from.length && same < to.length - 1 && from[same] === to[same]) same++;
    var path = new Array(from.length - same + 1).join("../") + to.slice(same).join("/");
    return (path || "./") + target.search + target.hash;
  }

  /** Today as YYYY-MM-DD in the learner's own time zone (for file names). */
  function today() {
    var d = new Date();
    /** Two digits. */
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /** Offer `content` as a download called `name`; nothing leaves the browser. */
  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    /* Revoke later: some browsers read the blob after click() returns. */
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  /** Put `text` on the clipboard; calls done(true|false). */
  function copyText(text, done) {
    /** The old way, for browsers or pages without the clipboard API. */
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "bb-visually-hidden";
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.opacity = "0";
      document.body.appendChild(area);
      var focused = document.activeElement;
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (focused && focused.focus) focused.focus();
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        done(true);
      }, fallback);
    } else {
      fallback();
    }
  }

  /** Make an element with a class and (learner-safe) text: text only ever goes in as textContent. */
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  root.store = {
    VERSION: VERSION,
    keys: keyHelpers,
    read: read,
    write: write,
    replace: replace,
    merge: merge,
    reconcile: reconcile,
    unsavedKeys: unsavedKeys,
    markReset: markReset,
    keepAside: keepAside,
    check: check,
    atomic: atomic,
    migrate: migrate,
    has: has,
    emptyMap: emptyMap,
    parseJSON: parseJSON,
    get: get,
    set: set,
    raw: raw,
    setRaw: setRaw,
    list: list,
    onChange: onChange,
    tab: { get: tabGet, set: tabSet },
    isAvailable: isAvailable,
    namespace: namespace,
    prefix: prefix,
    useLearner: useLearner,
    learner: learnerId,
  };
  root.el = el;
  root.courseData = courseData;
  root.siteUrl = siteUrl;
  root.pageHref = pageHref;
  root.t = t;
  root.today = today;
  root.download = download;
  root.copyText = copyText;
  root.notice = notice;
  root.exportAll = exportAll;
  root.onPage = onPage;
})();
