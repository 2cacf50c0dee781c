import { BrowserDefaultLanguage } from './BrowserDefaultLanguage';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return { getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v), data };
}

describe('BrowserDefaultLanguage', () => {
  it('defaults to the first browser language the portal speaks', () => {
    const api = BrowserDefaultLanguage.create({
      available: ['en', 'ja'],
      storage: memoryStorage(),
      preferred: ['ja-JP', 'en-US'],
    });
    expect(api.getLanguage().language).toBe('ja');
    const fr = BrowserDefaultLanguage.create({
      available: ['en', 'ja'],
      storage: memoryStorage(),
      preferred: ['fr-FR'],
    });
    expect(fr.getLanguage().language).toBe('en');
  });

  it("prefers the user's own choice and remembers a new one", () => {
    const storage = memoryStorage({ language: 'en' });
    const api = BrowserDefaultLanguage.create({ available: ['en', 'ja'], storage, preferred: ['ja'] });
    expect(api.getLanguage().language).toBe('en');
    const seen: string[] = [];
    const sub = api.language$().subscribe((v: { language: string }) => seen.push(v.language));
    api.setLanguage('ja');
    sub.unsubscribe();
    api.setLanguage('en');
    expect(seen).toEqual(['en', 'ja']);
    expect(storage.data.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
