// A crash's stack in the TypeScript's terms: each frame in the bundle itself becomes
// `handler/…ts:line:col` instead of `index.mjs:1:20482`, through the bundle's own source map
// (index.mjs.map, which make build writes beside it and puts in the zip); so does each frame in a
// file the bundle loads on demand (`respond-<HASH>.mjs`, beside it), through the map beside that
// file. Node's own --enable-source-maps would read and parse the map on every cold start (make
// bench measures it). Bounded whatever the error says (a third party's 128 KB answer in a
// message): the maps read are the bundle's own (index.mjs's named by the build, never a path
// named in the text; the others only beside it and named as the build names its files), each
// read at most once per process, at most MAX_MAPS of them; only the first MAX_FRAMES frame lines
// are looked at, each by plain string search.
import type { SourceMap } from 'node:module';

/** Frame lines looked at in one text, at most: a real stack has 10 frames (Error.stackTraceLimit), a few per cause. */
export const MAX_FRAMES = 40;

/** Source maps read in a process, at most: index.mjs's and those of the few files it loads on demand. */
export const MAX_MAPS = 8;

/** Where the bundle is, as its frames name it, and its source map. */
export interface BundleFiles {
  /** The bundle's URL (`file:///var/task/index.mjs`), as frames name it. */
  readonly bundle: string;
  readonly map: URL;
}

/** Rewrites the bundle's frames of `text` that its map can place; the rest as it is. */
export type StackMapper = (text: string) => string;

/**
 * A mapper for the bundle `locate()` names, asked once, on the first text mapped. Each map is
 * read when a frame first needs it, once: a map that cannot be read maps nothing, for the rest of
 * the process.
 */
export function createStackMapper(locate: () => BundleFiles): StackMapper {
  let files: BundleFiles | false | undefined;
  const maps = new Map<string, SourceMap | false>();
  /** The parsed map of `file` (a URL), read on first need; false when it cannot be, or too many were. */
  const mapOf = (file: string, map: URL): SourceMap | false => {
    let parsed = maps.get(file);
    if (parsed === undefined) {
      parsed = maps.size < MAX_MAPS && readMap(map);
      maps.set(file, parsed);
    }
    return parsed;
  };
  return (text) => {
    files ??= locateSafely(locate);
    if (files === false) return text;
    const { bundle, map } = files;
    // An ES module's frames name it by its URL: its folder found by indexOf, no pattern to backtrack.
    const folder = bundle.slice(0, bundle.lastIndexOf('/') + 1);
    const entry = `${bundle.slice(folder.length)}:`;
    const lines = text.split('\n');
    let frames = 0;
    for (let index = 0; index < lines.length && frames < MAX_FRAMES; index++) {
      const line = lines[index] as string;
      if (!line.trimStart().startsWith('at ')) continue;
      frames++;
      const at = line.indexOf(folder);
      if (at < 0) continue;
      const start = at + folder.length;
      let end: number;
      let parsed: SourceMap | false;
      if (line.startsWith(entry, start)) {
        end = start + entry.length;
        parsed = mapOf(bundle, map);
      } else {
        ON_DEMAND.lastIndex = start;
        if (!ON_DEMAND.test(line)) continue;
        end = ON_DEMAND.lastIndex;
        const file = line.slice(at, end - 1);
        parsed = mapOf(file, new URL(`${file}.map`));
      }
      if (parsed !== false) lines[index] = mapFrame(line, at, end, parsed);
    }
    return lines.join('\n');
  };
}

/** A file make build writes beside index.mjs, loaded on demand (esbuild's chunkNames, `[name]-[hash]`), and the `:` after it. */
const ON_DEMAND = /[a-z]+-[A-Z0-9]{8}\.mjs:/y;
const POSITION = /(\d{1,9}):(\d{1,9})/y;

/** One frame line with its bundle position (the file at `at`, its `line:column` at `end`) replaced by the source's. */
function mapFrame(line: string, at: number, end: number, map: SourceMap): string {
  POSITION.lastIndex = end;
  const position = POSITION.exec(line);
  if (position === null) return line;
  // Stacks count lines and columns from 1; source maps from 0.
  const entry = map.findEntry(Number(position[1]) - 1, Number(position[2]) - 1);
  if (!('originalSource' in entry)) return line;
  // The map names the sources relative to dist/ (`../handler/index.ts`): the repository's path.
  const source = `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${line.slice(0, at)}${source}${line.slice(POSITION.lastIndex)}`;
}

/** The bundle's files; false when there is no bundle (unbundled code). */
function locateSafely(locate: () => BundleFiles): BundleFiles | false {
  try {
    return locate();
  } catch {
    return false;
  }
}

/** A source map, parsed; false when it cannot be read or parsed. */
function readMap(map: URL): SourceMap | false {
  try {
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const { SourceMap } = process.getBuiltinModule('node:module');
    return new SourceMap(JSON.parse(readFileSync(map, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
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
 * file beside it, loaded at the first crash) and that map.
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
