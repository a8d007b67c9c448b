// Reading a third party's answer without trusting its size: the relay's JWKS fetches and the
// kit's service client both stop at a cap, whatever the answer declares or streams.

/**
 * The body's bytes, at most `maxBytes` of them (decompressed, if fetch inflated it): a larger
 * answer stops being downloaded, and `tooLarge()` is thrown.
 */
export async function readCapped(response: Response, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  // A compressed answer's content-length is the compressed size: checked again while reading.
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    for await (const chunk of response.body) {
      size += chunk.length;
      // Leaving the loop cancels the stream: nothing more is downloaded or inflated.
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, size);
}
