/**
 * A tiny DOM builder: elements, attributes and text only. Text always goes through text nodes, never
 * HTML strings, so user data cannot become markup.
 */
import { withBase } from '../utils/paths.ts';

/** Attribute values; `false`, `null` and `undefined` leave the attribute out. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;
/** Children: nodes or text. */
export type Child = Node | string | null | undefined | false;

/** Create an HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Create an SVG element with attributes and children. */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    // Links are written as site paths (`/guides/timeout/`); the site may be hosted under a base path.
    el.setAttribute(name, value === true ? '' : name === 'href' ? withBase(String(value)) : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replace all children of `el`. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Find a required element inside `root`, or throw a message naming the selector (a markup bug). */
export function must<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T & Element>(selector);
  if (!el) throw new Error(`Playground markup is missing ${selector}`);
  return el;
}
