/**
 * Terminal column widths, for the CLI's table. `String.length` counts UTF-16 units, but a terminal gives Hangul,
 * CJK ideographs, kana and fullwidth forms two columns and combining marks none, so NHN certificate names in
 * Korean pushed every later column out of line. The ranges are the East Asian Wide / Fullwidth blocks as wcwidth
 * implementations (Markus Kuhn's, glibc) list them; a tiny table rather than a dependency, since the CLI only needs
 * names and domains to line up.
 */

// [first, last] code points that take two columns.
const WIDE: [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic punctuation
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x20000, 0x3fffd], // CJK extensions B and later
];

// Code points that take no column of their own: marks, zero-width and format characters, conjoining Jamo vowels
// and finals (they join the initial consonant before them), and control characters.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff\ud7b0-\ud7ff]$/u;

function codePointWidth(cp: number): number {
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  for (const [first, last] of WIDE) if (cp >= first && cp <= last) return 2;
  return 1;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Columns `text` takes in a terminal. Measured per grapheme (what the user sees as one character), whose width is
 * that of its widest code point: "e" + combining accent is 1, an emoji joined from three is 2.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    let widest = 0;
    for (const ch of segment) widest = Math.max(widest, codePointWidth(ch.codePointAt(0) as number));
    width += widest;
  }
  return width;
}

/** `text` followed by spaces up to `width` columns (unchanged when it is already as wide or wider). */
export function padEndDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
