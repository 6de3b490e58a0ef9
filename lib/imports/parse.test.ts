// The CSV dialects an import reads, and the files it refuses before anything is kept.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { guessDelimiter, readCsv } from "./parse";

const enc = new TextEncoder();
/** The bytes in chunks of `size`, so rows, quotes and multi-byte characters straddle chunk ends. */
async function* chunks(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function parse(input: string | Uint8Array, opts: { maxBytes?: number; maxRows?: number } = {}) {
  const bytes = typeof input === "string" ? enc.encode(input) : input;
  let header: { headers: string[]; delimiter: string } | null = null;
  const rows: string[][] = [];
  for await (const row of readCsv(chunks(bytes), (h) => void (header = h), opts)) rows.push(row);
  return { header: header as unknown as { headers: string[]; delimiter: string }, rows };
}

async function refusal(input: string | Uint8Array, opts: { maxBytes?: number; maxRows?: number } = {}): Promise<AppError> {
  const err = await parse(input, opts).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("readCsv", () => {
  it("reads a comma file with a BOM, quoted commas, quotes and line breaks, and unicode", async () => {
    const { header, rows } = await parse('\uFEFFFirst Name,Notes,City\r\nZoë,"line one\nline two",Zürich\r\n"O""Brien","a, b",東京\r\n\r\n');
    expect(header).toEqual({ headers: ["First Name", "Notes", "City"], delimiter: "," });
    expect(rows).toEqual([
      ["Zoë", "line one\nline two", "Zürich"],
      ['O"Brien', "a, b", "東京"],
    ]);
  });

  it("reads a semicolon file (Excel in Europe) and keeps commas inside cells", async () => {
    const { header, rows } = await parse("Name;Amount;Notes\nAcme;1.234,50;\"x;y\"\n");
    expect(header.delimiter).toBe(";");
    expect(rows).toEqual([["Acme", "1.234,50", "x;y"]]);
  });

  it("guesses the delimiter from the header line only, outside quotes", () => {
    expect(guessDelimiter('"a;b",c\n1;2;3;4')).toBe(",");
    expect(guessDelimiter("a;b;c\n1,2,3,4,5")).toBe(";");
  });

  it("refuses an empty file, a header-only file, duplicate and blank headers, with what is wrong", async () => {
    expect((await refusal("")).message).toBe("The file is empty");
    expect((await refusal("\uFEFF  \n")).message).toBe("The file is empty");
    expect((await refusal("Email,Name\n")).message).toBe("The file has a header but no rows");
    expect((await refusal("Email,Name,email\n1,2,3\n")).message).toMatch(/Duplicate headers: “email”/);
    expect((await refusal("Email,,Name\n1,2,3\n")).message).toMatch(/Column 2 has no header/);
  });

  it("refuses a file that is not UTF-8, binary content, too many bytes and too many rows", async () => {
    const latin1 = Uint8Array.from([...enc.encode("Name\nZ"), 0xeb, 0x0a]);
    expect((await refusal(latin1)).message).toMatch(/not UTF-8/);
    expect((await refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]))).message).toMatch(/not a CSV file/);
    const big = await refusal("Name\n" + "x\n".repeat(100), { maxBytes: 50 });
    expect(big.code).toBe("too-large");
    const many = await refusal("Name\n" + "x\n".repeat(11), { maxRows: 10 });
    expect([many.code, many.message]).toEqual(["too-large", "The file has more than 10 rows; split it into smaller files"]);
  });
});
