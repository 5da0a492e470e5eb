import type MarkdownIt from "markdown-it";
import type { RendererRule, StateCore, Token } from "markdown-it";

/** markdown-it-footnote's entry for one note: labelled (`[^6]`) or inline (`^[...]`). */
interface FootnoteEntry {
  label?: string;
  count?: number;
  tokens?: Token[];
}

interface FootnoteEnv {
  footnotes?: { refs?: Record<string, number>; list?: FootnoteEntry[] };
}

/** Labels that can stand in an id and a URL fragment as they are; others are keyed by position. */
const plainLabel = /^\d{1,9}$/;

/**
 * The key of a note in its ids: the label itself for a number (`fn6`, `fnref6`, as
 * markdown-it-footnote names them), else `.` and its place, which no number can collide with.
 */
function footnoteKey(entry: FootnoteEntry | undefined, id: number): string {
  const label = entry?.label;
  return label !== undefined && plainLabel.test(label) ? label : `.${id + 1}`;
}

function entryOf(env: FootnoteEnv, id: number): FootnoteEntry | undefined {
  return env.footnotes?.list?.[id];
}

/**
 * Notes keep the label their author wrote (`[^6]` shows 6, not its rank among the cited notes) and
 * are listed in the order they are defined, uncited ones included in their place: a reference list
 * copied from a paper reads as in the paper.
 */
export function footnoteLabelsPlugin(md: MarkdownIt): void {
  md.core.ruler.before("footnote_tail", "footnote_definition_order", definitionOrder);

  const escape = md.utils.escapeHtml;
  const caption = (tokens: Token[], index: number, env: FootnoteEnv): string => {
    const id = (tokens[index]?.meta as { id: number }).id;
    const label = entryOf(env, id)?.label;
    return label === undefined ? String(id + 1) : escape(label);
  };
  const key = (tokens: Token[], index: number, env: FootnoteEnv): { key: string; sub: string } => {
    const meta = tokens[index]?.meta as { id: number; subId?: number };
    return { key: footnoteKey(entryOf(env, meta.id), meta.id), sub: meta.subId ? `:${meta.subId}` : "" };
  };

  const rules: Record<string, RendererRule> = {
    footnote_ref: (tokens, index, _options, env: FootnoteEnv) => {
      const { key: k, sub } = key(tokens, index, env);
      return `<sup class="footnote-ref"><a href="#fn${k}" id="fnref${k}${sub}">${caption(tokens, index, env)}</a></sup>`;
    },
    // No rule above the list: the issue's own "References:" line, if any, introduces it.
    footnote_block_open: () => '<section class="footnotes">\n<ol class="footnotes-list">\n',
    footnote_open: (tokens, index, _options, env: FootnoteEnv) => {
      const { key: k } = key(tokens, index, env);
      return `<li id="fn${k}" class="footnote-item"><span class="footnote-label">${caption(tokens, index, env)}</span>`;
    },
    footnote_anchor: (tokens, index, _options, env: FootnoteEnv) => {
      const meta = tokens[index]?.meta as { id: number };
      const entry = entryOf(env, meta.id);
      // An uncited note has nothing to link back to.
      if (entry?.label !== undefined && !entry.count) return "";
      const { key: k, sub } = key(tokens, index, env);
      // ↩ with U+FE0E so iOS does not draw it as an emoji.
      return ` <a href="#fnref${k}${sub}" class="footnote-backref" aria-label="Back to the text">\u21a9\uFE0E</a>`;
    },
  };
  Object.assign(md.renderer.rules, rules);
}

/**
 * Reorders markdown-it-footnote's list, built in order of first citation, into the order of the
 * definitions, adding the uncited ones; inline notes follow. References keep pointing at their
 * note: every `footnote_ref` token's id is remapped in one pass over the tokens.
 */
function definitionOrder(state: StateCore): void {
  const env = state.env as FootnoteEnv;
  const refs = env.footnotes?.refs;
  if (!env.footnotes || !refs) return;
  const list = env.footnotes.list ?? [];
  const ordered: FootnoteEntry[] = [];
  const newId = new Map<number, number>();
  const seen = new Set<string>();
  for (const token of state.tokens) {
    if (token.type !== "footnote_reference_open") continue;
    const label = (token.meta as { label: string }).label;
    if (seen.has(label)) continue;
    seen.add(label);
    const old = refs[`:${label}`] ?? -1;
    if (old >= 0) newId.set(old, ordered.length);
    refs[`:${label}`] = ordered.length;
    ordered.push(old >= 0 ? (list[old] as FootnoteEntry) : { label, count: 0 });
  }
  list.forEach((entry, old) => {
    if (entry.label !== undefined) return;
    newId.set(old, ordered.length);
    ordered.push(entry);
  });
  if (ordered.length === 0) return;
  const remap = (tokens: readonly Token[] | null | undefined): void => {
    for (const token of tokens ?? []) {
      if (token.type === "footnote_ref") {
        const meta = token.meta as { id: number };
        meta.id = newId.get(meta.id) ?? meta.id;
      }
      if (token.children) remap(token.children);
    }
  };
  remap(state.tokens);
  for (const entry of list) remap(entry.tokens);
  env.footnotes.list = ordered;
}
