// Reading an uploaded CSV as a stream (papaparse): UTF-8 with or without a BOM, `,` or `;`
// (guessed from the header line), quoted fields with line breaks. Memory stays bounded by
// one chunk and the caller's batch: rows come out one at a time. Each refusal names what is
// wrong (not UTF-8, not text, empty, too large, duplicate headers) before anything is kept.
import { Readable } from "node:stream";
import Papa from "papaparse";
import { AppError } from "@/lib/errors";

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 1_000_000;

const fileError = (message: string) => new AppError("validation", message, { errors: [{ path: "file", message }] });

/** `,` or `;`: whichever appears more often outside quotes in the header line. */
export function guessDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semis++;
  }
  return semis > commas ? ";" : ",";
}

/** The body's bytes as UTF-8 text chunks, the BOM dropped; refuses bad UTF-8, binary and more than `maxBytes`. */
async function* decode(body: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new AppError("too-large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it into smaller files`);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw fileError("The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again");
    }
    if (text.includes("\u0000")) throw fileError("The file is not a CSV file (it has binary content)");
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw fileError("The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again");
  }
}

export interface CsvHeader {
  headers: string[];
  delimiter: "," | ";";
}

/**
 * Reads a CSV stream: calls `onHeader` with the header row, then yields each data row
 * (blank lines skipped). Throws an AppError naming the problem for a file that is empty,
 * has no header, has duplicate or blank headers, is not UTF-8 or is too large.
 */
export async function* readCsv(body: AsyncIterable<Uint8Array>, onHeader: (h: CsvHeader) => void | Promise<void>, opts: { maxBytes?: number; maxRows?: number } = {}): AsyncGenerator<string[]> {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const text = decode(body, opts.maxBytes ?? MAX_IMPORT_BYTES);
  // the text up to the header's end (or 1 MB): the delimiter and line ending are guessed from it
  let head = "";
  for (;;) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
    if (head.includes("\n") || head.length > 1024 * 1024) break;
  }
  if (!head.trim()) throw fileError("The file is empty");
  const delimiter = guessDelimiter(head);
  const newline = /\r\n/.test(head) ? "\r\n" : head.includes("\n") ? "\n" : head.includes("\r") ? "\r" : "\n";
  async function* all() {
    yield head;
    yield* text;
  }
  const source = Readable.from(all());
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, newline, skipEmptyLines: "greedy" }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  source.on("error", (err) => (parser as unknown as { destroy(e: unknown): void }).destroy(err));
  source.pipe(parser);
  let header: string[] | null = null;
  let rows = 0;
  for await (const row of parser) {
    if (!header) {
      header = row.map((h) => h.trim());
      assertHeader(header);
      await onHeader({ headers: header, delimiter });
      continue;
    }
    if (++rows > maxRows) throw new AppError("too-large", `The file has more than ${maxRows.toLocaleString("en-US")} rows; split it into smaller files`);
    yield row;
  }
  if (!header) throw fileError("The file is empty");
  if (rows === 0) throw fileError("The file has a header but no rows");
}

function assertHeader(header: string[]): void {
  if (header.length < 1 || header.every((h) => !h)) throw fileError("The file has no header row");
  const blank = header.findIndex((h) => !h);
  if (blank >= 0) throw fileError(`Column ${blank + 1} has no header: give every column a name`);
  const seen = new Set<string>();
  const dup = header.filter((h) => (seen.has(h.toLowerCase()) ? true : (seen.add(h.toLowerCase()), false)));
  if (dup.length) throw fileError(`Duplicate headers: ${[...new Set(dup)].map((h) => `“${h}”`).join(", ")}; each column needs its own name`);
}
