/* Bounce Back SCORM 1.2: tell the LMS when the learner has completed the course.
 *
 * Included only in the SCORM package (python -m hooks.bundle scorm). The
 * package opens scorm.html, which holds the one LMS session (LMSInitialize …
 * LMSFinish) and shows the course pages in a frame, so moving between pages
 * never ends the session. Completion: every module in the course map is
 * marked complete in the progress record (BounceBack.store, written by progress.js).
 * Answers stay in the browser; suspend_data only gets a short marker. With no
 * LMS around, the launcher is just the course in a frame.
 */
(function () {
  "use strict";

  var root = (window.BounceBack = window.BounceBack || {});
  var POLL_MS = 2000;

  /** Walk up the parent and opener chain for the SCORM 1.2 `API` object. */
  function findAPI(win) {
    var tries = 0;
    while (win && tries < 10) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
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

  /** The modules a learner must complete, from the launcher's JSON block. */
  function courseModules() {
    var el = document.getElementById("bb-scorm-course");
    try {
      return (el && JSON.parse(el.textContent).modules) || [];
    } catch (e) {
      return [];
    }
  }

  /** Count modules marked complete in the progress record. */
  function doneCount(modules) {
    var complete = root.store.read(root.store.keys.progress).complete;
    var done = 0;
    for (var i = 0; i < modules.length; i++) if (complete[modules[i]]) done += 1;
    return done;
  }

  /** Run the LMS session in the launcher page. */
  function launcher() {
    var api = findAPI(window.parent !== window ? window.parent : window.opener);
    var session = { api: api, open: false, completed: false, errors: [] };
    root.scorm = session;
    if (!api) return; /* No LMS: the frame is the plain course. */

    /** Call the LMS API function `name`, noting any call the LMS refuses. */
    function call(name, a, b) {
      var result = b === undefined ? api[name](a) : api[name](a, b);
      if (String(result) === "false") {
        session.errors.push(name + " " + (a || "") + ": " + api.LMSGetLastError());
      }
      return result;
    }

    if (String(call("LMSInitialize", "")) !== "true") return;
    session.open = true;
    var modules = courseModules();
    var status = String(api.LMSGetValue("cmi.core.lesson_status"));
    session.completed = status === "completed" || status === "passed";
    if (!session.completed && (status === "not attempted" || status === "" || status === "browsed")) {
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
      call("LMSCommit", "");
    }

    /** Tell the LMS how many modules are complete, and that the course is once all are. */
    function check() {
      if (!session.open) return;
      var done = doneCount(modules);
      var marker = "bb1:" + done + "/" + modules.length;
      if (String(api.LMSGetValue("cmi.suspend_data")) !== marker) {
        call("LMSSetValue", "cmi.suspend_data", marker);
      }
      if (!session.completed && modules.length && done >= modules.length) {
        session.completed = true;
        call("LMSSetValue", "cmi.core.lesson_status", "completed");
        call("LMSCommit", "");
      }
    }

    /** End the LMS session once, as the learner leaves. */
    function finish() {
      if (!session.open) return;
      check();
      call("LMSSetValue", "cmi.core.exit", session.completed ? "" : "suspend");
      call("LMSCommit", "");
      call("LMSFinish", "");
      session.open = false;
    }

    session.check = check;
    session.finish = finish;
    /* progress.js writes the store from the course frame: same origin, so this
       page hears it as a storage event; the poll is a fallback. */
    root.store.onChange(function (key) {
      if (key === root.store.keys.progress) check();
    });
    window.setInterval(check, POLL_MS);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    check();
  }

  /** In a course page inside the launcher: pass progress events up at once. */
  function coursePage() {
    document.addEventListener("bb:progress", function () {
      try {
        var up = window.parent && window.parent.BounceBack && window.parent.BounceBack.scorm;
        if (up && up.check) up.check();
      } catch (e) {
        /* Not inside our launcher: nothing to tell. */
      }
    });
  }

  if (document.getElementById("bb-scorm-course")) launcher();
  else coursePage();
})();
