/* Bounce Back loader: the feature bundles a page uses, on every page view.
 *
 * Last in main.js. A built page names its features in load order in
 * <meta name="bb-bundles"> and links their files itself, so a first load needs
 * nothing from here. Material's instant navigation swaps the content and <head>
 * but runs no new <script> outside the content: on every page view this adds, once,
 * the stylesheet and script of each feature the page names that is not there yet
 * (`BounceBack.bundles` says where they are; steps/assets.py writes it).
 * `BounceBack.need(name, fn)` loads one on demand and runs `fn` once it ran.
 */
(function () {
  "use strict";
  var root = (window.BounceBack = window.BounceBack || {});
  var state = {};
  var waiting = {};
  /** Run what waited for bundle `name`. */
  function done(name) {
    state[name] = "loaded";
    (waiting[name] || []).splice(0).forEach(function (fn) {
      fn();
    });
  }
  /** Make sure bundle `name` (and the stylesheet it has) is on the page; `fn` runs once its script ran. */
  function need(name, fn) {
    var files = (root.bundles || {})[name];
    if (!files) return;
    var sel = '[data-bb-bundle="' + name + '"]';
    if (files.css && !document.querySelector("link" + sel)) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = root.siteUrl(files.css);
      link.setAttribute("data-bb-bundle", name);
      document.head.appendChild(link);
    }
    /* The page's own <script> tags for it (first load) ran before any page view. */
    if (!state[name] && (!files.js || document.querySelector("script" + sel))) state[name] = "loaded";
    if (state[name] === "loaded") return fn && fn();
    if (fn) (waiting[name] = waiting[name] || []).push(fn);
    if (state[name] === "loading") return;
    state[name] = "loading";
    var script = document.createElement("script");
    script.src = root.siteUrl(files.js);
    script.async = false; /* Run in the order asked for: a bundle may use an earlier one. */
    script.onload = function () {
      done(name);
    };
    script.onerror = function () {
      state[name] = ""; /* Try again on the next page view. */
      script.remove();
    };
    document.head.appendChild(script);
  }
  /** Load every bundle this page names. */
  function check() {
    var meta = document.querySelector('meta[name="bb-bundles"]');
    (meta ? meta.content.split(" ") : []).forEach(function (name) {
      if (name) need(name);
    });
  }
  root.need = need;
  if (root.onPage) root.onPage(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
