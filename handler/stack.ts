// A crash's stack in the TypeScript's terms: each frame in a bundle that has its source map beside
// it (index.mjs.map, which make build writes and puts in the zip) becomes `handler/…ts:line:col`
// instead of `index.mjs:675:82`. The map is read only when a crash is logged: Node's own
// --enable-source-maps would read and parse it on every cold start (make bench measures that).
import type { SourceMap } from 'node:module';

// `file:///var/task/index.mjs:675:82` or `/var/task/index.mjs:675:82`, in a frame or a message.
const FRAME = /((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)/g;

/** Rewrites the frames of `text` that a source map beside their file can place; the rest as it is. */
export function mapStack(text: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return text.replace(FRAME, (frame, file: string, line: string, column: string) => {
    if (!maps.has(file)) maps.set(file, readMap(file));
    // Stacks count lines and columns from 1; source maps from 0.
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (entry === undefined || !('originalSource' in entry)) return frame;
    // The map names the sources relative to dist/ (`../handler/index.ts`): the repository's path.
    return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** The source map beside `file`, or undefined when there is none or it cannot be read. */
function readMap(file: string): SourceMap | undefined {
  try {
    const { readFileSync } = process.getBuiltinModule('node:fs');
    const { SourceMap } = process.getBuiltinModule('node:module');
    const { fileURLToPath } = process.getBuiltinModule('node:url');
    const path = file.startsWith('file:') ? fileURLToPath(file) : file;
    return new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
  } catch {
    return undefined;
  }
}
