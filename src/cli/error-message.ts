/**
 * The message a publisher needs from a failed build: each error in Eleventy's wrapping chain
 * (template → render → cause) on its own line, without stack traces.
 */
export function errorMessage(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const message = current.message.trim();
    if (message && !lines.includes(message)) lines.push(message);
    const wrapped = current as Error & { originalError?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  if (!lines.length) lines.push(String(error));
  return lines.join("\n  ");
}
