/** The languages Custody's screens speak: those of the people who use it. */
export enum Language {
  English = 'en',
  French = 'fr',
  Dutch = 'nl',
}

export const languages = Object.values(Language);
