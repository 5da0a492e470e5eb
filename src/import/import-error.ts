/** Input the import refuses: each problem names the file (and entry, row or field) and what was expected. Nothing is written. */
export class ImportError extends Error {
  override name = "ImportError";
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? `import: ${problems[0]}` : `import: ${problems.length} problems; nothing was written:\n${problems.join("\n")}`);
  }
}
