import { createContext, useContext } from 'react';
import { ApiError } from './api';
import { english, Phrase } from './i18n/en';
import { formatMessage, MessageValues } from './i18n/format';
import { french } from './i18n/fr';
import { dutch } from './i18n/nl';
import { CustodyPolicy, Language, Role, User } from './model';

const dictionaries: Record<Language, Record<Phrase, string>> = { en: english, fr: french, nl: dutch };

export type Translate = (phrase: Phrase, values?: MessageValues) => string;

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (phrase, values) => formatMessage(language, dictionary[phrase], values);
}

/** Whether the dictionary has words for this key (enum values the API may add later fall back to the raw value). */
export function knows(key: string): key is Phrase {
  return key in english;
}

export interface Session {
  user: User;
  /** The custody steps and witness rule of this installation; null until loaded. */
  policy: CustodyPolicy | null;
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

export function holds(user: User, ...roles: Role[]): boolean {
  return user.roles.some((held) => roles.includes(held.role));
}

/** The sites where the user holds a site role, in the order the API gives them. */
export function sitesOf(user: User, ...roles: Role[]): string[] {
  const held = user.roles.filter((role) => role.siteCode && (roles.length === 0 || roles.includes(role.role)));
  return [...new Set(held.map((role) => role.siteCode!))];
}

export function readsEverySite(user: User): boolean {
  return holds(user, 'auditor', 'admin');
}

/** An API refusal in the words a clerk uses: the domain code decides the sentence, never the raw body. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.UNKNOWN');
  if (error.code === 'VALIDATION_FAILED' && error.fields.length) {
    const fields = error.fields.map((problem) => fieldName(problem.field, t)).filter((name, index, all) => all.indexOf(name) === index);
    return t('error.fields', { fields: fields.join(', ') });
  }
  const key = `error.${error.code}`;
  if (knows(key)) return t(key);
  if (error.status === 404) return t('error.NOT_FOUND');
  if (error.status === 409) return t('error.CONFLICT');
  if (error.status >= 500) return t('error.SERVER');
  return t('error.UNKNOWN');
}

/** The words for the first of these refusals (a read's or a change's), or null when there is none. */
export function problemOf(t: Translate, ...errors: unknown[]): string | null {
  const error = errors.find((each) => each);
  return error ? describeError(error, t) : null;
}

function fieldName(field: string, t: Translate): string {
  const row = /^items\[(\d+)\]\.(\w+)$/.exec(field);
  if (row) {
    const key = `field.${row[2]}`;
    return `${t('field.item')} ${Number(row[1]) + 1}: ${knows(key) ? t(key) : row[2]}`;
  }
  const key = `field.${field}`;
  return knows(key) ? t(key) : field;
}
