/* Bounce Back: the one place that touches browser storage.
 *
 * Every widget reads and writes through BounceBack.store.get/set so that keys
 * are namespaced by course, values are JSON, failures never break the page and
 * the learner is told, once and visibly, when nothing can be kept.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var VERSION = 1;
  var available = null;
  var listeners = [];

  /** Return the course namespace from <meta name="bb-namespace">. */
  function namespace() {
    var meta = document.querySelector('meta[name="bb-namespace"]');
    return "bb:" + ((meta && meta.content) || "bounce-back") + ":";
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
        var probe = namespace() + "__probe__";
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
    var box = document.createElement("div");
    box.id = id;
    box.className = "bb-notice bb-notice--" + kind + " admonition warning";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    content.insertBefore(box, content.firstChild);
  }

  /** Move an unreadable value aside (never delete it) and tell the learner. */
  function setAside(fullKey, raw) {
    try {
      var aside = namespace() + "corrupt:" + fullKey.slice(namespace().length) + ":" + Date.now();
      window.localStorage.setItem(aside, raw);
      window.localStorage.removeItem(fullKey);
    } catch (e) {
      /* Storage refused the copy: leave the original where it is. */
    }
    notice("corrupt", t("corrupt_data"));
  }

  /** Read a JSON value; corrupt data is set aside and `fallback` returned. */
  function get(key, fallback) {
    if (!isAvailable()) return memory.hasOwnProperty(key) ? memory[key] : fallback;
    var fullKey = namespace() + key;
    var raw;
    try {
      raw = window.localStorage.getItem(fullKey);
    } catch (e) {
      return fallback;
    }
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw);
    } catch (e) {
      setAside(fullKey, raw);
      return fallback;
    }
  }

  /* When storage is off, answers live in memory for this page view only. */
  var memory = {};

  /** Write a JSON value; returns false (and shows the notice) when it cannot. */
  function set(key, value) {
    if (!isAvailable()) {
      memory[key] = value;
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
    try {
      if (value === undefined) window.localStorage.removeItem(namespace() + key);
      else window.localStorage.setItem(namespace() + key, JSON.stringify(value));
      return true;
    } catch (e) {
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
  }

  /** List this course's keys (without namespace), including set-aside ones. */
  function keys() {
    var out = [];
    if (!isAvailable()) return Object.keys(memory);
    try {
      var ns = namespace();
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(ns) === 0) out.push(k.slice(ns.length));
      }
    } catch (e) {
      /* Reading the key list failed: report what we have. */
    }
    return out.sort();
  }

  /** Read a stored value as raw text, for exporting set-aside data as it is. */
  function raw(key) {
    if (!isAvailable()) return memory.hasOwnProperty(key) ? memory[key] : null;
    try {
      return window.localStorage.getItem(namespace() + key);
    } catch (e) {
      return null;
    }
  }

  /** Write raw text as it is (set-aside data being imported back); false when it cannot. */
  function setRaw(key, text) {
    if (!isAvailable()) {
      memory[key] = text;
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
    try {
      window.localStorage.setItem(namespace() + key, String(text));
      return true;
    } catch (e) {
      notice("unavailable", t("storage_unavailable"));
      return false;
    }
  }

  /** Call `fn(key)` when another tab changes one of this course's keys. */
  function onChange(fn) {
    listeners.push(fn);
  }

  window.addEventListener("storage", function (event) {
    var ns = namespace();
    if (!event.key || event.key.indexOf(ns) !== 0) return;
    var key = event.key.slice(ns.length);
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

  root.store = {
    VERSION: VERSION,
    get: get,
    set: set,
    keys: keys,
    raw: raw,
    setRaw: setRaw,
    onChange: onChange,
    isAvailable: isAvailable,
    namespace: namespace,
  };
  root.t = t;
  root.today = today;
  root.download = download;
  root.copyText = copyText;
  root.notice = notice;
  root.onPage = onPage;
})();
