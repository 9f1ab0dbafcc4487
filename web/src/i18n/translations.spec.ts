import { english } from './en';
import { french } from './fr';
import { dutch } from './nl';

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the translations', () => {
  it.each([
    ['French', french],
    ['Dutch', dutch],
  ] as const)('give %s a sentence for every English key, with the same placeholders', (_, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual(Object.keys(english).sort());
    for (const [key, sentence] of Object.entries(english)) {
      const translated = dictionary[key as keyof typeof english];
      expect({ key, empty: translated.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(translated) }).toEqual({ key, placeholders: placeholders(sentence) });
    }
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
