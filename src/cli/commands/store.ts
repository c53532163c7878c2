/** `titrate store`: the journal's database itself, as opposed to what is in it. */
import type { CommandGroup } from "../command.ts";
import { storeCopy } from "./store-copy.ts";

export const group: CommandGroup = {
  name: "store",
  summary: "The journal's database: move a personal journal onto a hosted PostgreSQL server",
  commands: [storeCopy],
};
