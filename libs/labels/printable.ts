import * as iconv from 'iconv-lite';

/**
 * What a label may print: printable ASCII, and the Latin-1 characters and € that code page 858
 * holds (the page Custody selects on ESC/POS printers, and a subset of what Zebra's font 0 and
 * the preview font draw), so every output prints the same characters.
 */
const repertoire = new Set<string>();
for (let code = 0x20; code < 0x7f; code += 1) repertoire.add(String.fromCharCode(code));
for (let byte = 0x80; byte <= 0xff; byte += 1) {
  const character = iconv.decode(Buffer.from([byte]), 'cp858');
  const code = character.codePointAt(0)!;
  if ((code > 0xa0 && code <= 0xff && code !== 0xad) || character === '€') repertoire.add(character);
}

// letters that Unicode does not decompose into a base letter and marks
// prettier-ignore
const letters: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't', ſ: 's',
  Ø: 'O', ø: 'o', Æ: 'AE', æ: 'ae', ß: 'ss', Þ: 'Th', þ: 'th', Ð: 'D', ð: 'd',
  // Greek (ELOT 743, simplified)
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'Th', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M', Ν: 'N', Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'R',
  Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'Ch', Ψ: 'Ps', Ω: 'O',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r',
  σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
  // Cyrillic (Russian, Ukrainian, Serbian, Bulgarian; a scientific transliteration without diacritics)
  А: 'A', Б: 'B', В: 'V', Г: 'G', Ґ: 'G', Д: 'D', Ђ: 'Dj', Е: 'E', Ё: 'E', Є: 'Ye', Ж: 'Zh', З: 'Z', И: 'I', І: 'I', Ї: 'Yi', Й: 'Y', Ј: 'J',
  К: 'K', Л: 'L', Љ: 'Lj', М: 'M', Н: 'N', Њ: 'Nj', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'C', У: 'U', Ф: 'F', Х: 'Kh', Ц: 'Ts',
  Ч: 'Ch', Џ: 'Dz', Ш: 'Sh', Щ: 'Shch', Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'Yu', Я: 'Ya',
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', ђ: 'dj', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', ј: 'j',
  к: 'k', л: 'l', љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', џ: 'dz', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
// punctuation and symbols outside the code page, by their nearest ASCII
// prettier-ignore
const symbols: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"', '‹': '<', '›': '>',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '…': '...', '•': '·', '™': 'TM', '‰': '%o', '№': 'No',
  '→': '->', '←': '<-',
};

/**
 * Text as a label prints it: control and format characters (bidirectional overrides, zero-width
 * joiners, soft hyphens) removed, any run of whitespace made one space, and each word holding a
 * character outside the label's repertoire transliterated whole (Łódź → Lodz, Петровић → Petrovic),
 * so nothing is dropped silently and no byte of it can be read by a printer as a command. What has
 * no transliteration prints as "?".
 */
export function printableText(text: string): string {
  const cleaned = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]+/gu, (run) => (/[\t\n\r\u2028\u2029\v\f]/.test(run) ? ' ' : ''))
    .replace(/\s+/gu, ' ')
    .trim();
  if ([...cleaned].every((character) => repertoire.has(character))) return cleaned;
  return cleaned.replace(/[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]/gu, (word) =>
    [...word].every((character) => repertoire.has(character)) ? word : transliterate(word),
  );
}

function transliterate(word: string): string {
  let result = '';
  for (const character of word.normalize('NFKD')) {
    if (/\p{M}/u.test(character)) continue;
    if (character.codePointAt(0)! < 0x7f) result += character;
    else result += letters[character] ?? symbols[character] ?? (repertoire.has(character) ? character : '?');
  }
  // a word in capitals stays in capitals (ЩИТ → SHCHIT, not ShchIT)
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase() ? result.toUpperCase() : result;
}

/** Whether every character prints as it is, with nothing to clean or transliterate. */
export function isPrintable(text: string): boolean {
  return [...text].every((character) => repertoire.has(character));
}
