import { isPluralElement, isSelectElement, isTagElement, MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { english } from './en';
import { formatMessage } from './format';
import { french } from './fr';
import { dutch } from './nl';

/** Every argument a sentence takes, and those it counts with a plural, as the ICU parser reads it (a syntax error throws). */
function argumentsOf(sentence: string): { names: string[]; plurals: string[] } {
  const names = new Set<string>();
  const plurals = new Set<string>();
  const walk = (elements: MessageFormatElement[]): void =>
    elements.forEach((element) => {
      if (isTagElement(element)) return walk(element.children);
      if ('value' in element && element.type !== 0 && typeof element.value === 'string') names.add(element.value);
      if (isPluralElement(element)) plurals.add(element.value);
      if (isPluralElement(element) || isSelectElement(element)) Object.values(element.options).forEach((option) => walk(option.value));
    });
  walk(parse(sentence, { ignoreTag: true, requiresOtherClause: true }));
  return { names: [...names].sort(), plurals: [...plurals].sort() };
}

describe('the translations', () => {
  it.each([
    ['French', french],
    ['Dutch', dutch],
  ] as const)('give %s a sentence for every English key, taking the same arguments', (_, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual(Object.keys(english).sort());
    for (const [key, sentence] of Object.entries(english)) {
      const translated = dictionary[key as keyof typeof english];
      expect({ key, empty: translated.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, arguments: argumentsOf(translated).names }).toEqual({ key, arguments: argumentsOf(sentence).names });
    }
  });

  it.each([
    ['English', english],
    ['French', french],
    ['Dutch', dutch],
  ] as const)('are ICU messages in %s, and a count is always said with a plural', (_, dictionary) => {
    for (const [key, sentence] of Object.entries(dictionary)) {
      const { names, plurals } = argumentsOf(sentence);
      // "items: {count}" reads wrong for one item: a count takes the language's plural forms
      if (names.includes('count')) expect({ key, plurals }).toEqual({ key, plurals: expect.arrayContaining(['count']) });
    }
  });

  it('say one and many in each language by its own plural rules', () => {
    expect(formatMessage('en', english['transfer.dispatch'], { count: 1 })).toBe('Dispatch (1 item)');
    expect(formatMessage('en', english['transfer.dispatch'], { count: 3 })).toBe('Dispatch (3 items)');
    // French counts zero as one; Dutch does not
    expect(formatMessage('fr', french['seizure.summary'], { code: 'S1', site: 'TPI-BRU', count: 0 })).toBe('Saisie S1 à TPI-BRU, 0 pièce');
    expect(formatMessage('fr', french['seizure.summary'], { code: 'S1', site: 'TPI-BRU', count: 2 })).toBe('Saisie S1 à TPI-BRU, 2 pièces');
    expect(formatMessage('nl', dutch['seizure.summary'], { code: 'S1', site: 'POL-BRU', count: 0 })).toBe('Inbeslagname S1 in POL-BRU, 0 stukken');
    expect(formatMessage('nl', dutch['seizure.summary'], { code: 'S1', site: 'POL-BRU', count: 1 })).toBe('Inbeslagname S1 in POL-BRU, 1 stuk');
    expect(formatMessage('en', english['labels.attempts'], { count: 2 })).toBe('2nd attempt');
  });

  it('leave few sentences the same as English: names, codes and words the languages share', () => {
    const same = (dictionary: Record<string, string>) => Object.keys(english).filter((key) => dictionary[key] === english[key as keyof typeof english]);
    // each of these is the same word in that language (Site, Code, Port, Document…), checked by a person
    expect(same(french)).toEqual([
      'nav.admin',
      'scanDesk.field',
      'admin.title',
      'admin.port',
      'field.site',
      'field.description',
      'field.code',
      'field.port',
      'category.document',
    ]);
    expect(same(dutch)).toEqual([
      'scan.camera',
      'scanDesk.field',
      'labels.printer',
      'admin.printers',
      'field.site',
      'field.status',
      'field.code',
      'field.host',
      'category.drugs',
      'category.document',
      'role.auditor',
    ]);
  });
});
