/**
 * Reads a ZIP archive back through its central directory, as unzip programs do: enough to
 * check what src/store/zip.ts writes (deflated entries, no ZIP64).
 */
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";

export interface ZipFile {
  readonly name: string;
  readonly text: string;
  /** MS-DOS time and date fields. */
  readonly time: number;
  readonly date: number;
}

export function readZip(zip: Buffer): ZipFile[] {
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    assert.equal(zip.readUInt32LE(offset), 0x04034b50);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const text = inflateRawSync(zip.subarray(start, start + size)).toString("utf8");
    files.push({ name, text, time: zip.readUInt16LE(at + 12), date: zip.readUInt16LE(at + 14) });
    at += 46 + nameLength;
  }
  return files;
}
