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
 * or live value) and, for a table row, `source.cell(slug)`. Dates read as the course's
 * language variant writes them (the `date_locale` string: en-GB "Saturday 2 January",
 * en-US "Saturday, January 2"), never as 2027-01-02, through dates.js, the one date
 * formatter of the scripts (My plan, print and the calendar use it too).
 *
 * Answers are written into sentences, not pasted: `{name's}` (`pos`) is a name's
 * possessive ("Thandi's", UK style "Charles's"); in a plan line (`short`) a long
 * answer stands as its first sentence; a capitalised phrase that lands mid-sentence
 * takes a small letter in a message ("I'm aiming for data roles") and is quoted in a
 * plan line ("Start building “Presenting to executives”"), so no capital follows a
 * colon or a verb mid-sentence. Names ("Priya Shah", "Thandi") stand as written.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  // An answer that already ends a sentence, perhaps inside quotes or brackets.
  var ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/;
  // Words that open a phrase and take a small letter inside a sentence ("with my adviser").
  var DETERMINER = /^(My|Our|Your|His|Her|Their|The|A|An|Some|Any|Every|This|That|These|Those)\s/;

  // Dates are read and written by dates.js (the one date formatter; print.js uses it too).
  var dateOf = root.dates.dateOf;
  var formatDate = root.dates.formatDate;

  /** The possessive of a name: "Thandi's", "Charles's"; "me" is "my". A long phrase keeps its leading name. */
  function possessive(text) {
    var words = text.split(/\s+/);
    if (/^(me|myself|i)$/i.test(text)) return "my";
    // "Thandi reads it first" names Thandi: the possessive is of the name, not the sentence.
    if (words.length > 3) {
      var name = [];
      for (var i = 0; i < words.length && /^\p{Lu}/u.test(words[i]); i++) name.push(words[i]);
      if (name.length) text = name.join(" ");
    }
    text = text.replace(/[.,;:!?]+$/, "");
    return /['’]s$/i.test(text) ? text : text + "'s";
  }

  /**
   * An answer as a phrase in a plan line: its first sentence; inside a sentence (`mid`)
   * also cut at a word near 90 characters, so a long answer is never pasted mid-line.
   */
  function phrase(text, mid) {
    var first = /^[\s\S]*?[.!?…](?=\s|$)/.exec(text);
    var out = (first ? first[0] : text).replace(/\s+/g, " ").trim();
    if (mid && out.length > 90) out = out.slice(0, 90).replace(/\s+\S*$/, "") + "…";
    // A phrase goes on inside a line, so a closing full stop goes (the template adds one where it ends).
    return out.replace(/([^.])\.$/, "$1");
  }

  /**
   * True when a block's possessive name is already said before it ("Call Dev…, with Dev's
   * help") or is the learner ("me"): the block would only repeat it, so it is left out.
   */
  function repeatsName(node, source, out) {
    var said = out
      .map(function (piece) {
        return piece.text || "";
      })
      .join("");
    var found = false;
    (node.then || []).forEach(function (child) {
      if (found || !child || typeof child !== "object" || !child.pos) return;
      var text = answerText(child, source);
      if (!text) return;
      if (/^(me|myself|i)$/i.test(text)) found = true;
      var name = possessive(text).replace(/['’]s$/, "");
      var at = said.toLowerCase().indexOf(name.toLowerCase());
      if (at !== -1 && !/[\p{L}\p{N}]/u.test(said.charAt(at + name.length) || " ")) found = true;
    });
    return found;
  }

  /**
   * True when text placed after `before` lands mid-sentence and starts a capitalised phrase
   * ("Presenting to executives", "Volunteer to present…"), which reads as pasted unless quoted.
   * Names ("Thandi", "Priya Shah", "Dr Lee") and acronyms ("SQL course") stand as they are.
   */
  function needsQuotes(before, text) {
    if (!/[\p{L}\p{N},:;)]\s+$/u.test(before)) return false;
    var words = text.split(/\s+/);
    if (words.length < 2 || !/^\p{Lu}\p{Ll}*[,;:]?$/u.test(words[0]) || /^I(['’]|$)/.test(words[0])) return false;
    for (var i = 1; i < words.length; i++) if (/^\p{Ll}/u.test(words[i])) return true;
    return false;
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

  /** The text before the next piece, for judging where an answer lands. */
  function before(out) {
    var last = out[out.length - 1];
    return last && last.text !== undefined ? last.text : "";
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
      else if (node["if"] !== undefined) {
        pieces(test(node, source) && !repeatsName(node, source, out) ? node.then : node["else"], source, out);
      }
      else {
        var text = answerText(node, source);
        var own = !!text;
        if (own && node.short && node.t !== "date") text = phrase(text, !!before(out).trim());
        if (!text && typeof node.or === "string") text = node.or;
        if (text && node.pos) text = possessive(text);
        // A plan line that opens with the learner's phrase ("join a speaking club…") starts with a capital.
        if (own && node.short && !before(out).trim() && out.length <= 1) text = text.charAt(0).toUpperCase() + text.slice(1);
        if (own && !node.pos && node.t !== "date" && needsQuotes(before(out), text)) {
          // In a letter the learner's phrase reads as their own words ("aiming for data roles"), as does
          // "my adviser Sam" anywhere; in a plan line other phrases are quoted as the learner's.
          if (DETERMINER.test(text) || !node.short) text = text.charAt(0).toLowerCase() + text.slice(1);
          else text = "“" + text + (node.stop && !ENDS_SENTENCE.test(text) ? String(node.stop) : "") + "”";
        }
        if (text || typeof node.or === "string") out.push({ text: node.stop ? stop(text, String(node.stop)) : text });
        else out.push({ blank: (node.l || "") });
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
    possessive: possessive,
    phrase: phrase,
  };
  // Pages that show messages load this file on their own; after an instant navigation it
  // arrives once the forms are drawn, so their previews are drawn now.
  if (root.worksheets && root.worksheets.late) root.worksheets.late();
})();
