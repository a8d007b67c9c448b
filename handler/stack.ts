// A crash's stack in the TypeScript's terms: each frame in the bundle itself becomes
// `handler/…ts:line:col` instead of `index.mjs:1:20482`, through the bundle's own source map
// (index.mjs.map, which make build writes beside it and puts in the zip). Node's own
// --enable-source-maps would read and parse the map on every cold start (make bench measures it).
// Bounded whatever the error says (a third party's 128 KB answer in a message): the map is the
// bundle's own, its name fixed by the build (never a path named in the text), read at most once
// per process; only the first MAX_FRAMES frame lines are looked at, each by plain string search.
import type { SourceMap } from 'node:module';

/** Frame lines looked at in one text, at most: a real stack has 10 frames (Error.stackTraceLimit), a few per cause. */
export const MAX_FRAMES = 40;

/** Where the bundle is, as its frames name it, and its source map. */
export interface BundleFiles {
  /** The bundle's URL (`file:///var/task/index.mjs`), as frames name it. */
  readonly bundle: string;
  readonly map: URL;
}

/** Rewrites the bundle's frames of `text` that its map can place; the rest as it is. */
export type StackMapper = (text: string) => string;

/**
 * A mapper for the bundle `locate()` names, asked once, on the first text mapped. Its map is read
 * then too, once: a map that cannot be read maps nothing, for the rest of the process.
 */
export function createStackMapper(locate: () => BundleFiles): StackMapper {
  let loaded: { files: BundleFiles; map: SourceMap } | false | undefined;
  return (text) => {
    loaded ??= load(locate);
    if (loaded === false) return text;
    const { files, map } = loaded;
    // An ES module's frames name it by its URL: found by indexOf, no pattern to backtrack.
    const needle = `${files.bundle}:`;
    const lines = text.split('\n');
    let frames = 0;
    for (let index = 0; index < lines.length && frames < MAX_FRAMES; index++) {
      const line = lines[index] as string;
      if (!line.trimStart().startsWith('at ')) continue;
      frames++;
      lines[index] = mapFrame(line, needle, map);
    }
    return lines.join('\n');
  };
}

const POSITION = /(\d{1,9}):(\d{1,9})/y;

/** One frame line with its bundle position (`<needle>line:column`) replaced by the source's. */
function mapFrame(line: string, needle: string, map: SourceMap): string {
  const at = line.indexOf(needle);
  if (at < 0) return line;
  POSITION.lastIndex = at + needle.length;
  const position = POSITION.exec(line);
  if (position === null) return line;
  // Stacks count lines and columns from 1; source maps from 0.
  const entry = map.findEntry(Number(position[1]) - 1, Number(position[2]) - 1);
  if (!('originalSource' in entry)) return line;
  // The map names the sources relative to dist/ (`../handler/index.ts`): the repository's path.
  const source = `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${line.slice(0, at)}${source}${line.slice(POSITION.lastIndex)}`;
}

/** The bundle's files and its parsed map; false when there is no bundle (unbundled code) or no readable map. */
function load(locate: () => BundleFiles): { files: BundleFiles; map: SourceMap } | false {
  try {
    const files = locate();
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const { SourceMap } = process.getBuiltinModule('node:module');
    return { files, map: new SourceMap(JSON.parse(readFileSync(files.map, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) };
  } catch {
    return false;
  }
}

// make build defines RELAY_SOURCE_MAP (esbuild's `define`): the map's file name, beside the
// bundle. Unbundled (the tests' TypeScript hook) neither it nor import.meta.url exists, reading
// it throws, and nothing is mapped.
declare const RELAY_SOURCE_MAP: string;

/**
 * The bundle's files: its entry (index.mjs, whose map the build names; this code runs in another
 * file beside it, loaded at the first crash) and that map. Frames in the crash logger's own file
 * keep their file and position.
 */
export function locateBundle(): BundleFiles {
  const map = new URL(RELAY_SOURCE_MAP, import.meta.url);
  return { bundle: map.href.slice(0, -'.map'.length), map };
}

let mapper: StackMapper | undefined;

/**
 * The mapper of the bundle this module is in: what the crash log uses. Made at the first crash,
 * not at import: compiling createStackMapper cost every cold start ~0.02 ms (make bench's import row).
 */
export const mapStack: StackMapper = (text) => (mapper ??= createStackMapper(locateBundle))(text);
