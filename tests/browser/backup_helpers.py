"""Shared steps for the backup and restore tests: export and import through BounceBack.data."""

from __future__ import annotations

import json

from tests.browser.ws_helpers import NS

# data.js comes with the pages that show the data controls; elsewhere it is fetched when needed.
DATA_READY = """() => new Promise((ready) => (BounceBack.data ? ready() : BounceBack.need("data", ready)))"""

# Answers files are made by exportAll, caught before the download (the file is the same text).
EXPORT = (
    """async () => {
  await ("""
    + DATA_READY
    + """)();
  const download = BounceBack.download;
  let text = null;
  BounceBack.download = (name, type, content) => { text = content; };
  try { BounceBack.data.exportAll(); } finally { BounceBack.download = download; }
  return text;
}"""
)

# Import `text` as a chosen file would be, without the confirmation dialog.
IMPORT = (
    """async (text) => {
  await ("""
    + DATA_READY
    + """)();
  const file = new File([text], "answers.json", { type: "application/json" });
  return await BounceBack.data.importFile(file, { confirm: false });
}"""
)

# Storage that holds only `budget` more characters (keys and values, as Chromium counts them)
# than it holds now: a full disk in the middle of an import. Removals give room back.
QUOTA = """(budget) => {
  const proto = Storage.prototype;
  const setItem = proto.setItem;
  const removeItem = proto.removeItem;
  let used = 0;
  const size = (store, key) => {
    const old = store.getItem(key);
    return old === null ? 0 : String(key).length + old.length;
  };
  proto.setItem = function (key, value) {
    const grow = String(key).length + String(value).length - size(this, key);
    if (grow > 0 && used + grow > budget) throw new DOMException("full", "QuotaExceededError");
    used += grow;
    return setItem.call(this, key, value);
  };
  proto.removeItem = function (key) {
    used -= size(this, key);
    return removeItem.call(this, key);
  };
}"""

# A storage failure that is not the quota: write number `n` (from 1) throws, then writes work again.
FAIL_ONCE = """(n) => {
  const setItem = Storage.prototype.setItem;
  let count = 0;
  Storage.prototype.setItem = function (key, value) {
    count += 1;
    if (count === n) throw new TypeError("the disk went away");
    return setItem.call(this, key, value);
  };
}"""


def put_all(page, data: dict) -> None:
    """Store every key of `data` under the course namespace: str values as raw text, others as JSON.

    The JSON is written here, not in the page: handing the page an object with a
    `__proto__` key would set its prototype instead of storing the name.
    """
    texts = [[k, v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))] for k, v in data.items()]
    page.evaluate(
        "([ns, data]) => { for (const [key, text] of data) localStorage.setItem(ns + key, text); }",
        [NS, texts],
    )


def snapshot(page) -> dict:
    """Every course key (without the namespace) and its raw text."""
    return page.evaluate(
        """(ns) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(ns))
             .map((k) => [k.slice(ns.length), localStorage.getItem(k)]))""",
        NS,
    )


def parsed(storage: dict) -> dict:
    """Storage with every record parsed; set-aside (corrupt:) text stays raw."""
    return {k: v if k.startswith("corrupt:") else json.loads(v) for k, v in storage.items()}


def answers_text(data: dict, course: str = "bounce-back") -> str:
    """An answers file holding `data`, as text."""
    return json.dumps(
        {"format": "bounce-back-answers", "version": 1, "course": course, "exported": "x", "data": data}
    )
