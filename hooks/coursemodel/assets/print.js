/* Bounce Back print: the "Print / Save as PDF" button and a page that prints whole.
 *
 * Browsers print form controls as they look on screen: a one-line input cuts
 * long text at its width and a textarea shows only its visible rows. So every
 * text control gets a print-only twin (`.bb-print-value`) holding its value as
 * text, kept in step as the learner types (and refreshed before printing,
 * because `page.pdf()` and some print paths fire no `beforeprint`). print.css
 * hides the control and shows the twin, or ruled space when it is empty.
 *
 * Before printing, collapsed examples (`<details>`) open and a small running
 * header is set (course, title, page address); afterwards every `<details>`
 * goes back to how the learner left it.
 *
 * The running header's rules live in print.css. This file only hands them
 * their words, as CSS custom properties on <html> (`--bb-print-course`,
 * `--bb-print-title`, `--bb-print-address`) and the class `bb-print-margin-boxes`:
 * a property set through the CSSOM is allowed by the site's Content-Security-
 * Policy (style-src 'self'), where an injected <style> element is refused.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var TEXT_TYPES = /^(text|textarea|email|url|tel|search|number|date|time|month|week|datetime-local)$/;
  var CONTROLS = "form.bb-worksheet input, form.bb-worksheet textarea, form.bb-worksheet select";
  /* Chromium draws @page margin boxes from version 131; other engines get a header element. */
  var MARGIN_BOXES = (function () {
    var match = /Chrom(?:e|ium)\/(\d+)/.exec(navigator.userAgent || "");
    return !!match && parseInt(match[1], 10) >= 131;
  })();

  var prepared = false;
  var openedForPrint = [];
  var hiddenForPrint = [];

  /** Say a UI string through the shared strings, with an English fallback. */
  function t(name, fallback) {
    var text = root.t ? root.t(name) : name;
    return text === name ? fallback : text;
  }

  /** True for controls whose value is text that can outgrow the control. */
  function isTextControl(el) {
    if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && TEXT_TYPES.test(el.type || "text");
  }

  /** Return (making it if needed) the print-only twin right after a control. */
  function twinOf(el) {
    var next = el.nextElementSibling;
    if (next && next.classList.contains("bb-print-value")) return next;
    var twin = document.createElement("div");
    twin.className = "bb-print-value";
    twin.setAttribute("aria-hidden", "true");
    twin.setAttribute("data-kind", el.tagName === "TEXTAREA" ? "textarea" : el.type || "text");
    if (el.tagName === "TEXTAREA") {
      var rows = parseInt(el.getAttribute("rows"), 10) || 3;
      twin.style.setProperty("--bb-rows", String(Math.min(Math.max(rows, 2), 12)));
    }
    el.parentNode.insertBefore(twin, el.nextSibling);
    el.classList.add("bb-has-print-value");
    return twin;
  }

  /** Copy one control's value into its twin (textContent only: it is the learner's text). */
  function syncOne(el) {
    if (!el || !isTextControl(el) || !el.parentNode) return;
    var value = el.value || "";
    if (el.tagName === "SELECT") {
      var option = el.options[el.selectedIndex];
      value = option && option.value ? option.text : "";
    }
    // A date reads in words on paper ("Thursday 26 November 2026"), never as 2026-11-26; with
    // its year, since a printed sheet is read long after the year it was filled in.
    if (el.type === "date" && value && root.dates && root.dates.dateOf(value)) {
      value = root.dates.formatDate(value, false, true);
    }
    var twin = twinOf(el);
    if (twin.textContent !== value) twin.textContent = value;
    twin.classList.toggle("bb-print-value--empty", !value.trim());
  }

  /** Refresh every twin on the page. */
  function syncAll() {
    var controls = document.querySelectorAll(CONTROLS);
    for (var i = 0; i < controls.length; i++) syncOne(controls[i]);
  }

  /** Escape text for a CSS string literal (the value of a custom property print.css puts in `content`). */
  function cssString(text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n\f]+/g, " ") + '"';
  }

  /** The course name as the header shows it, after the center's name when there is one. */
  function courseName() {
    var topic = document.querySelector(".md-header__topic .md-ellipsis");
    var parts = document.title.split(" - ");
    var name = topic && topic.textContent.trim() ? topic.textContent.trim() : parts[parts.length - 1].trim();
    var brand = document.querySelector(".bb-print-brand[data-organisation]");
    var organisation = brand ? brand.getAttribute("data-organisation").trim() : "";
    return organisation && organisation !== name ? organisation + " · " + name : name;
  }

  /** The page's own title (its first heading), or the document title. */
  function pageTitle() {
    var h1 = document.querySelector(".md-content__inner h1");
    if (h1) return h1.textContent.replace(/\u00b6/g, "").trim();
    return document.title.split(" - ")[0].trim();
  }

  /** Write the running header and footer for this print. */
  function setRunningHeader(title) {
    var course = courseName();
    var address = window.location.href.split("#")[0];
    var html = document.documentElement;
    html.style.setProperty("--bb-print-course", cssString(course));
    html.style.setProperty("--bb-print-title", cssString(title));
    html.style.setProperty("--bb-print-address", cssString(address));
    html.classList.toggle("bb-print-margin-boxes", MARGIN_BOXES);

    var inner = document.querySelector(".md-content__inner") || document.body;
    var header = document.getElementById("bb-print-header");
    if (!header) {
      header = document.createElement("div");
      header.id = "bb-print-header";
      header.className = "bb-print-header";
      header.setAttribute("aria-hidden", "true");
      ["course", "title", "address"].forEach(function (part) {
        var span = document.createElement("span");
        span.className = "bb-print-header__" + part;
        header.appendChild(span);
      });
    }
    if (header.parentNode !== inner) inner.insertBefore(header, inner.firstChild);
    header.querySelector(".bb-print-header__course").textContent = course;
    header.querySelector(".bb-print-header__title").textContent = title;
    header.querySelector(".bb-print-header__address").textContent = address;
  }

  /** Hide everything in the article except `target` (a worksheet printed on its own). */
  function isolate(target) {
    var inner = document.querySelector(".md-content__inner");
    if (!inner || !inner.contains(target)) return;
    var node = target;
    while (node && node !== inner) {
      var siblings = node.parentNode.children;
      for (var i = 0; i < siblings.length; i++) {
        var sibling = siblings[i];
        if (sibling !== node && sibling.id !== "bb-print-header" && !sibling.hasAttribute("data-bb-print-hidden")) {
          sibling.setAttribute("data-bb-print-hidden", "");
          hiddenForPrint.push(sibling);
        }
      }
      node = node.parentNode;
    }
  }

  /** Get the page ready to print; `target` is one worksheet, or null for the page. */
  function prepare(target) {
    syncAll();
    if (prepared) return;
    prepared = true;
    var details = document.querySelectorAll(".md-content details");
    for (var i = 0; i < details.length; i++) {
      if (!details[i].open) {
        details[i].open = true;
        openedForPrint.push(details[i]);
      }
    }
    var title = pageTitle();
    if (target) {
      isolate(target);
      var heading = target.querySelector(".bb-worksheet__title, h2, h1");
      if (heading) title = heading.textContent.replace(/\u00b6/g, "").trim();
    }
    setRunningHeader(title);
    document.documentElement.classList.add("bb-printing");
  }

  /** Put the page back as the learner left it. */
  function restore() {
    if (!prepared) return;
    prepared = false;
    openedForPrint.forEach(function (el) {
      el.open = false;
    });
    openedForPrint = [];
    hiddenForPrint.forEach(function (el) {
      el.removeAttribute("data-bb-print-hidden");
    });
    hiddenForPrint = [];
    document.documentElement.classList.remove("bb-printing");
  }

  /** Prepare, open the browser's print dialog, and tidy up when it closes. */
  function printNow(target) {
    prepare(target || null);
    try {
      window.print();
    } finally {
      // Browsers that print asynchronously send afterprint; the rest return here when done.
      if (!("onafterprint" in window)) restore();
    }
  }

  /** Make one Print button that prints `target` (or the whole page when null). */
  function printButton(target) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button bb-button bb-button--print";
    button.setAttribute("data-action", "print");
    button.textContent = t("print", "Print / Save as PDF");
    button.addEventListener("click", function () {
      printNow(target);
    });
    return button;
  }

  /** Add a Print button to toolbars that do not have one yet (My plan and others). */
  function fillOtherToolbars() {
    var bars = document.querySelectorAll(".bb-toolbar:not([data-worksheet-toolbar])");
    for (var i = 0; i < bars.length; i++) {
      var bar = bars[i];
      if (bar.querySelector("[data-action=print]") || bar.hasAttribute("data-no-print")) continue;
      bar.appendChild(printButton(null));
    }
  }

  /** Worksheet toolbars filled before this file arrived (it loads after an instant navigation) get Print too. */
  function lateToolbars() {
    var bars = document.querySelectorAll("form.bb-worksheet [data-worksheet-toolbar]");
    for (var i = 0; i < bars.length; i++) {
      if (bars[i]._bbFilled && !bars[i].querySelector("[data-action=print]")) {
        bars[i].appendChild(printButton(bars[i].closest("form")));
      }
    }
  }

  // Worksheet toolbars are built by worksheets.js; we add our button through its hook.
  (root.toolbars = root.toolbars || []).push(function (bar, form) {
    if (bar.querySelector("[data-action=print]")) return;
    bar.appendChild(printButton(form));
  });

  document.addEventListener(
    "input",
    function (event) {
      syncOne(event.target);
    },
    true
  );
  document.addEventListener(
    "change",
    function (event) {
      syncOne(event.target);
    },
    true
  );
  document.addEventListener("bb:data-changed", function () {
    window.setTimeout(syncAll, 0);
  });
  window.addEventListener("beforeprint", function () {
    prepare(null);
  });
  window.addEventListener("afterprint", restore);
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    var onMedia = function (event) {
      if (event.matches) prepare(null);
      else restore();
    };
    if (query.addEventListener) query.addEventListener("change", onMedia);
    else if (query.addListener) query.addListener(onMedia);
  }

  root.onPage(function () {
    restore();
    syncAll();
    // worksheets.js restores saved answers and plan.js fills its toolbar on this same page
    // view; mirror the answers after them and put Print last.
    window.setTimeout(function () {
      syncAll();
      fillOtherToolbars();
      lateToolbars();
    }, 0);
  });

  root.print = { prepare: prepare, restore: restore, sync: syncAll, print: printNow };
})();
