// Reference lists practices are validated against (not demo data).

/** Languages a practice's original text may be written in: the partners' languages and English. */
export const PRACTICE_LANGUAGES = ['en', 'lv', 'lt', 'pl', 'de', 'ro', 'it', 'da', 'es'] as const;
export type PracticeLanguage = (typeof PRACTICE_LANGUAGES)[number];

/**
 * ISO 3166-1 alpha-2 codes of European countries a practice may come from: the Council of Europe
 * members, Belarus, Kosovo (user-assigned XK, as the EU uses it), the Vatican and the Faroe Islands.
 */
export const EUROPEAN_COUNTRIES = [
  'AD', 'AL', 'AM', 'AT', 'AZ', 'BA', 'BE', 'BG', 'BY', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FO',
  'FR', 'GB', 'GE', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT',
  'NL', 'NO', 'PL', 'PT', 'RO', 'RS', 'RU', 'SE', 'SI', 'SK', 'SM', 'TR', 'UA', 'VA', 'XK',
] as const; // prettier-ignore
export type EuropeanCountry = (typeof EUROPEAN_COUNTRIES)[number];

export const isEuropeanCountry = (code: string): code is EuropeanCountry =>
  (EUROPEAN_COUNTRIES as readonly string[]).includes(code);


