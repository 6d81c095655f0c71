// `cairn login --registry URL`: reads a token from standard input (so it stays
// out of shell history) and saves it for that registry. Never echoes it.
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { info } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { registryUrl } from "../registry/cli-client.js";
import { parseRegistry } from "../registry/client.js";
import { saveToken, removeToken } from "../registry/credentials.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0]!.trim();
}

export const login: Command = {
  name: "login",
  summary: "save a registry token (read from standard input)",
  usage: "cairn login --registry URL  < token-file\ncairn login --registry URL --logout",
  async run(args, io) {
    const registry = parseRegistry(registryUrl(args, io), io.cwd);
    if (flagBool(args, "logout")) {
      const had = removeToken(registry.url, io.env);
      info(io, had ? `removed the token for ${registry.url}` : `no token was saved for ${registry.url}`);
      return EXIT.ok;
    }
    if (process.stdin.isTTY) io.err("paste the token, then press Enter: ");
    const token = await readStdin();
    if (!token || /\s/.test(token)) throw new CairnError("E_USAGE", "no token on standard input", { hint: "echo \"$TOKEN\" | cairn login --registry URL" });
    const file = saveToken(registry.url, token, io.env);
    info(io, `token saved for ${registry.url} in ${file}`);
    return EXIT.ok;
  },
};
