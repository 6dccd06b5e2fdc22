/* Bounce Back in an LMS (SCORM 2004 4th edition or SCORM 1.2): the learner's work lives in the LMS.
 *
 * Included only in the SCORM packages (python -m hooks.bundle scorm2004 | scorm).
 * The package opens scorm.html, which holds the one LMS session (Initialize …
 * Terminate, or LMSInitialize … LMSFinish) and shows the course pages in a
 * frame, so moving between pages never ends the session.
 *
 * Data flow:
 * 1. At launch the launcher reads the LMS learner id and makes the store keep
 *    this learner's keys apart (store.useLearner): two learners on one shared
 *    browser profile never see each other's work.
 * 2. It reads `suspend_data` (a compressed snapshot of every record) and merges
 *    it into this learner's local records: per record, the LMS copy wins unless
 *    the local one is newer (a crash before the last commit), and then the two
 *    merge answer by answer; nothing local is deleted. Only then is the course
 *    shown in the frame.
 * 3. As the learner works (storage events, `bb:saved`/`bb:progress` from the
 *    frame), a debounced save writes the snapshot, progress and completion and
 *    commits. On leaving (pagehide/unload) it also sets the session time and
 *    exit, commits and terminates.
 * 4. Once the LMS has confirmed the last commit and the end of the session
 *    (both "true"), the records it holds are removed from this browser: a
 *    shared computer keeps no readable copy. Nothing is removed before that.
 *
 * SCORM 1.2 keeps only 4,096 characters (2004: 64,000). When the compressed
 * snapshot is longer, the LMS gets progress, the record of the learner's path
 * (or its path answers alone) and then the most recently changed worksheets
 * and checklists, whole, each that fits; the snapshot names the records it
 * left out (`m`). Here, every course page says so, with Export and Keep: what
 * did not fit leaves this browser only once exported (never unseen). On
 * another computer, every page lists the records not there, with Import.
 *
 * With no LMS around, the launcher is just the course in a frame.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var SAVE_MS = 1000;
  var POLL_MS = 5000;
  var FORMAT = "bb2:";
  /* The progress-only marker the first packages wrote ("bb1:3/8"): it holds no answer. */
  var OLD_MARKER = /^bb1:\d+\/\d+$/;
  /* The most bytes a snapshot may expand to: ten times SCORM 2004's 64,000 characters. LZW can
   * turn 64,000 characters into hundreds of megabytes; past this a text is unreadable, never read on. */
  var MAX_EXPANDED = 10 * 64000;

  /* Compression ----------------------------------------------------------------- */

  /* LZW over the UTF-8 bytes of the snapshot's JSON, written out six bits per
   * character in a URL-safe alphabet, so any LMS stores it as plain ASCII. It
   * is synchronous on purpose: the last save runs while the page unloads, when
   * an asynchronous CompressionStream would never finish. Our own code. */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_CODES = 65536;

  /** The UTF-8 bytes of `text` as a string of char codes 0–255. */
  function toBytes(text) {
    // JSON.stringify escapes lone surrogates, so the text always encodes.
    return unescape(encodeURIComponent(text));
  }

  /** The text whose UTF-8 bytes are `bytes` (char codes 0–255); throws on bad UTF-8. */
  function fromBytes(bytes) {
    return decodeURIComponent(escape(bytes));
  }

  /** Bits needed to write `n` (≥ 1). */
  function bitLength(n) {
    var bits = 1;
    while (1 << bits <= n) bits++;
    return bits;
  }

  /** Width of the k-th code: both sides know the largest code it can be. */
  function widthAt(k) {
    return bitLength(Math.min(255 + k, MAX_CODES - 1));
  }

  /** Compress `text` into DIGITS characters. */
  function compress(text) {
    var bytes = toBytes(text);
    var dict = Object.create(null);
    for (var i = 0; i < 256; i++) dict[String.fromCharCode(i)] = i;
    var next = 256;
    var out = [];
    var acc = 0;
    var held = 0;
    var k = 0;
    /** Append `value` in `width` bits, most significant first. */
    function put(value, width) {
      for (var b = width - 1; b >= 0; b--) {
        acc = (acc << 1) | ((value >> b) & 1);
        if (++held === 6) {
          out.push(DIGITS.charAt(acc));
          acc = 0;
          held = 0;
        }
      }
    }
    var w = "";
    for (var j = 0; j < bytes.length; j++) {
      var c = bytes.charAt(j);
      var wc = w + c;
      if (dict[wc] !== undefined) {
        w = wc;
        continue;
      }
      put(dict[w], widthAt(k++));
      if (next < MAX_CODES) dict[wc] = next++;
      w = c;
    }
    if (w) put(dict[w], widthAt(k++));
    if (held) out.push(DIGITS.charAt(acc << (6 - held)));
    return out.join("");
  }

  /** The text `compress` made `packed` from; throws when it is not such text. */
  function decompress(packed) {
    var total = packed.length * 6;
    var pos = 0;
    /** Read `width` bits. */
    function take(width) {
      var value = 0;
      for (var b = 0; b < width; b++, pos++) {
        var digit = DIGITS.indexOf(packed.charAt((pos / 6) | 0));
        if (digit < 0) throw new Error("not packed text");
        value = (value << 1) | ((digit >> (5 - (pos % 6))) & 1);
      }
      return value;
    }
    var dict = [];
    for (var i = 0; i < 256; i++) dict.push(String.fromCharCode(i));
    var out = [];
    var size = 0;
    var prev = null;
    // Padding is under 6 bits and every code is at least 9, so a shorter rest is the end.
    for (var k = 0; pos + widthAt(k) <= total; k++) {
      var code = take(widthAt(k));
      var entry;
      if (code < dict.length) entry = dict[code];
      else if (code === dict.length && prev !== null) entry = prev + prev.charAt(0);
      else throw new Error("not packed text");
      size += entry.length;
      if (size > MAX_EXPANDED) throw new Error("expands past the cap");
      out.push(entry);
      if (prev !== null && dict.length < MAX_CODES) dict.push(prev + entry.charAt(0));
      prev = entry;
    }
    return fromBytes(out.join(""));
  }

  /* Snapshots: what the LMS keeps ------------------------------------------------- */

  /** True for a key whose record the LMS keeps (worksheets, checklists, progress). */
  function isSynced(key) {
    // Every record kind the store knows; set-aside (unreadable) text stays local. Kinds are the store's words.
    var kind = store.keys.kind(key);
    return !!kind && kind !== "corrupt";
  }

  /** Every record this learner has in this browser: {key: record}. */
  function localRecords() {
    var out = store.emptyMap();
    store.list().forEach(function (key) {
      if (!isSynced(key) || store.raw(key) === null) return;
      var record = store.check(key, store.get(key));
      if (record) out[key] = record;
    });
    return out;
  }

  /**
   * The LMS text for `records`, made to fit in `limit` characters: {text, kept,
   * left, data, missing}. Progress always goes in; then the record that holds the
   * learner's path (`opts.first`: the situation worksheet), then the most recently
   * changed records, each whole, as many as fit: one too long is skipped and the
   * next tried. If even the path's record does not fit, its path answers
   * (`opts.pathNames`) go in alone. The snapshot names every record it leaves out
   * (`m`), with those known to be on another computer (`opts.absent`), so a launch
   * elsewhere can tell the learner which ones are not there.
   */
  function encode(records, limit, opts) {
    opts = opts || {};
    var progress = store.keys.progress;
    var answers = Object.keys(records).filter(function (key) {
      return key !== progress;
    });
    // Most recently changed first: what the learner is working on now goes to the LMS first.
    answers.sort(function (a, b) {
      var ta = records[a].updated || "";
      var tb = records[b].updated || "";
      return ta < tb ? 1 : ta > tb ? -1 : a < b ? -1 : 1;
    });
    var first = opts.first && store.has(records, opts.first) ? opts.first : null;
    if (first) {
      answers = [first].concat(
        answers.filter(function (key) {
          return key !== first;
        })
      );
    }
    // Named until an Import brings them (the launcher's list): a record begun here since holds none of them.
    var absent = opts.absent || [];
    /** The snapshot's data: progress and the records named in `chosen` ({key: record}). */
    function holds(chosen) {
      var data = {};
      if (records[progress]) data[progress] = records[progress];
      Object.keys(chosen).forEach(function (key) {
        data[key] = chosen[key];
      });
      return data;
    }
    /** The records left out of `chosen` (a partial record counts as left out), then the absent ones. */
    function missing(chosen) {
      var left = answers.filter(function (key) {
        return !store.has(chosen, key) || chosen[key] !== records[key];
      });
      return left.concat(
        absent.filter(function (key) {
          return left.indexOf(key) === -1;
        })
      );
    }
    /** The LMS text of `chosen`. */
    function text(chosen) {
      var snap = { v: 1, c: courseId(), t: new Date().toISOString(), d: holds(chosen) };
      var left = missing(chosen);
      if (left.length) {
        snap.o = left.length;
        snap.m = left;
      }
      return FORMAT + compress(JSON.stringify(snap));
    }
    /** The result for `chosen`, whose text is `packed`. */
    function result(chosen, packed) {
      var kept = Object.keys(chosen).filter(function (key) {
        return chosen[key] === records[key];
      }).length;
      var left = missing(chosen);
      return { text: packed, kept: kept, left: answers.length - kept, data: holds(chosen), missing: left };
    }
    var chosen = store.emptyMap();
    answers.forEach(function (key) {
      chosen[key] = records[key];
    });
    var all = text(chosen);
    if (all.length <= limit) return result(chosen, all);
    chosen = store.emptyMap();
    var best = text(chosen);
    if (best.length > limit) return { text: null, kept: 0, left: answers.length, data: null, missing: answers };
    answers.forEach(function (key) {
      // No record is that short: stop compressing candidates that cannot fit.
      if (limit - best.length < 48) return;
      chosen[key] = records[key];
      var candidate = text(chosen);
      if (candidate.length <= limit) {
        best = candidate;
        return;
      }
      delete chosen[key];
      var names = key === first ? opts.pathNames || [] : [];
      var part = { v: records[key].v, answers: store.emptyMap(), updated: records[key].updated };
      names.forEach(function (name) {
        if (store.has(records[key].answers, name)) part.answers[name] = records[key].answers[name];
      });
      if (!Object.keys(part.answers).length) return;
      // Not the whole record: only the learner's path, so the course still speaks to their situation.
      chosen[key] = part;
      candidate = text(chosen);
      if (candidate.length <= limit) best = candidate;
      else delete chosen[key];
    });
    return result(chosen, best);
  }

  /** This course's id (its storage namespace), which every snapshot names. */
  function courseId() {
    return store.namespace().replace(/^bb:/, "").replace(/:$/, "");
  }

  /**
   * True when an older snapshot (one that does not name its course) names
   * worksheets, checklists or completed modules and not one of them is this
   * course's: another course's data. Without the course data nothing is foreign.
   */
  function foreign(records) {
    var course = root.courseData && root.courseData();
    if (!course) return false;
    var known = store.emptyMap();
    Object.keys(course.worksheets).forEach(function (id) {
      known[store.keys.worksheet(id)] = true;
    });
    course.modules.forEach(function (module) {
      if (module && typeof module.src === "string") {
        known[store.keys.checklist(module.src)] = true;
        known["module:" + module.src] = true;
      }
    });
    var named = 0;
    var ours = 0;
    Object.keys(records).forEach(function (key) {
      var names = [key];
      if (key === store.keys.progress) {
        var complete = records[key] && records[key].complete;
        names = complete && typeof complete === "object" ? Object.keys(complete).map(function (src) {
          return "module:" + src;
        }) : [];
      }
      names.forEach(function (name) {
        named += 1;
        if (store.has(known, name)) ours += 1;
      });
    });
    return named > 0 && ours === 0;
  }

  /**
   * The snapshot in an LMS text, or null when it holds none we may read: empty,
   * an old marker, damaged or cut short, expanding past the cap, or another
   * course's (a snapshot names its course; older ones, without a name, are ours).
   */
  function decode(text) {
    if (typeof text !== "string" || text.indexOf(FORMAT) !== 0) return null;
    try {
      var snap = store.parseJSON(decompress(text.slice(FORMAT.length)));
      var ok = snap && snap.v === 1 && snap.d && typeof snap.d === "object" && !Array.isArray(snap.d);
      if (ok && (snap.c !== undefined ? snap.c !== courseId() : foreign(snap.d))) ok = false;
      // The records the snapshot left out: a list of keys, or nothing (older snapshots name none).
      if (ok && snap.m !== undefined) {
        var named = Array.isArray(snap.m) ? snap.m.filter(isSynced) : [];
        if (named.length) snap.m = named;
        else delete snap.m;
      }
      return ok ? snap : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * One record from the LMS (`remote`) and this browser (`local`), merged.
   * Answer records: the newer one wins each answer both have, and answers
   * only one of them has are kept (nothing is lost, e.g. a crash before the
   * last commit). Progress: modules completed in either, the LMS's last page.
   */
  function mergeRecord(key, local, remote) {
    if (!local) return remote;
    var out = store.parseJSON(JSON.stringify(remote));
    if (key === store.keys.progress) {
      Object.keys(local.complete).forEach(function (src) {
        if (!store.has(out.complete, src)) out.complete[src] = local.complete[src];
      });
      if (!out.last) out.last = local.last;
      return out;
    }
    var localNewer = (local.updated || "") > (remote.updated || "");
    Object.keys(local.answers).forEach(function (name) {
      if (localNewer || !store.has(out.answers, name)) out.answers[name] = local.answers[name];
    });
    if (localNewer) out.updated = local.updated;
    return out;
  }

  /** Merge a snapshot from the LMS into this learner's records; true when every record was kept. */
  function restore(snap) {
    var ok = true;
    Object.keys(snap.d).forEach(function (key) {
      if (!isSynced(key)) return;
      var remote = store.check(key, snap.d[key]);
      if (!remote) return;
      var local = store.raw(key) === null ? null : store.check(key, store.get(key));
      var merged = mergeRecord(key, local, remote);
      if (JSON.stringify(merged) !== JSON.stringify(local)) ok = store.replace(key, merged) && ok;
    });
    return ok;
  }

  /* LMS APIs --------------------------------------------------------------------- */

  /** Walk up the parent and opener chain for the object called `name`. */
  function findAPI(win, name, init) {
    var tries = 0;
    while (win && tries < 10) {
      try {
        if (win[name] && typeof win[name][init] === "function") return win[name];
      } catch (e) {
        /* A cross-origin frame: keep looking further up. */
      }
      if (win.parent && win.parent !== win) win = win.parent;
      else if (win.opener) win = win.opener;
      else break;
      tries += 1;
    }
    return null;
  }

  /** Two digits. */
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /** `ms` as whole hours, minutes, seconds and hundredths (integers: no rounding up to 60.00). */
  function clock(ms) {
    var cs = Math.max(0, Math.floor(ms / 10));
    return { h: Math.floor(cs / 360000), m: Math.floor((cs % 360000) / 6000), s: Math.floor((cs % 6000) / 100), cs: cs % 100 };
  }

  /* The two standards name the same things differently; each adapter maps our
   * few needs onto its calls and elements. */
  var VERSIONS = {
    "2004": {
      api: "API_1484_11",
      calls: { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError" },
      learner: "cmi.learner_id",
      suspend: "cmi.suspend_data",
      exit: "cmi.exit",
      session: "cmi.session_time",
      /** ISO 8601 duration, as SCORM 2004 wants it: PT1H2M3.45S. */
      duration: function (ms) {
        var t = clock(ms);
        return "PT" + t.h + "H" + t.m + "M" + t.s + "." + pad(t.cs) + "S";
      },
      /** Is the course already completed in the LMS? */
      completed: function (get) {
        return get("cmi.completion_status") === "completed";
      },
      /** The elements that report `done` of `total` modules. */
      status: function (done, total, completed) {
        var out = [["cmi.completion_status", completed ? "completed" : "incomplete"]];
        if (total) out.push(["cmi.progress_measure", String(Math.round((done / total) * 10000) / 10000)]);
        return out;
      },
    },
    "1.2": {
      api: "API",
      calls: {
        init: "LMSInitialize",
        get: "LMSGetValue",
        set: "LMSSetValue",
        commit: "LMSCommit",
        finish: "LMSFinish",
        error: "LMSGetLastError",
      },
      learner: "cmi.core.student_id",
      suspend: "cmi.suspend_data",
      exit: "cmi.core.exit",
      session: "cmi.core.session_time",
      /** HHHH:MM:SS.SS, as SCORM 1.2 wants it. */
      duration: function (ms) {
        var t = clock(ms);
        var h = String(Math.min(t.h, 9999));
        while (h.length < 4) h = "0" + h;
        return h + ":" + pad(t.m) + ":" + pad(t.s) + "." + pad(t.cs);
      },
      /** Is the course already completed (or passed) in the LMS? */
      completed: function (get) {
        var status = get("cmi.core.lesson_status");
        return status === "completed" || status === "passed";
      },
      /** SCORM 1.2 has no progress measure: the score is the share of modules done, 0–100. */
      status: function (done, total, completed) {
        var out = [["cmi.core.lesson_status", completed ? "completed" : "incomplete"]];
        if (total) {
          out.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"]);
          out.push(["cmi.core.score.raw", String(Math.round((done / total) * 100))]);
        }
        return out;
      },
    },
  };

  /* The launcher ----------------------------------------------------------------- */

  /** The launcher's settings the build wrote: modules, SCORM version, limit, texts. */
  function settings() {
    var el = document.getElementById("bb-scorm-course");
    var out = {};
    try {
      out = (el && JSON.parse(el.textContent)) || {};
    } catch (e) {
      out = {};
    }
    out.modules = out.modules || [];
    out.scorm = out.scorm === "1.2" ? "1.2" : "2004";
    out.limit = out.limit || 64000;
    out.text = out.text || {};
    out.names = out.names && typeof out.names === "object" ? out.names : {};
    return out;
  }

  /** Count the course's modules marked complete in this learner's progress record. */
  function doneCount(modules) {
    var complete = store.read(store.keys.progress).complete;
    var done = 0;
    for (var i = 0; i < modules.length; i++) if (store.has(complete, modules[i])) done += 1;
    return done;
  }

  /** Show the course: the frame loads only now, so its pages read this learner's storage. */
  function showCourse() {
    var frame = document.getElementById("bb-scorm-frame");
    if (frame && !frame.getAttribute("src")) frame.setAttribute("src", frame.getAttribute("data-src") || "index.html");
  }

  /** Run the LMS session in the launcher page. */
  function launcher() {
    var config = settings();
    var spec = VERSIONS[config.scorm];
    var other = VERSIONS[config.scorm === "2004" ? "1.2" : "2004"];
    var start = window.parent !== window ? window.parent : window.opener;
    var api = findAPI(start, spec.api, spec.calls.init);
    if (!api) {
      // An LMS that offers only the other standard's API still gets a working course.
      api = findAPI(start, other.api, other.calls.init);
      if (api) spec = other;
    }
    var session = {
      api: api,
      version: api ? (spec === VERSIONS["2004"] ? "2004" : "1.2") : null,
      open: false,
      completed: false,
      errors: [],
      /* Keys the LMS copy says are on another computer only (left out of it), not here. */
      absent: [],
      /* {key: JSON text} of each record the LMS last accepted, to clear once it confirms the commit. */
      held: null,
      /* What the learner chose for the answers the LMS has no room for: null (not yet), "exported", "keep". */
      choice: null,
      exported: null,
      overflow: null,
      text: config.text,
      names: config.names,
      limit: 64000,
    };
    // The build's limit is for its own version; an LMS offering only the other API gets that one's.
    if (api) session.limit = session.version === config.scorm ? config.limit : session.version === "1.2" ? 4096 : 64000;
    root.scorm = session;
    if (!api) return showCourse(); /* No LMS: the frame is the plain course. */

    /** Call the LMS function `what` (init, get, …), noting any call the LMS refuses. */
    function call(what, a, b) {
      var name = spec.calls[what];
      var result = b === undefined ? api[name](a) : api[name](a, b);
      if (what !== "get" && String(result) === "false") {
        session.errors.push(name + " " + (a || "") + ": " + api[spec.calls.error]());
      }
      return result;
    }

    /** Read one LMS element as text. */
    function get(element) {
      var value = call("get", element);
      return value === null || value === undefined ? "" : String(value);
    }

    /* Values already sent, so an unchanged one is not sent again on every save. */
    var sent = {};

    /** Set one LMS element unless it already holds `value`; true when anything changed. */
    function put(element, value) {
      if (sent[element] === value) return false;
      if (String(call("set", element, value)) === "true") sent[element] = value;
      return true;
    }

    if (String(call("init", "")) !== "true") return showCourse();
    session.open = true;
    session.started = Date.now();
    session.completed = spec.completed(get);
    var learner = get(spec.learner);
    // No learner id (a preview): a namespace of this launch only, so nobody else's work shows.
    store.useLearner(learner || "guest-" + session.started);
    session.learner = store.learner();
    /**
     * Read the LMS copy: {state, text, snap}. `state` is "ok" (a snapshot of this
     * course), "empty" (nothing yet, or an old progress-only marker) or
     * "unreadable": the LMS reported an error or threw, or the text is cut short,
     * damaged, another course's or past the cap. An unreadable copy is never
     * written over without the learner's say.
     */
    function readCopy() {
      var text;
      var error;
      try {
        var value = api[spec.calls.get](spec.suspend);
        error = String(api[spec.calls.error]());
        text = value === null || value === undefined ? "" : String(value);
      } catch (e) {
        return { state: "unreadable", text: "" };
      }
      // 403 in SCORM 2004: "not initialised", the empty copy of a first launch.
      var fine = error === "0" || error === "" || (error === "403" && session.version === "2004" && text === "");
      if (!fine) return { state: "unreadable", text: text };
      if (text === "" || OLD_MARKER.test(text)) return { state: "empty", text: text };
      var snap = decode(text);
      return snap ? { state: "ok", text: text, snap: snap } : { state: "unreadable", text: text };
    }

    /** Keep an unreadable LMS copy: in memory, and set aside through the store; hold every write of suspend_data. */
    function holdCopy(copy) {
      session.hold = "ask";
      session.aside = { text: copy.text, kept: copy.text === "" || store.keepAside(store.keys.lms, copy.text) };
    }

    /** The LMS copy's records as checked records: {key: record}. */
    function recordsOf(snap) {
      var out = store.emptyMap();
      if (!snap) return out;
      Object.keys(snap.d).forEach(function (key) {
        var record = isSynced(key) && store.check(key, snap.d[key]);
        if (record) out[key] = record;
      });
      return out;
    }

    var first = readCopy();
    /* What the LMS held when this page last read or wrote it: {text, records}. A save whose
     * fresh read differs was written by another session meanwhile, and is merged first. */
    var seen = { text: first.text, records: recordsOf(first.snap) };
    // Records the LMS copy left out and this browser lacks: on another computer (told in every page).
    if (first.snap && first.snap.m) {
      session.absent = first.snap.m.filter(function (key) {
        return store.raw(key) === null;
      });
    }
    session.restored = first.snap ? restore(first.snap) : true;
    session.remote = first.snap || null;
    if (first.state === "unreadable") holdCopy(first);

    /** The records to send: this learner's, on top of the LMS's when a restore could not write them here. */
    function records() {
      var mine = localRecords();
      if (session.restored || !session.remote) return mine;
      Object.keys(session.remote.d).forEach(function (key) {
        var remote = isSynced(key) && store.check(key, session.remote.d[key]);
        if (remote && !mine[key]) mine[key] = remote;
      });
      return mine;
    }

    /**
     * Merge what another session wrote to the LMS since this page last saw it
     * into this learner's records here, record by record and answer by answer
     * (store.reconcile): a device that closed a moment ago keeps its answers.
     */
    function mergeFrom(copy) {
      var remote = recordsOf(copy.snap);
      // A snapshot that left records out (SCORM 1.2's limit) says nothing of those: not removals.
      var partial = copy.snap.o > 0;
      var local = localRecords();
      var keys = Object.keys(remote).concat(Object.keys(local), Object.keys(seen.records));
      var ok = true;
      keys.forEach(function (key, i) {
        if (keys.indexOf(key) !== i) return;
        var here = local[key] || null;
        var there = remote[key] || (partial ? seen.records[key] : null) || null;
        var merged = store.reconcile(key, seen.records[key] || null, here, there);
        if (JSON.stringify(merged || null) === JSON.stringify(here)) return;
        ok = (merged ? store.replace(key, merged) : store.set(key, undefined)) && ok;
      });
      session.remote = copy.snap;
      session.restored = ok;
      seen = { text: copy.text, records: remote };
    }

    var lastJSON = null;
    var timer = null;

    /** Send the learner's records, progress and completion to the LMS, and commit. */
    function save() {
      if (timer) window.clearTimeout(timer);
      timer = null;
      if (!session.open || session.hold === "ask") return;
      var changed = false;
      if (!session.hold) {
        var now = readCopy();
        if (now.state === "unreadable" && !(session.fresh && now.text === session.aside.text)) {
          // Unreadable since the last save (another session, the LMS failing): hold again, and ask.
          holdCopy(now);
          tellFrame();
          return;
        }
        if (now.text !== seen.text) {
          if (now.state === "ok") mergeFrom(now);
          else seen = { text: now.text, records: store.emptyMap() };
          // The LMS no longer holds what this page last sent: send again, whatever the records.
          lastJSON = null;
          delete sent[spec.suspend];
        }
      }
      var all = records();
      var json = JSON.stringify(all);
      if (!session.hold && json !== lastJSON) {
        var packed = encode(all, session.limit, encodeOptions());
        if (packed.text !== null) {
          changed = put(spec.suspend, packed.text) || changed;
          if (sent[spec.suspend] === packed.text) {
            seen = { text: packed.text, records: recordsOf({ d: packed.data }) };
            session.held = heldBy(packed.data, all);
          }
        }
        lastJSON = json;
        var overflow = packed.left ? { kept: packed.kept, left: packed.left } : null;
        if (JSON.stringify(overflow) !== JSON.stringify(session.overflow)) {
          session.overflow = overflow;
          tellFrame();
        }
      }
      var done = doneCount(config.modules);
      // Completed stays completed: the LMS's record is never taken back.
      if (!session.completed && config.modules.length && done >= config.modules.length) session.completed = true;
      spec.status(done, config.modules.length, session.completed).forEach(function (pair) {
        changed = put(pair[0], pair[1]) || changed;
      });
      if (changed) call("commit", "");
    }

    /**
     * The learner's answer to an unreadable LMS copy: "fresh" writes this
     * browser's answers over it (the copy stays set aside here, and in Export);
     * "keep" leaves it untouched for this session, answers staying in this
     * browser only.
     */
    function choose(choice) {
      if (session.hold !== "ask" && session.hold !== "kept") return;
      if (choice === "fresh") {
        session.hold = null;
        session.fresh = true;
        seen = { text: session.aside.text, records: store.emptyMap() };
        lastJSON = null;
        delete sent[spec.suspend];
      } else session.hold = "kept";
      tellFrame();
      save();
    }

    /** Save soon: many keystrokes make one commit. `keys` (from an Import) are here now, not absent. */
    function schedule(keys) {
      if (!session.open) return;
      if (Array.isArray(keys) && session.absent.length) {
        var before = session.absent.length;
        session.absent = session.absent.filter(function (key) {
          return keys.indexOf(key) === -1;
        });
        if (session.absent.length !== before) tellFrame();
      }
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, SAVE_MS);
    }

    /** Let the page in the frame redraw its LMS notice. */
    function tellFrame() {
      try {
        var inner = document.getElementById("bb-scorm-frame").contentWindow.BounceBack;
        if (inner && inner.scormNotice) inner.scormNotice();
      } catch (e) {
        /* The frame is loading: it draws the notice itself when it is ready. */
      }
    }

    /** End the LMS session once, as the learner leaves: last save, session time, exit, commit, terminate. */
    function finish() {
      if (!session.open) return;
      try {
        // Answers typed in the last second are still waiting in the frame: write them first.
        var inner = document.getElementById("bb-scorm-frame").contentWindow.BounceBack;
        if (inner && inner.worksheets) inner.worksheets.flush();
      } catch (e) {
        /* The frame is gone already: its own pagehide wrote them. */
      }
      save();
      put(spec.session, spec.duration(Date.now() - session.started));
      // Always suspend: with any other exit the LMS starts the next launch afresh and drops suspend_data.
      put(spec.exit, "suspend");
      var committed = String(call("commit", "")) === "true";
      var finished = String(call("finish", "")) === "true";
      session.open = false;
      // Only once the LMS has confirmed it holds the answers: a shared computer keeps no copy of them.
      if (committed && finished && !session.hold && session.held) forget(session.held);
    }

    /**
     * Remove from this browser the records the LMS confirmed it holds (as they
     * are now, nothing changed since), and the ones it had no room for only when
     * the learner exported them (unchanged since) and did not ask to keep them here.
     */
    function forget(held) {
      var kept = localRecords();
      Object.keys(kept).forEach(function (key) {
        var now = JSON.stringify(kept[key]);
        var inLms = store.has(held, key) && held[key] === now;
        var inFile = session.choice === "exported" && session.exported && session.exported[key] === now;
        if (inLms || inFile) store.set(key, undefined);
      });
    }

    /** The encoder's priorities: the record of the learner's path first, with its path answers. */
    function encodeOptions() {
      var course = root.courseData && root.courseData();
      var paths = (course && course.paths) || {};
      var names = [paths.situation, paths.flag, paths.name].filter(function (name) {
        return typeof name === "string" && name;
      });
      var first = typeof paths.worksheet === "string" ? store.keys.worksheet(paths.worksheet) : null;
      return { first: first, pathNames: names, absent: session.absent };
    }

    /** {key: JSON text} of each record of `all` that `data` (what the LMS got) holds whole. */
    function heldBy(data, all) {
      var out = store.emptyMap();
      Object.keys(data).forEach(function (key) {
        if (store.has(all, key) && data[key] === all[key]) out[key] = JSON.stringify(all[key]);
      });
      return out;
    }

    /** Note the learner's choice for what the LMS has no room for: "exported" (and what the file held) or "keep". */
    function chooseOverflow(choice) {
      session.choice = choice;
      var mine = localRecords();
      if (choice === "exported") session.exported = heldBy(mine, mine);
      tellFrame();
    }

    session.save = save;
    session.check = save;
    session.choose = choose;
    session.changed = schedule;
    session.chooseOverflow = chooseOverflow;
    session.finish = finish;
    store.onChange(function (key) {
      if (isSynced(key)) schedule();
    });
    // A fallback for a storage event the browser did not send.
    window.setInterval(schedule, POLL_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save();
    });
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    window.addEventListener("unload", finish);
    save();
    showCourse();
  }

  /* A course page inside the launcher --------------------------------------------- */

  /** The launcher's session, when this page is in its frame. */
  function launcherSession() {
    try {
      var up = window.parent !== window && window.parent.BounceBack;
      return (up && up.scorm) || null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Show (or remove) the notice that the LMS holds only part of the answers:
   * Export them (they then leave this computer with the learner), or keep
   * them here; until the learner chooses, they stay here (never removed unseen).
   */
  function drawNotice() {
    var session = launcherSession();
    var id = "bb-notice-lms-full";
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    if (!session || !session.overflow) return;
    var content = document.querySelector(".md-content__inner");
    if (!content) return;
    var text = session.text;
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--lms-full admonition warning";
    box.setAttribute("role", "status");
    var p = document.createElement("p");
    // The words come from the course's strings, through the launcher (hooks/bundle.py).
    p.textContent = (text.full || "")
      .replace("{kept}", String(session.overflow.kept))
      .replace("{left}", String(session.overflow.left))
      .replace("{total}", String(session.overflow.kept + session.overflow.left));
    box.appendChild(p);
    var then = document.createElement("p");
    then.className = "bb-notice__then";
    // What happens to them when the learner leaves, after their choice (or before they make one).
    var fate = session.choice === "exported" ? text.exported : session.choice === "keep" ? text.kept_here : text.until;
    then.textContent = fate || "";
    box.appendChild(then);
    var bar = document.createElement("p");
    bar.className = "bb-notice__actions";
    if (root.data && root.data.exportAll) {
      bar.appendChild(
        actionButton(text.export || "", true, function () {
          root.data.exportAll();
          if (session.chooseOverflow) session.chooseOverflow("exported");
        })
      );
    }
    if (session.choice !== "keep") {
      bar.appendChild(
        actionButton(text.keep_here || "", false, function () {
          if (session.chooseOverflow) session.chooseOverflow("keep");
        })
      );
    }
    box.appendChild(bar);
    content.insertBefore(box, content.firstChild);
  }

  /** The names of the records `keys` for the learner (worksheet titles, modules), from the launcher's settings. */
  function recordNames(session, keys) {
    var names = session.names || {};
    var out = [];
    keys.forEach(function (key) {
      var name = store.has(names, key) ? names[key] : null;
      if (typeof name === "string" && name && out.indexOf(name) === -1) out.push(name);
    });
    return out;
  }

  /**
   * Show (or remove) the notice that some of the learner's answers are not in
   * the LMS and not on this computer: which ones, and how to bring them (Export
   * on the computer that has them, Import here), with an Import button.
   */
  function drawAbsent() {
    var session = launcherSession();
    var id = "bb-notice-lms-absent";
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    if (!session || !session.absent || !session.absent.length) return;
    var content = document.querySelector(".md-content__inner");
    if (!content) return;
    var text = session.text;
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--lms-absent admonition warning";
    box.setAttribute("role", "status");
    box.appendChild(root.el("p", null, text.absent || ""));
    var list = document.createElement("ul");
    var names = recordNames(session, session.absent);
    names.forEach(function (name) {
      list.appendChild(root.el("li", null, name));
    });
    var unnamed = session.absent.length - names.length;
    if (unnamed > 0) {
      list.appendChild(root.el("li", null, (text.absent_more || "").replace("{count}", String(unnamed))));
    }
    box.appendChild(list);
    box.appendChild(root.el("p", null, text.absent_how || ""));
    var status = root.el("p", "bb-status");
    status.setAttribute("role", "status");
    status.hidden = true; /* Room only once Import has something to say. */
    if (root.data && root.data.importFile) {
      var input = document.createElement("input");
      input.type = "file";
      input.accept = ".json,application/json";
      input.className = "bb-visually-hidden";
      input.tabIndex = -1;
      input.setAttribute("aria-hidden", "true");
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        input.value = "";
        if (!file) return;
        root.data.importFile(file).then(function (result) {
          status.textContent = result.message;
          status.hidden = !result.message;
        });
      });
      var bar = document.createElement("p");
      bar.className = "bb-notice__actions";
      bar.appendChild(
        actionButton(text.import || "", true, function () {
          input.click();
        })
      );
      box.appendChild(bar);
      box.appendChild(input);
    }
    box.appendChild(status);
    content.insertBefore(box, content.firstChild);
  }

  /** Make a worded button that calls `action`. */
  function actionButton(label, primary, action) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button" + (primary ? " md-button--primary" : "");
    button.textContent = label;
    button.addEventListener("click", action);
    return button;
  }

  /**
   * Show (or remove) the notice that the LMS copy of the learner's answers could
   * not be read, so nothing was written to it: with Start fresh here, Keep the
   * LMS copy untouched and Export; after Keep, what that means, with Export.
   */
  function drawUnreadable() {
    var session = launcherSession();
    var id = "bb-notice-lms-unreadable";
    var old = document.getElementById(id);
    if (old) old.parentNode.removeChild(old);
    if (!session || (session.hold !== "ask" && session.hold !== "kept")) return;
    var content = document.querySelector(".md-content__inner");
    if (!content) return;
    var text = session.text;
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--lms-unreadable admonition warning";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = (session.hold === "kept" ? text.kept : text.unreadable) || "";
    box.appendChild(p);
    var bar = document.createElement("p");
    bar.className = "bb-notice__actions";
    if (session.hold === "ask") {
      bar.appendChild(
        actionButton(text.fresh || "", true, function () {
          session.choose("fresh");
        })
      );
      bar.appendChild(
        actionButton(text.keep || "", false, function () {
          session.choose("keep");
        })
      );
    }
    if (root.data && root.data.exportAll) {
      bar.appendChild(
        actionButton(text.export || "", false, function () {
          root.data.exportAll();
        })
      );
    }
    box.appendChild(bar);
    content.insertBefore(box, content.firstChild);
  }

  /** Draw both LMS notices on the page just shown. */
  function drawNotices() {
    drawNotice();
    drawAbsent();
    drawUnreadable();
  }

  /** In a course page inside the launcher: tell it at once when the learner saves. */
  function coursePage() {
    /** Pass a save up to the launcher, with the keys an Import brought in. */
    function changed(event) {
      var session = launcherSession();
      var keys = event && event.detail && event.detail.keys;
      if (session && session.changed) session.changed(Array.isArray(keys) ? keys : undefined);
    }
    document.addEventListener("bb:saved", changed);
    document.addEventListener("bb:progress", changed);
    document.addEventListener("bb:data-changed", changed);
    root.scormNotice = drawNotices;
    root.onPage(drawNotices);
  }

  root.scormCodec = { compress: compress, decompress: decompress, encode: encode, decode: decode, merge: mergeRecord };
  if (document.getElementById("bb-scorm-course")) launcher();
  else coursePage();
})();
