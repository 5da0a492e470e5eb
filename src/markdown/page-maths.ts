/**
 * Whether rendered HTML holds a formula KaTeX typeset: each has an element of exactly class
 * `katex`. A formula KaTeX refused is `katex-error`, plain text that needs none of its CSS; a
 * formula quoted in code is escaped (`class=&quot;katex&quot;`) and does not count.
 */
export function pageHasMaths(html: string): boolean {
  return html.includes('class="katex"');
}
