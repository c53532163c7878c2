import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import type { Io } from "./command.ts";
import { readHidden } from "./hidden-input.ts";

function terminal() {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    modes: [] as boolean[],
    setRawMode(raw: boolean) {
      this.isRaw = raw;
      this.modes.push(raw);
    },
  });
  let shown = "";
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  stderr.on("data", (chunk: Buffer) => {
    shown += chunk.toString();
  });
  const io = { stdin, stderr, stdout: new PassThrough(), env: {}, cwd: "/" } as unknown as Io;
  return { io, stdin, shown: () => shown };
}

test("reads a line in raw mode without echoing it, honouring backspace", async () => {
  const { io, stdin, shown } = terminal();
  const read = readHidden(io, "New passphrase: ");
  stdin.write("secret wordz\u007fs");
  stdin.write("\r");
  assert.equal(await read, "secret words");
  assert.deepEqual(stdin.modes, [true, false], "raw mode on, then back off");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(shown(), "New passphrase: \n", "nothing typed is shown");
});

test("Ctrl-C gives up", async () => {
  const { io, stdin } = terminal();
  const read = readHidden(io, "? ");
  stdin.write("abc\u0003");
  await assert.rejects(read, /cancelled/u);
  assert.equal(stdin.isRaw, false);
});
