// Loads the engine's browser scripts into a small stand-in for a page, so their pure
// parts (messages, dates, calendar text, the store's records) run under Node's own test
// runner with no browser and no bundler. The scripts are the same files the build bundles.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ASSETS = path.resolve(HERE, "../../hooks/coursemodel/assets");

/** A Storage (localStorage, sessionStorage) kept in memory; `full` makes every write throw. */
export function memoryStorage() {
  const items = new Map();
  return {
    full: false,
    get length() {
      return items.size;
    },
    key(i) {
      return [...items.keys()][i] ?? null;
    },
    getItem(k) {
      return items.has(String(k)) ? items.get(String(k)) : null;
    },
    setItem(k, v) {
      if (this.full) throw new Error("QuotaExceededError");
      items.set(String(k), String(v));
    },
    removeItem(k) {
      items.delete(String(k));
    },
    clear() {
      items.clear();
    },
  };
}

/** An element that keeps its children and text: enough for a notice the store shows. */
function fakeElement(tag) {
  return {
    tagName: String(tag).toUpperCase(),
    children: [],
    attributes: {},
    textContent: "",
    style: {},
    hidden: false,
    classList: { add() {}, remove() {}, contains: () => false, toggle() {} },
    appendChild(child) {
      this.children.push(child);
      return child;
    },
    insertBefore(child) {
      this.children.unshift(child);
      return child;
    },
    prepend(child) {
      this.children.unshift(child);
    },
    append(...nodes) {
      this.children.push(...nodes);
    },
    remove() {},
    removeChild() {},
    setAttribute(name, value) {
      this.attributes[name] = String(value);
    },
    getAttribute(name) {
      return this.attributes[name] ?? null;
    },
    removeAttribute(name) {
      delete this.attributes[name];
    },
    addEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
  };
}

/** The few parts of `document` the scripts touch while loading and in their pure parts. */
function fakeDocument({ lang, namespace }) {
  return {
    documentElement: { lang },
    readyState: "complete",
    body: fakeElement("body"),
    createElement: fakeElement,
    createTextNode: (text) => ({ textContent: String(text) }),
    querySelector(selector) {
      if (selector === 'meta[name="bb-namespace"]') return { content: namespace };
      return null;
    },
    querySelectorAll: () => [],
    getElementById: () => null,
    addEventListener() {},
    removeEventListener() {},
  };
}

/**
 * Run `files` (in bundle order) in a fresh page; return its `window.BounceBack`.
 * `lang` is the page's language (dates follow it), `namespace` the course id.
 */
export function load(files, { lang = "en", namespace = "test-course", today } = {}) {
  const page = vm.createContext({ console, URL, TextEncoder });
  page.window = page;
  page.document = fakeDocument({ lang, namespace });
  page.localStorage = memoryStorage();
  page.sessionStorage = memoryStorage();
  page.location = { href: "http://127.0.0.1/course/", hostname: "127.0.0.1" };
  page.addEventListener = () => {};
  page.removeEventListener = () => {};
  page.parent = page;
  for (const name of files) {
    const file = path.join(ASSETS, name);
    vm.runInContext(fs.readFileSync(file, "utf8"), page, { filename: file });
  }
  if (today) page.BounceBack.today = () => today;
  page.BounceBack.page = page;
  return page.BounceBack;
}
