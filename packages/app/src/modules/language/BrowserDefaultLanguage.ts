import type { AppLanguageApi } from '@backstage/frontend-plugin-api';

type Listener = (value: { language: string }) => void;

const STORAGE_KEY = 'language';
const observableSymbol: symbol | string = (Symbol as any).observable ?? '@@observable';

/**
 * The portal's language: what the user picked in Settings (kept in local storage), otherwise the
 * first of the browser's preferred languages that the portal speaks, otherwise English.
 */
export class BrowserDefaultLanguage implements AppLanguageApi {
  private language: string;
  private readonly listeners = new Set<Listener>();

  static create(options: {
    available: string[];
    storage?: Pick<Storage, 'getItem' | 'setItem'>;
    preferred?: readonly string[];
  }) {
    const storage = options.storage ?? (typeof window !== 'undefined' ? window.localStorage : undefined);
    const preferred =
      options.preferred ?? (typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : []);
    return new BrowserDefaultLanguage(options.available, storage, preferred);
  }

  private constructor(
    private readonly available: string[],
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
    preferred: readonly string[],
  ) {
    const stored = storage?.getItem(STORAGE_KEY) ?? undefined;
    const fromBrowser = preferred.map(l => l.toLocaleLowerCase('en-US').split('-')[0]).find(l => available.includes(l));
    this.language = stored && available.includes(stored) ? stored : fromBrowser ?? available[0];
    this.reflect();
  }

  getAvailableLanguages() {
    return { languages: [...this.available] };
  }

  getLanguage() {
    return { language: this.language };
  }

  setLanguage(language?: string) {
    const next = language && this.available.includes(language) ? language : this.available[0];
    this.storage?.setItem(STORAGE_KEY, next);
    if (next === this.language) return;
    this.language = next;
    this.reflect();
    for (const listener of [...this.listeners]) listener({ language: next });
  }

  language$(): any {
    const listeners = this.listeners;
    const current = () => ({ language: this.language });
    const observable: Record<string | symbol, unknown> = {
      subscribe(observer?: Listener | { next?: Listener }) {
        const next: Listener | undefined = typeof observer === 'function' ? observer : observer?.next?.bind(observer);
        const listener: Listener = value => next?.(value);
        listeners.add(listener);
        listener(current());
        let closed = false;
        return {
          unsubscribe() {
            listeners.delete(listener);
            closed = true;
          },
          get closed() {
            return closed;
          },
        };
      },
      [observableSymbol](): unknown {
        return observable;
      },
    };
    return observable;
  }

  /** Lets the browser (fonts, hyphenation, screen readers) know the page's language. */
  private reflect() {
    if (typeof document !== 'undefined') document.documentElement.lang = this.language;
  }
}
