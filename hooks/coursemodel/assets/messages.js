/* Bounce Back messages: fill a parsed template (a message or a plan line) with answers.
 *
 * The build parses and checks every template once (hooks/coursemodel/messages.py)
 * and ships its nodes in the course data; this file only renders them, so there
 * is one parser. Nodes:
 *   "text"                                   literal text
 *   {v: [worksheet, name], t, l, or?, stop?} an answer (`col: slug` for a table row's cell);
 *                                            `or` when empty, `stop` ("." or "?") ends its sentence
 *   {if: [worksheet, [names]] | {col}, is?, then: [...], else: [...]}
 *                                            a block kept when the names are filled in
 *                                            (or hold one of the answers `is`)
 * The caller says where answers come from: `source.get(worksheet, name)` (a stored
 * or live value) and, for a table row, `source.cell(slug)`. Dates read as the page's
 * language writes them ("Friday, January 2"), never as 2027-01-02.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  // An answer that already ends a sentence, perhaps inside quotes or brackets.
  var ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/;

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

  /**
   * A date in the page's language: "Friday, January 2" (`short`: "Fri, Jan 2"),
   * with the year only when it is not this year; text that is not a date as written.
   */
  function formatDate(value, short) {
    var d = dateOf(value);
    if (!d) return typeof value === "string" ? value.trim() : "";
    var options = { weekday: short ? "short" : "long", day: "numeric", month: short ? "short" : "long", timeZone: "UTC" };
    if (d.getUTCFullYear() !== thisYear()) options.year = "numeric";
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(d);
    } catch (e) {
      return value;
    }
  }

  /** True for a stored or live value that holds an answer. */
  function filled(value) {
    if (value === true) return true;
    if (Array.isArray(value)) return value.length > 0;
    return (typeof value === "string" || typeof value === "number") && String(value).trim() !== "";
  }

  /** True when a value (a slug or a list of slugs) holds one of `wanted`. */
  function holds(value, wanted) {
    var list = Array.isArray(value) ? value : [value];
    for (var i = 0; i < list.length; i++) if (wanted.indexOf(String(list[i])) !== -1) return true;
    return false;
  }

  /** The raw value a node names, from the source. */
  function raw(node, source, ref) {
    if (ref && !Array.isArray(ref) && ref.col !== undefined) return source.cell ? source.cell(ref.col) : "";
    if (node.col !== undefined) return source.cell ? source.cell(node.col) : "";
    return source.get(node.v[0], node.v[1]);
  }

  /** Whether an `[[if …]]` block's first branch is kept. */
  function test(node, source) {
    var ref = node["if"];
    if (!Array.isArray(ref)) return filled(source.cell ? source.cell(ref.col) : "");
    for (var i = 0; i < ref[1].length; i++) {
      var value = source.get(ref[0], ref[1][i]);
      if (node.is ? filled(value) && holds(value, node.is) : filled(value)) return true;
    }
    return false;
  }

  /** The text an answer node puts in the message ("" when empty). */
  function answerText(node, source) {
    var value = raw(node, source);
    if (!filled(value) || typeof value === "boolean" || Array.isArray(value)) return "";
    var text = String(value).trim();
    return node.t === "date" ? formatDate(text, false) : text;
  }

  /** End the text with `mark` ("." or "?") unless it already ends a sentence. */
  function stop(text, mark) {
    return !text || ENDS_SENTENCE.test(text) ? text : text + mark;
  }

  /**
   * Fill nodes into pieces: {text} for words, {blank: label} for an answer with
   * no words to stand in for it (the learner still has to write it).
   */
  function pieces(nodes, source, out) {
    out = out || [];
    (nodes || []).forEach(function (node) {
      if (typeof node === "string") out.push({ text: node });
      else if (node["if"] !== undefined) pieces(test(node, source) ? node.then : node["else"], source, out);
      else {
        var text = answerText(node, source);
        if (!text && typeof node.or === "string") text = node.or;
        if (text || typeof node.or === "string") out.push({ text: node.stop ? stop(text, String(node.stop)) : text });
        else out.push({ blank: node.l || "" });
      }
    });
    return out;
  }

  /**
   * Tidy filled pieces: join neighbouring text, drop spaces before a line end or a
   * comma or full stop an empty answer left behind, keep at most one blank line.
   */
  function tidy(list) {
    var out = [];
    list.forEach(function (piece) {
      var last = out[out.length - 1];
      if (piece.text !== undefined && last && last.text !== undefined) last.text += piece.text;
      else out.push(piece.text !== undefined ? { text: piece.text } : piece);
    });
    out.forEach(function (piece, i) {
      if (piece.text === undefined) return;
      piece.text = piece.text
        .replace(/[ \t]+(\r?\n)/g, "$1")
        .replace(/ {2,}/g, " ")
        .replace(/ ([,.;:!?])/g, "$1")
        .replace(/\n{3,}/g, "\n\n");
      if (i === 0) piece.text = piece.text.replace(/^\s+/, "");
      if (i === out.length - 1) piece.text = piece.text.replace(/\s+$/, "");
    });
    return out.filter(function (piece) {
      return piece.text === undefined || piece.text !== "";
    });
  }

  /** Fill a template's nodes: the tidy pieces (see `pieces`). */
  function fill(nodes, source) {
    return tidy(pieces(nodes, source));
  }

  /** The plain text of filled pieces, as copied: a blank is a line to write on. */
  function text(list) {
    return list
      .map(function (piece) {
        return piece.blank !== undefined ? "____" : piece.text;
      })
      .join("");
  }

  /** The labels of the blanks left, for the note said after Copy. */
  function blanks(list) {
    return list
      .filter(function (piece) {
        return piece.blank !== undefined;
      })
      .map(function (piece) {
        return piece.blank;
      });
  }

  /** Show filled pieces in `el` (text nodes only; a blank is a marked line with its label for screen readers). */
  function show(el, list) {
    while (el.firstChild) el.removeChild(el.firstChild);
    list.forEach(function (piece) {
      if (piece.blank === undefined) return el.appendChild(document.createTextNode(piece.text));
      var mark = document.createElement("mark");
      mark.className = "bb-placeholder";
      mark.textContent = "____";
      mark.title = piece.blank;
      var label = document.createElement("span");
      label.className = "bb-visually-hidden";
      label.textContent = " (" + piece.blank + ")";
      mark.appendChild(label);
      el.appendChild(mark);
    });
  }

  /** True when any of the stored names of a worksheet holds an answer. */
  function anyFilled(worksheet, names, source) {
    for (var i = 0; i < names.length; i++) if (filled(source.get(worksheet, names[i]))) return true;
    return false;
  }

  root.messages = {
    fill: fill,
    text: text,
    blanks: blanks,
    show: show,
    filled: filled,
    anyFilled: anyFilled,
    formatDate: formatDate,
    dateOf: dateOf,
  };
})();
