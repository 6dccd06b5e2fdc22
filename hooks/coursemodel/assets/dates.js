/* Bounce Back dates: read a stored YYYY-MM-DD answer, write it as the course's language does.
 *
 * Dates read as the course's language variant writes them (the `date_locale` string:
 * en-GB "Saturday 2 January", en-US "Saturday, January 2"), never as 2027-01-02:
 * `formatDate` is the one date formatter of the scripts (messages, My plan, print and
 * the calendar use it, through `BounceBack.dates` or `BounceBack.messages`).
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  /** The Date of a real YYYY-MM-DD date (UTC midnight), or null. */
  function dateOf(value) {
    var m = DATE.exec(typeof value === "string" ? value.trim() : "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? d : null;
  }

  /** This year, from the page's clock (root.today when there is one). */
  function thisYear() {
    var today = root.today ? root.today() : new Date().toISOString().slice(0, 10);
    return +String(today).slice(0, 4);
  }

  /** The course's language variant for dates: the `date_locale` string (en-GB by default), else the page's. */
  function locale() {
    var named = root.t ? root.t("date_locale") : "";
    if (named && named !== "date_locale") return named;
    return document.documentElement.lang || "en-GB";
  }

  /**
   * A date in the course's language variant: en-GB "Friday 2 January" (`short`:
   * "Fri 2 Jan"), en-US "Friday, January 2" ("Fri, Jan 2"), with the year only when
   * it is not this year (or always, with `alwaysYear`: paper is read long after it is
   * printed); text that is not a date as written. English day-first
   * variants keep the weekday without a comma, as British style writes it.
   */
  function formatDate(value, short, alwaysYear) {
    var d = dateOf(value);
    if (!d) return typeof value === "string" ? value.trim() : "";
    var options = { weekday: short ? "short" : "long", day: "numeric", month: short ? "short" : "long", timeZone: "UTC" };
    var withYear = !!alwaysYear || d.getUTCFullYear() !== thisYear();
    if (withYear) options.year = "numeric";
    var lang = locale();
    var format;
    try {
      format = new Intl.DateTimeFormat(lang, options);
    } catch (e) {
      format = new Intl.DateTimeFormat("en-GB", options);
      lang = "en-GB";
    }
    if (!/^en\b/i.test(lang) || !format.formatToParts) return format.format(d);
    var part = {};
    var order = [];
    format.formatToParts(d).forEach(function (p) {
      if (p.type !== "literal") {
        part[p.type] = p.value;
        order.push(p.type);
      }
    });
    if (order.indexOf("day") < order.indexOf("month")) {
      return [part.weekday, part.day, part.month].concat(withYear ? [part.year] : []).join(" ");
    }
    return part.weekday + ", " + part.month + " " + part.day + (withYear ? ", " + part.year : "");
  }
  root.dates = { dateOf: dateOf, formatDate: formatDate };
})();
