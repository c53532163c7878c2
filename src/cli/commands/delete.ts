export { deleteCommand as command } from "./edit.ts";
