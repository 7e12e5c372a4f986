/**
 * Markdown as plain text for the coder, with every character kept in place: syntax (headings,
 * emphasis, link targets, code fences, HTML tags) is replaced by spaces, so offsets into the result
 * are offsets into the Markdown file.
 */
export function markdownToText(md: string): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, " ");
  return md
    .replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<\/?[A-Za-z][^>\n]*>/g, blank)
    .replace(
      /!?\[([^\]\n]*)\]\(([^)\n]*)\)/g,
      (whole, label: string) => ` ${label}${" ".repeat(whole.length - label.length - 1)}`,
    )
    .replace(
      /^(\s{0,3})(#{1,6}|>|[-*+]|\d+\.)(?=\s)/gm,
      (_, indent: string, mark: string) => indent + " ".repeat(mark.length),
    )
    .replace(
      /(\*\*|__|\*|_|`)(?=\S)([^\n]*?\S)\1/g,
      (_, mark: string, inner: string) => " ".repeat(mark.length) + inner + " ".repeat(mark.length),
    )
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, blank);
}

/** True if a file name or its head looks like Markdown. */
export function looksLikeMarkdown(name: string, head: string): boolean {
  if (/\.(md|markdown|mdown)$/i.test(name)) return true;
  return (
    /^#{1,6} \S/m.test(head.slice(0, 4000)) &&
    /\[[^\]]+\]\([^)]+\)|^\s*[-*] \S|\*\*\S/m.test(head.slice(0, 8000))
  );
}
