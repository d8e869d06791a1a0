/**
 * Splitting a draft (dự thảo) into the sections delegates comment on, the way Vietnamese documents
 * are structured: parts (Phần I, Phần thứ nhất), chapters (Chương II), sections (Mục 1), Roman-numbered
 * headings (I., II.), articles (Điều 1.), numbered points (1., 2.) and lettered points (a), b)), and
 * Word's heading styles. Each section keeps the document's own numbering as its label.
 */

/** What a reader of a .docx or pasted text hands over: the document as a run of blocks. */
export type DraftBlock =
  | { kind: 'heading'; level: number; text: string } // a Word heading style, 1..6
  | { kind: 'paragraph'; text: string }
  /** An automatically numbered list item: its number is not in its text. */
  | { kind: 'list-item'; ordered: boolean; depth: number; index: number; text: string }
  | { kind: 'table'; rows: string[][] };

export interface DraftSectionPart {
  /** 1-based, in document order. */
  position: number;
  /** The document's own numbering: "Phần I", "Chương II", "Điều 3.", "2.", "b)"; '' before the first. */
  label: string;
  /** The heading's words after the label ("Phạm vi điều chỉnh"), or '' for a point. */
  heading: string;
  /** The section's own text, paragraph by paragraph (not its sub-sections'). */
  text: string;
  /** Depth in the document's outline: parts 1, chapters 2, … lettered points 8. */
  level: number;
  /** The position of the enclosing section, or null at the top. */
  parentPosition: number | null;
}

const ROMAN = '(?:M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))';
const ORDINAL = '(?:thứ\\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))';
/** The end of a marker word: \\b does not know Vietnamese letters ("thứ tư"). */
const END = '(?=$|[\\s.:])';

/** Structural markers, outermost first. The level is the depth in the outline. */
const MARKERS: Array<{ level: number; pattern: RegExp }> = [
  { level: 1, pattern: new RegExp(`^(phần\\s+(?:${ROMAN}|\\d+|${ORDINAL}))${END}[.:]?\\s*(.*)$`, 'iu') },
  { level: 2, pattern: new RegExp(`^(chương\\s+(?:${ROMAN}|\\d+))${END}[.:]?\\s*(.*)$`, 'iu') },
  { level: 3, pattern: new RegExp(`^(mục\\s+\\d+)${END}[.:]?\\s*(.*)$`, 'iu') },
  { level: 4, pattern: new RegExp(`^(${ROMAN}[.])\\s+(.*)$`, 'u') }, // "II. KẾT QUẢ…" (capital numerals only)
  { level: 5, pattern: /^(điều\s+\d+[a-zđ]?[.:])\s*(.*)$/iu },
  { level: 6, pattern: /^(\d{1,3}(?:\.\d{1,3})*[.)])\s+(.*)$/u },
  { level: 8, pattern: /^([a-zđ][)])\s+(.*)$/u },
];
const POINT_LEVEL = 6;
/** Parts, chapters and sections carry a title, on their line or the next. */
const TITLED_LEVEL = 3;
const LETTER_LEVEL = 8;

/** "I." matches the Roman pattern; a bare "I" or "" must not, nor a lone dot. */
function matchMarker(text: string): { level: number; label: string; rest: string } | null {
  for (const { level, pattern } of MARKERS) {
    const match = pattern.exec(text);
    if (match && match[1].replace(/[\s.):]/g, '') !== '') return { level, label: normalizeSpace(match[1]), rest: match[2].trim() };
  }
  return null;
}

const normalizeSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Letters for a nested automatic list: a), b), … z), then aa), ab)… */
function letter(index: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return index <= 26 ? alphabet[index - 1] : letter(Math.floor((index - 1) / 26)) + alphabet[(index - 1) % 26];
}

export function splitIntoSections(blocks: DraftBlock[]): DraftSectionPart[] {
  const sections: DraftSectionPart[] = [];
  const open: DraftSectionPart[] = []; // the current path from the outermost section in
  let preamble: DraftSectionPart | null = null;

  const start = (level: number, label: string, heading: string) => {
    while (open.length && open[open.length - 1].level >= level) open.pop();
    const section: DraftSectionPart = {
      position: sections.length + 1, label, heading, text: '', level, parentPosition: open.length ? open[open.length - 1].position : null,
    };
    sections.push(section);
    open.push(section);
    return section;
  };
  const append = (text: string) => {
    const target = open[open.length - 1] ?? (preamble ??= start(0, '', ''));
    target.text = target.text ? `${target.text}\n${text}` : text;
  };

  for (const block of blocks) {
    if (block.kind === 'table') {
      for (const row of block.rows) append(row.map(normalizeSpace).join(' | '));
      continue;
    }
    const text = normalizeSpace(block.text);
    if (!text) continue;
    if (block.kind === 'list-item' && block.ordered) {
      // Word's automatic numbering: the number is the item's place; nested lists are lettered.
      const label = block.depth === 0 ? `${block.index}.` : `${letter(block.index)})`;
      start(block.depth === 0 ? POINT_LEVEL : LETTER_LEVEL, label, '').text = text;
      continue;
    }
    const marker = matchMarker(text);
    if (marker) {
      const section = start(marker.level, marker.label, marker.level >= POINT_LEVEL ? '' : marker.rest);
      if (marker.level >= POINT_LEVEL) section.text = marker.rest;
      continue;
    }
    if (block.kind === 'heading') {
      start(Math.min(Math.max(block.level, 1), 6), '', text);
      continue;
    }
    // "Chương I" on its own line is followed by its title ("QUY ĐỊNH CHUNG").
    const current = open[open.length - 1];
    if (current && current.level <= TITLED_LEVEL && !current.heading && !current.text && text.length <= 200) {
      current.heading = text;
      continue;
    }
    append(block.kind === 'list-item' ? `– ${text}` : text);
  }
  return sections;
}

/** Pasted text: one block per non-empty line. */
export function blocksFromText(text: string): DraftBlock[] {
  return text.split(/\r?\n/).map((line) => ({ kind: 'paragraph' as const, text: line })).filter((b) => b.text.trim() !== '');
}

export type SectionChange =
  | { change: 'unchanged' | 'changed'; before: DraftSectionPart; after: DraftSectionPart }
  | { change: 'added'; after: DraftSectionPart }
  | { change: 'removed'; before: DraftSectionPart };

/**
 * The differences between two versions, section by section: sections are matched by their place in
 * the outline (the labels on the path to them, "Chương II › Điều 3."), so renumbering elsewhere does not
 * mark a whole chapter changed; what has no match was added or removed.
 */
export function diffSections(before: DraftSectionPart[], after: DraftSectionPart[]): SectionChange[] {
  const keyed = (list: DraftSectionPart[]) => {
    const byPosition = new Map(list.map((s) => [s.position, s]));
    const path = (s: DraftSectionPart): string => {
      const own = s.label || s.heading || `#${s.position}`;
      const parent = s.parentPosition === null ? undefined : byPosition.get(s.parentPosition);
      return parent ? `${path(parent)} › ${own}` : own;
    };
    const seen = new Map<string, number>();
    return list.map((s) => {
      const base = path(s);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { key: n === 1 ? base : `${base} (${n})`, section: s };
    });
  };
  const old = new Map(keyed(before).map((k) => [k.key, k.section]));
  const result: SectionChange[] = [];
  const matched = new Set<string>();
  for (const { key, section } of keyed(after)) {
    const previous = old.get(key);
    if (!previous) {
      result.push({ change: 'added', after: section });
      continue;
    }
    matched.add(key);
    const same = previous.heading === section.heading && previous.text === section.text;
    result.push({ change: same ? 'unchanged' : 'changed', before: previous, after: section });
  }
  for (const [key, section] of old) if (!matched.has(key)) result.push({ change: 'removed', before: section });
  return result;
}
