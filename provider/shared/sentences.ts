/**
 * Messages are often built from parts written in different places (the API's own message, our hint, a note on what
 * to do next), and each part may or may not end with a full stop. Joining them by hand gave "does not exist.. No
 * certificate…"; these helpers are the one place that decides where a full stop goes.
 */

// A part that already ends a sentence (or leads into the next one) needs no full stop added.
const ENDS_SENTENCE = /[.!?…:;]$/;

/** Joins sentences with one full stop and a space between them, never two; empty parts are skipped. */
export function joinSentences(...parts: (string | undefined | null | false)[]): string {
  const kept = parts.map((p) => (p ? p.trim() : "")).filter((p) => p !== "");
  return kept.map((p, i) => (i === kept.length - 1 || ENDS_SENTENCE.test(p) ? p : `${p}.`)).join(" ");
}

/** `text` without one final full stop, for a sentence that goes on after it ("does not exist (details)"). */
export function withoutFinalStop(text: string): string {
  return text.replace(/(?<!\.)\.\s*$/, "");
}
