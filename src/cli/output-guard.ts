// The build replaces its output folder whole, so an output folder that holds anything but a
// previous site (the issues, the project, a home folder) would be lost: refuse it before any write.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";

/** The folders the output guard compares, as the build was given them. */
export interface OutputGuardRequest {
  /** `--output` as given. */
  output: string;
  /** `--content` as given. */
  content: string;
  /** The folder with the project's package.json. */
  projectRoot: string;
  /** The user's home folder. */
  home: string;
  /** The folder relative paths are resolved against.
   *  @default process.cwd() */
  cwd?: string;
}

/** The project's own folders, which no site may replace, hold or be written into. */
const projectFolders = ["layouts", "src", "assets", "node_modules", ".git"];

/**
 * Why `output` must not be built into, or undefined when it may. Paths are compared as real paths
 * (`realPath` resolves symlinks of the part that exists). An output that is itself a symlink (the
 * build makes `_site` one) is checked where it lies and where it points: the build replaces the
 * link, but a link to the content folder replaced by the site would make the next build read it.
 */
export function outputGuardProblem(request: OutputGuardRequest, realPath: (folder: string) => string = realPathOfExisting): string | undefined {
  const cwd = request.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, request.output);
  const where = absolute === path.parse(absolute).root ? realPath(absolute) : path.join(realPath(path.dirname(absolute)), path.basename(absolute));
  return problemOf(request, where, realPath) ?? problemOf(request, realPath(absolute), realPath);
}

function problemOf(request: OutputGuardRequest, output: string, realPath: (folder: string) => string): string | undefined {
  const cwd = request.cwd ?? process.cwd();
  const content = realPath(path.resolve(cwd, request.content));
  const root = realPath(path.resolve(cwd, request.projectRoot));
  const flag = `--output ${JSON.stringify(request.output)}`;
  const problem = (what: string, advice: string) => {
    const suggestion = request.output !== "_site" && !outputGuardProblem({ ...request, output: "_site" }, realPath) ? "like --output _site" : "like a new folder beside the project";
    return `build: ${flag} ${what}; pass ${advice}, ${suggestion}`;
  };
  const shown = JSON.stringify(request.content);
  const home = realPath(request.home);
  // The most telling reason first: `.` is the project folder before it contains the content folder.
  if (output === content) return problem(`is the content folder ${shown}`, "an output folder outside it");
  if (isInside(output, content)) return problem(`lies inside the content folder ${shown}`, "an output folder outside it");
  if (output === path.parse(output).root) return problem("is the file system root", "an output folder of its own");
  if (output === root) return problem(`is the project folder ${JSON.stringify(root)}`, "an output folder of its own");
  if (output === home) return problem(`is the home folder ${JSON.stringify(home)}`, "an output folder of its own");
  if (isInside(root, output)) return problem(`contains the project folder ${JSON.stringify(root)}`, "an output folder of its own");
  if (isInside(home, output)) return problem(`contains the home folder ${JSON.stringify(home)}`, "an output folder of its own");
  for (const name of projectFolders) {
    const folder = path.join(root, name);
    if (output === folder) return problem(`is the project's folder ${JSON.stringify(name)}`, "an output folder of its own");
    if (isInside(output, folder)) return problem(`lies inside the project's folder ${JSON.stringify(name)}`, "an output folder of its own");
  }
  if (isInside(content, output)) return problem(`contains the content folder ${shown}`, "an output folder that holds no content");
  return undefined;
}

/** Whether `child` lies strictly inside `parent` (both absolute and normalised). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The real path of `folder`: symlinks resolved in the part that exists, the rest appended. */
export function realPathOfExisting(folder: string): string {
  const absolute = path.resolve(folder);
  const missing: string[] = [];
  let existing = absolute;
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync.native(existing), ...missing);
}
