// Types of `speclint/element`: importing it registers <spec-lint>.
import type { Report } from "./index.js";

export type { Report } from "./index.js";

/** `detail` of the `speclint-error` event. */
export interface SpecLintErrorDetail {
  /** The message the element shows. */
  message: string;
}

export interface SpecLintElementEventMap extends HTMLElementEventMap {
  /** After every successful check; bubbles and crosses shadow roots. */
  "speclint-report": CustomEvent<Report>;
  /** When a check fails (unreachable `src`, bad template, ...); the element shows the message. */
  "speclint-error": CustomEvent<SpecLintErrorDetail>;
}

/**
 * `<spec-lint>`: checks a Markdown spec and shows its completeness.
 *
 * Attributes: `src` (raw Markdown URL), `for` (id of a textarea, input or contenteditable to watch),
 * or Markdown as the element's text; `template` (`auto`, `spec-md`, `tech-spec` or a template
 * `.md` URL), `min-score` (0–100), `compact` (a score badge that opens the findings).
 */
export declare class SpecLintElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The last Report, or null before the first check and after a failed one. */
  readonly report: Report | null;
  /** The message shown for the last failed check, or null. */
  readonly error: string | null;
  /**
   * Checks now, re-reading the source (fetching `src` again, reading the watched editor), and
   * resolves with the Report; rejects with the error the element then shows.
   */
  check(): Promise<Report>;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void;

  addEventListener<K extends keyof SpecLintElementEventMap>(
    type: K,
    listener: (this: SpecLintElement, ev: SpecLintElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SpecLintElementEventMap>(
    type: K,
    listener: (this: SpecLintElement, ev: SpecLintElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "spec-lint": SpecLintElement;
  }
  interface GlobalEventHandlersEventMap {
    "speclint-report": CustomEvent<Report>;
    "speclint-error": CustomEvent<SpecLintErrorDetail>;
  }
}
