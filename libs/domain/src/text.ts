/**
 * Folds Vietnamese text for search: lower case, no tone or vowel marks, đ → d.
 * "Đồng Tháp" and "dong thap" fold to the same key.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching folded text that contains the folded query; wildcards typed by the user are escaped. */
export function containsPattern(query: string): string {
  return `%${foldVietnamese(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
