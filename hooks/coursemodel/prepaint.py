"""The few hundred bytes that run in `<head>`, before the first paint.

What a module page shows first depends on saved data: the step the learner is
on (or the whole module), and which personal path blocks are theirs. Deferred
scripts run after the browser may have painted, so deciding there moves the
page under the learner's eyes (layout shift). This script decides first: it
reads the progress record and the About-you record and puts the answer on
`<html>` as attributes that steps.css and path.css key on:

- `bb-js`: scripts run (steps are only ever hidden then);
- `bb-returning`: the learner has been on a module, so the start page's first button will be
  "Continue" (progress.css keeps its place and hides Start; progress.js corrects it);
- `bb-stepped` + `data-bb-step="3"`, or `bb-whole`, on a module page in steps
  (`<meta name="bb-steps" content="<module src>" data-steps="<count>">` before it);
- `data-bb-path="<index>"` (the situation's place among the course's path names)
  and `data-bb-flag` (the flag is ticked), unless this tab shows every path.

Its keys and names come from `keys.py` and the course model, written into the
script at build time, so no key is spelled twice by hand; the script is the
same on every page of a build, so hosting's CSP needs one hash for it
(`steps/hosting.py` hashes every inline script). The scripts that run later
(`steps.js`, `paths.js`) take over from these attributes and keep them true.
"""

from __future__ import annotations

import json
from typing import Any

from .keys import PROGRESS_KEY, SHOW_ALL_PATHS_KEY, field_names, namespace, worksheet_key
from .paths import find_roles

# c: {p: key prefix, g: progress key, w: About-you key, s / f: situation / flag storage names,
#     n: situation names in order, a: show-all tab key}. Learner ids as store.js's `prefix()`.
SCRIPT = (
    "(function(c){var d=document.documentElement,p=c.p,l=null;"
    "try{var u=window.parent!==window&&parent.BounceBack&&parent.BounceBack.store;"
    "l=u&&u.learner?u.learner():null}"
    "catch(e){}"
    'if(typeof l=="string")p=p.slice(0,-1)+"@lms-"+encodeURIComponent(l)+":";'
    "function r(k){try{var v=JSON.parse(localStorage.getItem(p+k));"
    'return v&&typeof v=="object"?v:{}}catch(e){return{}}}'
    'd.classList.add("bb-js");'
    'var g=r(c.g);if(typeof g.last=="string")d.classList.add("bb-returning");'
    "var m=document.querySelector('meta[name=\"bb-steps\"]');"
    'if(m){var t=+m.getAttribute("data-steps"),n=g.step&&+g.step[m.content];'
    'd.setAttribute("data-bb-step",n>=1&&n<=t?n:1);'
    'd.classList.add(g.whole===true?"bb-whole":"bb-stepped")}'
    'try{if(c.w&&sessionStorage.getItem(c.p+c.a)!=="1"){var a=r(c.w).answers||{},'
    "i=c.n.indexOf(a[c.s]);"
    'if(i>=0){d.setAttribute("data-bb-path",i);if(a[c.f]===true)d.setAttribute("data-bb-flag","")}}}'
    "catch(e){}})(%s)"
)
# path.css hides other situations' blocks before paint for this many situations;
# a course with more shows the rest until paths.js runs.
MAX_SITUATIONS = 16


def prepaint_config(course: Any, course_id: str) -> dict[str, Any]:
    """Return what the head script needs: key prefix and names, and where the situation is kept."""
    config: dict[str, Any] = {"p": namespace(course_id), "g": PROGRESS_KEY, "a": SHOW_ALL_PATHS_KEY}
    roles = find_roles(course.worksheets)
    if roles.worksheet and roles.situation:
        ws = course.worksheets[roles.worksheet]
        situation = ws.fields[roles.situation]
        names = field_names(situation)
        config.update(
            {
                "w": worksheet_key(roles.worksheet),
                "s": names[0] if names else "",
                "f": (field_names(ws.fields[roles.flag]) or [""])[0] if roles.flag else "",
                "n": [option.slug for option in situation.options][:MAX_SITUATIONS],
            }
        )
    return config


def prepaint_script(course: Any, course_id: str) -> str:
    """Return the head script's text for this course (JSON data, no author text in code position)."""
    data = json.dumps(prepaint_config(course, course_id), separators=(",", ":"), ensure_ascii=True)
    # `</` could close the script element early; JSON allows the escaped slash.
    return SCRIPT % data.replace("</", "<\\/")


def situation_marks(names: list[str], known: list[str], flag: str) -> list[str]:
    """Return a path block's `data-fit` words for `names`: each situation's place, and `flag`."""
    situations = [n for n in known if n != flag]
    out = [str(situations.index(n)) for n in names if n in situations]
    if flag and flag in names:
        out.append("flag")
    return out
