/* Bounce Back calendar files: dated plan steps as iCalendar (RFC 5545).
 *
 * One all-day VEVENT per step (DTSTART;VALUE=DATE and the next day as DTEND),
 * titled by the step's action, its description the message it sends (and for whom),
 * with a reminder at 9:00 that day. Lines end in CRLF, are folded at 75 octets
 * (counted in UTF-8, never splitting a character) and TEXT values escape
 * backslashes, semicolons, commas and newlines; every other line break (VT, FF,
 * NEL, U+2028, U+2029) is a newline too, and the controls TEXT does not allow
 * (NUL and the rest of C0, DEL, C1) are dropped. UIDs are stable per step, so
 * importing a newer file updates events instead of doubling them. Only real
 * dates from 1900 to 2200 go in: a typo such as 9999-12-31 would otherwise give
 * an end date (10000-01-01) no calendar reads, and My plan shows it as written.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var FIRST_YEAR = 1900;
  var LAST_YEAR = 2200;

  /** True for a real calendar date written YYYY-MM-DD, in the years FIRST_YEAR to LAST_YEAR. */
  function isDate(value) {
    var m = DATE.exec(typeof value === "string" ? value : "");
    if (!m || +m[1] < FIRST_YEAR || +m[1] > LAST_YEAR) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  // Line breaks as a learner's text may hold them: CRLF, CR, LF, VT, FF, NEL (U+0085) and the
  // Unicode line and paragraph separators. Each becomes one TEXT newline (`\n`).
  var BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;
  // What RFC 5545 does not allow in TEXT and is no line break: the other C0 controls (TAB is
  // allowed), DEL, the C1 controls, and halves of a character (a lone surrogate has no UTF-8).
  var NOT_TEXT = new RegExp(
    "[\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u009f]" +
      "|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]",
    "g"
  );

  /** Escape a TEXT value (RFC 5545 3.3.11): line breaks as `\n`, other controls dropped. */
  function escapeText(value) {
    return String(value)
      .replace(BREAKS, "\n")
      .replace(NOT_TEXT, "")
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\n/g, "\\n");
  }

  /** The number of UTF-8 octets of one character (code point). */
  function octets(ch) {
    var code = ch.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  /** Fold one content line into pieces of at most 75 octets, continuations starting with a space. */
  function fold(line) {
    var out = [];
    var current = "";
    var size = 0;
    var limit = 75;
    Array.from(line).forEach(function (ch) {
      var n = octets(ch);
      if (size + n > limit) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    });
    out.push(current);
    return out.join("\r\n");
  }

  /** YYYY-MM-DD (a date `isDate` accepts) → YYYYMMDD, and the day after, for an all-day event. */
  function days(date) {
    var m = DATE.exec(date);
    var next = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + 1));
    /** Two digits. */
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return [m[1] + m[2] + m[3], next.getUTCFullYear() + pad(next.getUTCMonth() + 1) + pad(next.getUTCDate())];
  }

  /** Now in UTC as an iCalendar DATE-TIME (DTSTAMP). */
  function stamp() {
    return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  /** The UID domain part: this site's host, or a placeholder when opened from a file. */
  function host() {
    return window.location.hostname || "bounce-back.invalid";
  }

  /**
   * An event's description: the message the step sends (said for whom, ready to copy),
   * then where it comes from. A step carries only its own message (plan.js chooses it).
   */
  function description(step, name) {
    var from = step.from ? name + ": " + step.from : name;
    if (!step.note) return from;
    var t = root.t || function (key) {
      return key;
    };
    var head = step.noteFor ? t("ics_message_for", { name: step.noteFor }) : t("ics_message");
    return head + "\n\n" + step.note + "\n\n" + from;
  }

  /**
   * Build a calendar from steps [{date: "YYYY-MM-DD", text, note?, from, uid}]; `name`
   * titles the calendar. Steps without a date `isDate` accepts are left out.
   * Returns the file's text.
   */
  function calendar(steps, name) {
    var meta = document.querySelector('meta[name="bb-namespace"]');
    var ns = (meta && meta.content) || "bounce-back";
    var now = stamp();
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Bounce Back//My plan//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(name),
    ];
    steps.forEach(function (step) {
      if (!isDate(step.date)) return;
      var d = days(step.date);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + ns + "-" + step.uid.replace(/[^A-Za-z0-9.-]/g, "-") + "@" + host(),
        "DTSTAMP:" + now,
        "DTSTART;VALUE=DATE:" + d[0],
        "DTEND;VALUE=DATE:" + d[1],
        "SUMMARY:" + escapeText(step.text),
        "DESCRIPTION:" + escapeText(description(step, name)),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + escapeText(step.text),
        "TRIGGER;RELATED=START:PT9H",
        "END:VALARM",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  root.ics = {
    calendar: calendar,
    escapeText: escapeText,
    fold: fold,
    isDate: isDate,
    FIRST_YEAR: FIRST_YEAR,
    LAST_YEAR: LAST_YEAR,
  };
})();
