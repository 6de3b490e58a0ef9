// Request bodies read within a byte limit. A chunked body has no Content-Length to refuse
// up front, so the bytes are counted as they stream in and reading stops (the stream is
// cancelled) at the first chunk past the limit: memory stays bounded by the limit.
import { AppError } from "@/lib/errors";

export const MAX_BODY = 1024 * 1024;

const tooLarge = (max: number) => new AppError("too-large", `The body is larger than ${max === MAX_BODY ? "1 MiB" : `${max} bytes`}`);

/** The body as UTF-8 text, or a 413 `too-large` once it passes `max` bytes (declared or streamed). */
export async function readBodyText(req: Request, max = MAX_BODY): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max) throw tooLarge(max);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // tell the source we are done; an error here changes nothing for the client
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  // as Request.text() decodes: UTF-8, a leading BOM dropped, bad bytes replaced
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}
