import { IntlMessageFormat } from 'intl-messageformat';

export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/**
 * A sentence of a dictionary, in ICU MessageFormat (`{count, plural, one {# item} other {# items}}`,
 * by the language's own plural rules), with its values put in. Each sentence is parsed once.
 */
export function formatMessage(language: string, sentence: string, values: MessageValues = {}): string {
  const key = `${language}\n${sentence}`;
  let message = compiled.get(key);
  // no markup in the dictionaries: a `<` is text
  if (!message) compiled.set(key, (message = new IntlMessageFormat(sentence, language, undefined, { ignoreTag: true })));
  return String(message.format(values));
}
