// Limits on policy sources, in a module of their own: the CLI checks a file's size before reading it without
// loading the parser (chevrotain builds its grammar when the parser module loads).

/** Largest accepted source file, in UTF-16 code units (a policy file is typically under 50 000). */
export const MAX_SOURCE_LENGTH = 2_000_000;
