/** The languages a label can speak: a site's primary document language. */
export type LabelLanguage = 'en' | 'fr' | 'nl';

export interface LabelWords {
  /** Numbers as the language writes them: 12,5 in French and Dutch, 12.5 in English. */
  locale: string;
  reprint: string;
  seal: string;
  noSeal: string;
  categories: Record<string, string>;
  locationKinds: Record<string, string>;
  transfer: string;
  items: (count: number) => string;
  transferStatuses: Record<string, string>;
  preparedBy: string;
}

// the words of the screens (web/src/i18n), in the short form a label has room for
const words: Record<LabelLanguage, LabelWords> = {
  en: {
    locale: 'en-GB',
    reprint: 'REPRINT',
    seal: 'Seal',
    noSeal: 'No seal',
    categories: {
      drugs: 'drugs',
      cash: 'cash',
      firearm: 'firearm',
      valuables: 'valuables',
      document: 'document',
      digital_device: 'digital device',
      vehicle: 'vehicle',
      other: 'other',
    },
    locationKinds: { room: 'room', shelf: 'shelf', bin: 'bin' },
    transfer: 'Transfer',
    items: (count) => `${count} item${count === 1 ? '' : 's'}`,
    transferStatuses: { draft: 'draft', dispatched: 'dispatched', closed: 'closed', cancelled: 'cancelled' },
    preparedBy: 'prepared by',
  },
  fr: {
    locale: 'fr-BE',
    reprint: 'RÉIMPRESSION',
    seal: 'Scellé',
    noSeal: 'Sans scellé',
    categories: {
      drugs: 'stupéfiants',
      cash: 'argent liquide',
      firearm: 'arme à feu',
      valuables: 'objets de valeur',
      document: 'document',
      digital_device: 'appareil numérique',
      vehicle: 'véhicule',
      other: 'autre',
    },
    locationKinds: { room: 'local', shelf: 'étagère', bin: 'bac' },
    transfer: 'Transfert',
    items: (count) => `${count} pièce${count === 1 ? '' : 's'}`,
    transferStatuses: { draft: 'brouillon', dispatched: 'expédié', closed: 'clôturé', cancelled: 'annulé' },
    preparedBy: 'préparé par',
  },
  nl: {
    locale: 'nl-BE',
    reprint: 'HERDRUK',
    seal: 'Zegel',
    noSeal: 'Geen zegel',
    categories: {
      drugs: 'drugs',
      cash: 'contant geld',
      firearm: 'vuurwapen',
      valuables: 'waardevolle voorwerpen',
      document: 'document',
      digital_device: 'digitaal toestel',
      vehicle: 'voertuig',
      other: 'andere',
    },
    locationKinds: { room: 'lokaal', shelf: 'rek', bin: 'bak' },
    transfer: 'Overdracht',
    items: (count) => `${count} ${count === 1 ? 'stuk' : 'stukken'}`,
    transferStatuses: { draft: 'ontwerp', dispatched: 'verzonden', closed: 'afgesloten', cancelled: 'geannuleerd' },
    preparedBy: 'opgesteld door',
  },
};

export function labelWords(language: LabelLanguage): LabelWords {
  return words[language] ?? words.en;
}

const formats = new Map<string, Intl.NumberFormat>();

/** A quantity with its unit as the language writes it: "12,5 g" in French and Dutch, "2 450 EUR" in French, "2,450 EUR" in English. */
export function formatQuantity(quantity: number, unit: string, language: LabelLanguage): string {
  const locale = labelWords(language).locale;
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })));
  return `${format.format(quantity)} ${unit}`;
}
