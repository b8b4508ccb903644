/**
 * dom.ts — the pane's one way to make elements: `el(tag, attrs, ...children)`, the lookups by id, and the
 * keyboard behaviour of a list of buttons.
 *
 * Owns: creating elements with their attributes, data attributes, listeners and children (text is
 * always set as text, never as HTML); one Tab stop per list of buttons (`rovingFocus`).
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

/**
 * One Tab stop for a list of buttons (a roving tabindex): Tab enters the list at the button last focused (the
 * first at the start) and leaves it for the next list, ↑ ↓ Home End move within it. A keyboard user reaches
 * every list in a few Tabs however long each is; a click or a screen reader's cursor reaches every button.
 */
export function rovingFocus(list: HTMLElement): void {
  const buttons = () => Array.from(list.querySelectorAll<HTMLButtonElement>(':scope > li > button'));
  buttons().forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  list.addEventListener('focusin', (e) => {
    const all = buttons();
    if (!all.includes(e.target as HTMLButtonElement)) return;
    for (const b of all) b.tabIndex = b === e.target ? 0 : -1;
  });
  list.addEventListener('keydown', (e) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, to))]?.focus();
  });
}
