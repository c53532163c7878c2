/**
 * Erasing your account: everything you recorded, your sign-in sessions and API tokens, and
 * the account itself, in one transaction. Only from a signed-in browser (a leaked API token
 * must not be able to wipe a journal), with the words typed out.
 */
import type { FastifyPluginAsync } from "fastify";
import { eraseAccount } from "../../store/erase-account.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { AccountErased, EraseBody } from "../schemas/data.ts";

export const accountRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "POST",
    url: "/api/v1/account/erase",
    operationId: "eraseAccount",
    summary: "Erase your account and everything in it (cannot be undone)",
    description:
      'Needs `{ "confirm": "erase my data" }` and a browser session. Removes every record of your account, its sessions and API tokens, and the account; signs you out; says what was removed. Backups made before (yours, and the server\'s automatic ones until they are replaced) still hold your data.',
    tags: ["account"],
    access: "session",
    body: EraseBody,
    response: AccountErased,
    errors: ["FORBIDDEN"],
    handler: async ({ userId, reply }) => {
      const erased = await eraseAccount(context.store, userId);
      context.cookie.clear(reply);
      const notes = [
        "Backups and exports you downloaded still hold your data: delete them yourself.",
      ];
      const backups = context.backups?.status();
      if (backups?.enabled) {
        notes.push(
          `This server's automatic backups taken before now still hold it, until they are replaced (the newest ${backups.keep} are kept, one a day).`,
        );
      }
      notes.push(
        "Copies the server keeps from before an update or a restore may hold it too; whoever runs the server can remove them.",
      );
      return { ...erased, notes };
    },
  });
};
