/* Bounce Back My plan: the learner's answers in course order, read-only, with next steps.
 *
 * The worksheets' structure (with each field's storage names) comes from the
 * course data the build ships (`BounceBack.courseData()`); the answers come
 * from the store. The build also writes the plan with no answers into the page,
 * so `draw` must make exactly that markup for a new learner (nothing shifts).
 * Every piece of learner text goes into the page with textContent. The same
 * gathered plan is written out as Markdown (download or copy, to share with a
 * coach) and its dated steps as an iCalendar file (BounceBack.ics).
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var store = root.store;
  var t = root.t;
  var el = root.el;

  /* Gathering ------------------------------------------------------------------ */

  /** The course's name, as the header shows it (the course data may name it too). */
  function courseName(course) {
    if (course && typeof course.title === "string" && course.title) return course.title;
    var topic = document.querySelector(".md-header__topic .md-ellipsis");
    if (topic && topic.textContent.trim()) return topic.textContent.trim();
    var parts = document.title.split(" - ");
    return parts[parts.length - 1].trim();
  }

  /**
   * The worksheets in course order from the course data, each with its id, the
   * link to where it is filled in (relative to this page, as the build writes
   * it) and only the fields that store answers; null when there is no data.
   */
  function structure() {
    var course = root.courseData();
    if (!course) return null;
    var worksheets = Object.keys(course.worksheets).map(function (id) {
      var ws = course.worksheets[id];
      var messages = [];
      ws.sections.forEach(function (section) {
        section.fields.forEach(function (field) {
          if (field.message) messages.push(field);
        });
      });
      return {
        id: id,
        title: ws.title,
        where: ws.where || "",
        href: ws.url ? root.pageHref(ws.url) : "",
        messages: messages,
        sections: ws.sections.map(function (section) {
          return {
            title: section.title,
            fields: section.fields.filter(function (field) {
              return field.names && field.names.length;
            }),
          };
        }),
      };
    });
    return { course: courseName(course), worksheets: worksheets };
  }

  /** A worksheet's saved answers; an unreadable record is set aside. */
  function answersOf(id) {
    return store.read(store.keys.worksheet(id)).answers;
  }

  /**
   * Where messages and plan lines find their answers: storage, each worksheet read
   * once; `row` (a table row's cells by column slug) answers a table's plan line.
   */
  function source(row) {
    var saved = store.emptyMap();
    return {
      get: function (worksheet, name) {
        if (!store.has(saved, worksheet)) saved[worksheet] = answersOf(worksheet);
        return store.has(saved[worksheet], name) ? saved[worksheet][name] : undefined;
      },
      cell: function (slug) {
        return row && store.has(row, slug) ? row[slug] : "";
      },
    };
  }

  /** A parsed template (nodes) filled with the stored answers, as text. */
  function filledText(nodes, row) {
    return root.messages.text(root.messages.fill(nodes, source(row)));
  }

  /** The name of the person a message is for (its `to` answer), "" when it names nobody, null when it has no `to`. */
  function addressee(field) {
    if (!field.to) return null;
    return text(source().get(field.to[0], field.to[1]));
  }

  /**
   * The messages of a worksheet the learner has started, filled in: [{id, label, text, from, to}].
   * A message for a person the learner never named (its `to` is empty) is not composed.
   */
  function messagesOf(ws) {
    if (!ws.messages.length || !Object.keys(answersOf(ws.id)).length) return [];
    var out = [];
    ws.messages.forEach(function (field) {
      var to = addressee(field);
      if (to === "") return;
      out.push({ id: ws.id + "--" + field.id, label: field.label, text: filledText(field.message), from: ws.title, to: to || "" });
    });
    return out;
  }

  /** Every filled-in message, in course order. */
  function allMessages(data) {
    var out = [];
    data.worksheets.forEach(function (ws) {
      out.push.apply(out, messagesOf(ws));
    });
    return out;
  }

  /** True when `name` stands in `words` as whole words (any case). */
  function names(words, name) {
    var at = words.toLowerCase().indexOf(name.toLowerCase());
    if (at === -1) return false;
    var after = words.charAt(at + name.length);
    return !/[\p{L}\p{N}]/u.test(words.charAt(at - 1) || " ") && !/[\p{L}\p{N}]/u.test(after || " ");
  }

  /**
   * The message a plan step carries to the calendar: {text, to} or null. The field's `note`
   * names its worksheet's message(s); a message for nobody named is never carried, and of
   * several the one for the person the step names ("Get in touch with Marcus": Marcus's).
   */
  function noteOf(ws, plan, stepText) {
    var ids = Array.isArray(plan.note) ? plan.note : plan.note ? [plan.note] : [];
    var found = [];
    ws.messages.forEach(function (field) {
      if (ids.indexOf(field.id) === -1) return;
      var to = addressee(field);
      if (to === "") return;
      found.push({ field: field, to: to || "" });
    });
    if (found.length > 1) {
      found = found.filter(function (one) {
        return one.to && names(stepText, one.to);
      });
    }
    if (found.length !== 1) return null;
    return { text: filledText(found[0].field.message), to: found[0].to };
  }

  /** Stored text, trimmed; "" for anything that is not text. */
  function text(value) {
    return typeof value === "string" || typeof value === "number" ? String(value).trim() : "";
  }

  /**
   * True for a real calendar date written as YYYY-MM-DD within the years a
   * calendar takes (BounceBack.ics, loaded first in this bundle, holds the
   * range); any other date is shown as written and left out of the .ics.
   */
  function isDate(value) {
    return root.ics.isDate(value);
  }

  /** Look up the words for a stored slug among [slug, words] pairs. */
  function wordsFor(pairs, slug) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === slug) return pairs[i][1];
    return slug;
  }

  /**
   * Turn one field's stored answers into a value to show, or null when empty:
   * {kind: "text", text} | {kind: "list", items} | {kind: "table", columns, rows}.
   * The answers are found under the field's storage names from the course data,
   * which come in control order: one per checklist item or list line, and a
   * table's cells row by row, column by column.
   */
  function fieldValue(field, stored) {
    var names = field.names || [];
    var first = stored[names[0]];
    var i;
    if (!names.length) return null;
    // A field-type unit reads its own answers back (coursemodel/fields/<type>/field.js).
    var unit = root.types && root.types[field.type];
    if (unit && unit.value) return unit.value(field, stored);
    if (field.type === "choice") {
      return text(first) ? { kind: "text", text: wordsFor(field.options, text(first)) } : null;
    }
    if (field.type === "scenario") {
      // The learner's choice, and what a coach would say about it (a choice the course no longer has has no comment).
      var pick = text(first);
      var said = pick && field.comments ? wordsFor(field.comments, pick) : "";
      return pick ? { kind: "text", text: wordsFor(field.options, pick), comment: said === pick ? "" : said } : null;
    }
    if (field.type === "multichoice") {
      var picked = Array.isArray(first) ? first : [];
      var chosen = field.options.filter(function (o) {
        return picked.indexOf(o[0]) !== -1;
      });
      return chosen.length ? { kind: "list", items: chosen.map(function (o) { return o[1]; }) } : null;
    }
    if (field.type === "checklist") {
      var ticked = field.items.filter(function (item, n) {
        return stored[names[n]] === true;
      });
      return ticked.length ? { kind: "list", ticks: true, items: ticked.map(function (o) { return o[1]; }) } : null;
    }
    if (field.type === "list") {
      var lines = [];
      for (i = 0; i < names.length; i++) if (text(stored[names[i]])) lines.push(text(stored[names[i]]));
      return lines.length ? { kind: "list", items: lines } : null;
    }
    if (field.type === "table") {
      var rows = [];
      var width = field.columns.length;
      for (i = 0; width && i < names.length / width; i++) {
        var row = field.columns.map(function (c, column) {
          return text(stored[names[i * width + column]]);
        });
        if (row.join("")) rows.push(row);
      }
      return rows.length ? { kind: "table", columns: field.columns, rows: rows } : null;
    }
    if (field.type === "scale") {
      var n = text(first);
      if (!n) return null;
      return { kind: "text", text: t("plan_scale", { value: n, max: field.max }) };
    }
    var value = text(first);
    return value ? { kind: "text", text: value, date: field.type === "date" } : null;
  }

  /**
   * One action for "My next 30 days": {date, written, text, from, href, uid}.
   * `date` is a calendar date; anything else the learner wrote there (a year
   * 9999, words) is `written`, shown as it is and kept out of the calendar.
   */
  function action(date, what, ws, uid, note) {
    var ok = isDate(date);
    return {
      date: ok ? date : "",
      written: ok ? "" : text(date),
      text: what,
      note: note ? note.text : "",
      noteFor: note ? note.to : "",
      from: ws.title,
      href: ws.href,
      uid: ws.id + "-" + uid,
    };
  }

  /**
   * The actions of a field with a plan line: one per filled table row (its date
   * from the line's date column), else one when the field or an answer of this
   * worksheet its line names is filled in, dated by the field when it is a date.
   */
  function lineActions(field, ws, stored, out) {
    var plan = field.plan;
    if (field.type === "table") {
      var width = field.columns.length;
      for (var r = 0; width && r < field.names.length / width; r++) {
        var row = store.emptyMap();
        var any = false;
        field.columns.forEach(function (c, column) {
          row[c.slug] = text(stored[field.names[r * width + column]]);
          if (row[c.slug]) any = true;
        });
        if (!any) continue;
        var what = filledText(plan.line, row);
        out.push(action(plan.date ? row[plan.date] : "", what, ws, field.id + "-" + r, noteOf(ws, plan, what)));
      }
      return;
    }
    if (!root.messages.anyFilled(ws.id, plan.when || field.names, source())) return;
    var line = filledText(plan.line);
    out.push(action(plan.date ? text(stored[plan.date]) : "", line, ws, field.id, noteOf(ws, plan, line)));
  }

  /** The next steps: rows and fields marked `plan: true`, dated ones first (by date). */
  function actions(data) {
    var out = [];
    data.worksheets.forEach(function (ws) {
      var stored = answersOf(ws.id);
      ws.sections.forEach(function (section) {
        section.fields.forEach(function (field) {
          if (!field.plan) return;
          if (field.plan.line) return lineActions(field, ws, stored, out);
          var value = fieldValue(field, stored);
          if (!value) return;
          if (value.kind === "table") {
            var dateAt = -1;
            field.columns.forEach(function (c, i) {
              if (dateAt === -1 && c.type === "date") dateAt = i;
            });
            value.rows.forEach(function (row, r) {
              var words = row.filter(function (cell, i) {
                return i !== dateAt && cell;
              });
              var what = words.join(" · ") || field.label;
              out.push(action(dateAt === -1 ? "" : row[dateAt], what, ws, field.id + "-" + r));
            });
          } else if (field.type === "date") {
            out.push(action(value.text, field.label, ws, field.id));
          } else if (value.kind === "list") {
            value.items.forEach(function (item, i) {
              out.push(action("", item, ws, field.id + "-" + i));
            });
          } else {
            out.push(action("", value.text, ws, field.id));
          }
        });
      });
    });
    var order = out.map(function (a, i) {
      return [a, i];
    });
    order.sort(function (x, y) {
      var a = x[0].date || "9999";
      var b = y[0].date || "9999";
      return a < b ? -1 : a > b ? 1 : x[1] - y[1];
    });
    return order.map(function (pair) {
      return pair[0];
    });
  }

  /* Showing --------------------------------------------------------------------- */


  /** A date as the page's language writes it ("Friday, December 4"; `short`: "Fri, Dec 4"), in a <time>. */
  function timeEl(date, short) {
    var node = el("time", "bb-plan-date", formatDate(date, short));
    node.setAttribute("datetime", date);
    return node;
  }

  /** Format YYYY-MM-DD in the course's language variant (dates.js, the one date formatter). */
  function formatDate(date, short) {
    return isDate(date) ? root.dates.formatDate(date, short) : date;
  }

  /** Show one field's value. */
  function valueEl(value) {
    if (value.kind === "text") {
      if (value.date && isDate(value.text)) {
        var wrap = el("p", "bb-plan-value");
        wrap.appendChild(timeEl(value.text));
        return wrap;
      }
      if (value.comment) {
        var both = el("div", "bb-plan-value");
        both.appendChild(el("p", null, value.text));
        both.appendChild(el("p", "bb-plan-comment", t("plan_scenario_comment", { comment: value.comment })));
        return both;
      }
      return el("p", "bb-plan-value", value.text);
    }
    if (value.kind === "list") {
      var list = el("ul", "bb-plan-value" + (value.ticks ? " bb-plan-ticks" : ""));
      value.items.forEach(function (item) {
        var li = el("li");
        if (value.ticks) {
          var mark = el("span", "bb-plan-tick", "✓ ");
          mark.setAttribute("aria-hidden", "true");
          li.appendChild(mark);
        }
        li.appendChild(document.createTextNode(item));
        list.appendChild(li);
      });
      return list;
    }
    var scroll = el("div", "bb-plan-table");
    var table = el("table");
    var head = el("tr");
    value.columns.forEach(function (c) {
      var th = el("th", null, c.label);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    value.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (cell, i) {
        var td = el("td");
        if (value.columns[i].type === "date" && isDate(cell)) td.appendChild(timeEl(cell));
        else td.textContent = cell;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    return scroll;
  }

  /** A link back to where a worksheet is filled in. */
  function editLink(ws) {
    var link = el("a", "bb-plan-edit", t("plan_edit"));
    link.href = ws.href;
    link.setAttribute("aria-label", t("plan_edit_label", { title: ws.title }));
    return link;
  }

  /** The finished messages, each with its Copy button (the empty state is the build's skeleton). */
  function messagesEl(data) {
    var section = el("section", "bb-plan-messages");
    section.setAttribute("aria-labelledby", "bb-plan-messages-title");
    var h = el("h2", null, t("plan_messages"));
    h.id = "bb-plan-messages-title";
    section.appendChild(h);
    var list = allMessages(data);
    if (!list.length) {
      section.appendChild(el("p", "bb-plan-none", t("plan_no_messages")));
      return section;
    }
    section.appendChild(el("p", null, t("plan_messages_intro")));
    list.forEach(function (message) {
      var box = el("div", "bb-plan-message");
      box.setAttribute("data-plan-message", message.id);
      var title = el("h3", null, message.label);
      title.id = "bb-plan-message-" + message.id;
      box.setAttribute("role", "group");
      box.setAttribute("aria-labelledby", title.id);
      box.appendChild(title);
      box.appendChild(el("p", "bb-plan-worksheet__meta", t("plan_from", { title: message.from })));
      box.appendChild(el("pre", "bb-message__preview", message.text));
      var copy = el("button", "md-button bb-button bb-message__copy", t("copy"));
      copy.type = "button";
      var said = el("p", "bb-message__said");
      said.setAttribute("role", "status");
      said.setAttribute("aria-live", "polite");
      copy.addEventListener("click", function () {
        root.copyText(message.text, function (ok) {
          said.textContent = ok ? t("copied") : t("copy_failed");
        });
      });
      box.appendChild(copy);
      box.appendChild(said);
      section.appendChild(box);
    });
    return section;
  }

  /** Draw the whole plan into `host`. */
  function draw(host, data) {
    while (host.firstChild) host.removeChild(host.firstChild);
    var steps = actions(data);

    var next = el("section", "bb-plan-next");
    next.setAttribute("aria-labelledby", "bb-plan-next-title");
    var h = el("h2", null, t("plan_actions"));
    h.id = "bb-plan-next-title";
    next.appendChild(h);
    if (!steps.length) next.appendChild(el("p", "bb-plan-none", t("plan_no_actions")));
    else {
      next.appendChild(el("p", null, t("plan_actions_intro")));
      var list = el("ol", "bb-plan-steps");
      steps.forEach(function (step) {
        var li = el("li", "bb-plan-step");
        if (step.date) {
          li.appendChild(timeEl(step.date, true));
          li.appendChild(document.createTextNode(" — "));
        } else if (step.written) li.appendChild(document.createTextNode(step.written + " — "));
        li.appendChild(el("span", "bb-plan-step__text", step.text));
        var from = el("span", "bb-plan-step__from", " (" + t("plan_from", { title: step.from }) + ")");
        li.appendChild(from);
        list.appendChild(li);
      });
      next.appendChild(list);
    }
    host.appendChild(next);
    host.appendChild(messagesEl(data));
    // Ratings repeated at the end, beside the first ones (moved.js); none when the course compares nothing.
    var moved = root.moved && root.moved.section(root.courseData(), answersOf);
    if (moved) host.appendChild(moved);

    var all = el("section", "bb-plan-all");
    all.setAttribute("aria-labelledby", "bb-plan-all-title");
    var h2 = el("h2", null, t("plan_answers"));
    h2.id = "bb-plan-all-title";
    all.appendChild(h2);
    var any = false;
    data.worksheets.forEach(function (ws) {
      var stored = answersOf(ws.id);
      var block = el("section", "bb-plan-worksheet");
      block.setAttribute("data-plan-worksheet", ws.id);
      var title = el("h3", null, ws.title);
      title.id = "bb-plan-" + ws.id;
      block.setAttribute("aria-labelledby", title.id);
      block.appendChild(title);
      var meta = el("p", "bb-plan-worksheet__meta");
      if (ws.where) meta.appendChild(el("span", null, ws.where));
      if (ws.where && ws.href) {
        // The separator belongs to the Edit link: paper has no link, so it hides with it.
        var sep = el("span", "bb-plan-sep", " · ");
        sep.setAttribute("aria-hidden", "true");
        meta.appendChild(sep);
      }
      if (ws.href) meta.appendChild(editLink(ws));
      block.appendChild(meta);
      var filled = 0;
      ws.sections.forEach(function (section) {
        var dl = el("dl", "bb-plan-answers");
        section.fields.forEach(function (field) {
          var value = fieldValue(field, stored);
          if (!value) return;
          filled++;
          var dt = el("dt", null, field.label);
          if (field.plan) dt.className = "bb-plan-marked";
          dl.appendChild(dt);
          var dd = el("dd");
          dd.appendChild(valueEl(value));
          dl.appendChild(dd);
        });
        if (dl.firstChild) {
          block.appendChild(el("h4", null, section.title));
          block.appendChild(dl);
        }
      });
      if (!filled) {
        block.classList.add("bb-plan-worksheet--empty");
        block.appendChild(el("p", "bb-plan-none", t("plan_not_started")));
      } else any = true;
      all.appendChild(block);
    });
    if (!any) all.insertBefore(el("p", "bb-plan-none", t("plan_empty")), h2.nextSibling);
    host.appendChild(all);
  }

  /* Markdown ------------------------------------------------------------------- */

  /**
   * Keep learner text from turning into Markdown markup of its own (CommonMark
   * and GitHub's tables). Characters that mark up text anywhere in a line are
   * escaped everywhere; what starts a block only at the start of a line (a list
   * item `-`/`+`/`1.`/`1)`, a rule or setext underline `---`/`===`, a
   * definition `:`) is escaped there. Leading spaces go, since four of them
   * would make a code block. Lines end in a hard break; with `inline` (a table
   * cell) they are joined by spaces instead.
   */
  function mdText(value, inline) {
    return String(value)
      .split(/\r\n|\r|\n/)
      .map(function (line) {
        return line
          .replace(/\\/g, "\\\\")
          .replace(/([*_`[\]<>#|~&])/g, "\\$1")
          .replace(/^[ \t]+/, "")
          .replace(/^([-+=:])/, "\\$1")
          .replace(/^(\d{1,9})([.)])/, "$1\\$2");
      })
      .join(inline ? " " : "  \n");
  }

  /** The whole plan as Markdown, every answer included. */
  function markdown(data) {
    var out = ["# " + mdText(t("plan_doc_title", { course: data.course })), "", "_" + t("plan_made", { date: formatDate(root.today()) }) + "_", ""];
    out.push("## " + t("plan_actions"), "");
    var steps = actions(data);
    if (!steps.length) out.push(t("plan_no_actions"), "");
    steps.forEach(function (step) {
      var when = step.date ? formatDate(step.date, true) : step.written;
      out.push("- " + (when ? "**" + mdText(when, true) + "** — " : "") + mdText(step.text, true) + " (" + mdText(t("plan_from", { title: step.from }), true) + ")");
    });
    out.push("", "## " + t("plan_messages"), "");
    var messages = allMessages(data);
    if (!messages.length) out.push(t("plan_no_messages"), "");
    messages.forEach(function (message) {
      out.push("### " + mdText(message.label, true) + " (" + mdText(t("plan_from", { title: message.from }), true) + ")", "");
      out.push(mdText(message.text), "");
    });
    if (root.moved) out.push.apply(out, [""].concat(root.moved.markdown(root.courseData(), answersOf, mdText)));
    out.push("", "## " + t("plan_answers"), "");
    data.worksheets.forEach(function (ws) {
      var stored = answersOf(ws.id);
      var parts = [];
      ws.sections.forEach(function (section) {
        section.fields.forEach(function (field) {
          var value = fieldValue(field, stored);
          if (!value) return;
          parts.push("**" + mdText(field.label) + "**", "");
          if (value.kind === "text") {
            parts.push(mdText(value.date ? formatDate(value.text) : value.text), "");
            if (value.comment) parts.push("> " + mdText(t("plan_scenario_comment", { comment: value.comment })), "");
          }
          else if (value.kind === "list") {
            value.items.forEach(function (item) {
              parts.push((value.ticks ? "- [x] " : "- ") + mdText(item));
            });
            parts.push("");
          } else {
            parts.push("| " + value.columns.map(function (c) { return mdText(c.label, true); }).join(" | ") + " |");
            parts.push("|" + value.columns.map(function () { return " --- "; }).join("|") + "|");
            value.rows.forEach(function (row) {
              parts.push("| " + row.map(function (cell, i) { return mdText(value.columns[i].type === "date" ? formatDate(cell) : cell, true); }).join(" | ") + " |");
            });
            parts.push("");
          }
        });
      });
      out.push("### " + mdText(ws.title), "");
      if (parts.length) out.push.apply(out, parts);
      else out.push("_" + t("plan_not_started") + "_", "");
    });
    return out.join("\n").replace(/\n{3,}/g, "\n\n");
  }

  /* Files and clipboard -------------------------------------------------------- */

  /** Say something in the plan's status line. */
  function say(message) {
    var status = document.querySelector(".bb-plan-status");
    if (status) status.textContent = message;
  }

  /** File names start with the course id so several courses' files stay apart. */
  function fileName(suffix) {
    var meta = document.querySelector('meta[name="bb-namespace"]');
    return ((meta && meta.content) || "bounce-back") + "-" + suffix + "-" + root.today();
  }

  /**
   * Give a toolbar button its action. The plan hook renders the buttons into the
   * page (so nothing shifts when this runs); one it left out is added here.
   */
  function button(bar, label, action, onClick) {
    var b = bar.querySelector('[data-action="' + action + '"]');
    if (!b) {
      b = el("button", "md-button bb-button", label);
      b.type = "button";
      b.setAttribute("data-action", action);
      bar.appendChild(b);
    }
    b.addEventListener("click", onClick);
    return b;
  }

  /** A button the page rendered for a feature that is not loaded goes away. */
  function drop(bar, action) {
    var b = bar.querySelector('[data-action="' + action + '"]');
    if (b) b.parentNode.removeChild(b);
  }

  /** Give the plan toolbar's buttons their actions, once. */
  function toolbar(bar, data) {
    if (bar._bbPlan) return;
    bar._bbPlan = true;
    button(bar, t("plan_download_md"), "download-markdown", function () {
      var name = fileName("plan") + ".md";
      root.download(name, "text/markdown;charset=utf-8", markdown(structure() || data));
      say(t("plan_md_done", { file: name }));
    });
    button(bar, t("plan_copy_md"), "copy-markdown", function () {
      root.copyText(markdown(structure() || data), function (ok) {
        say(ok ? t("copied") : t("copy_failed"));
      });
    });
    button(bar, t("plan_calendar"), "calendar", function () {
      var dated = actions(structure() || data).filter(function (a) {
        return a.date;
      });
      if (!dated.length) return say(t("plan_no_dates"));
      var name = fileName("plan") + ".ics";
      root.download(name, "text/calendar;charset=utf-8", root.ics.calendar(dated, (structure() || data).course));
      say(t("plan_ics_done", { file: name, count: dated.length }));
    });
    if (root.data && root.data.exportAll) {
      button(bar, t("plan_backup"), "export", function () {
        say(t("exported", { file: root.data.exportAll() }));
      });
    } else drop(bar, "export");
    // print.js adds Print only to toolbars that have none, so the rendered one is wired here.
    var print = bar.querySelector('[data-action="print"]');
    if (print && root.print && root.print.print) {
      print.addEventListener("click", function () {
        root.print.print(null);
      });
    } else if (print) drop(bar, "print");
  }

  /* Wiring --------------------------------------------------------------------- */

  /** Draw My plan if this is the plan page. */
  function page() {
    // `.bb-plan`: worksheet fields marked `plan: true` carry data-plan too.
    var host = document.querySelector(".bb-plan[data-plan]");
    var data = host && structure();
    if (!data) return;
    var meta = document.querySelector("[data-plan-meta]");
    if (meta) meta.textContent = t("plan_doc_title", { course: data.course }) + " · " + t("plan_made", { date: formatDate(root.today()) });
    var bar = document.querySelector("[data-plan-toolbar]");
    if (bar) toolbar(bar, data);
    draw(host, data);
  }

  root.onPage(page);
  store.onChange(page);
  document.addEventListener("bb:data-changed", page);

  root.plan = { structure: structure, actions: actions, messages: allMessages, markdown: markdown, mdText: mdText, refresh: page };
})();
