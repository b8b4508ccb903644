/**
 * dom.ts — the pane's one way to make elements: `el(tag, attrs, ...children)`, and the lookups by id.
 *
 * Owns: creating elements with their attributes, data attributes, listeners and children (text is
 * always set as text, never as HTML).
 */

type Child = Node | string | null | undefined | false;
type Listeners = Partial<Record<keyof HTMLElementEventMap, (e: Event) => void>>;

export interface Attrs {
  /** `data-*` attributes. */
  dataset?: Record<string, string>;
  /** Listeners, by event name. */
  on?: Listeners;
  /** Any other attribute: true sets it empty; false, null and undefined leave it out. */
  [attribute: string]: string | number | boolean | null | undefined | Record<string, string> | Listeners;
}

/** An element with its attributes and children: `el('li', { class: 'hint-group' }, el('h3', null, title), list)`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === 'dataset') Object.assign(e.dataset, value);
    else if (name === 'on') for (const [type, listener] of Object.entries(value as Listeners)) e.addEventListener(type, listener);
    else if (value === true) e.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) e.setAttribute(name, String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** The element with this id (the pane's HTML has every id the code asks for). */
export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Set an element's text, if it exists. */
export function setText(id: string, text: string): void {
  const e = document.getElementById(id);
  if (e) e.textContent = text;
}
