// `cairn unyank NAME@VERSION`: see yank.ts, which defines both.
export { unyank } from "./yank.js";
