// The extractor off the page's main thread: a long paste is read here, and each keystroke on the
// page only posts the text (console.mjs keeps the last answer, by id).
import { extract } from './extract.mjs';

globalThis.addEventListener('message', ({ data }) => {
  const started = performance.now();
  const observables = extract(String(data?.text ?? ''));
  globalThis.postMessage({ id: data?.id, observables, ms: performance.now() - started });
});
