/**
 * Reading a secret typed in a terminal without showing it: raw mode, characters collected
 * until Enter, Backspace honoured, Ctrl-C and Ctrl-D give up. The prompt goes to stderr, so
 * stdout stays clean for `--json`.
 */
import type { Io } from "./command.ts";

type RawInput = Io["stdin"] & {
  setRawMode?: (raw: boolean) => unknown;
  isRaw?: boolean;
};

/** The line typed after `prompt`, never echoed; rejects on Ctrl-C or Ctrl-D. */
export function readHidden(io: Io, prompt: string): Promise<string> {
  const input = io.stdin as RawInput;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = "";
    const wasRaw = input.isRaw === true;
    input.setRawMode?.(true);
    input.resume();
    const finish = (error: Error | null) => {
      input.removeListener("data", onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === "\r" || char === "\n") return finish(null);
        if (char === "\u0003" || char === "\u0004") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else if (char >= " ") typed += char;
      }
    };
    input.on("data", onData);
  });
}
