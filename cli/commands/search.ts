// `cairn search QUERY`: packages whose name, description or keywords match.
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { clientFromArgs } from "../registry/cli-client.js";

export const search: Command = {
  name: "search",
  summary: "search a registry's packages by name, description and keywords",
  usage: "cairn search QUERY --registry URL [--json]",
  async run(args, io) {
    const query = args.positionals.join(" ").trim();
    if (!query) throw new CairnError("E_USAGE", "what to search for? `cairn search QUERY`");
    const hits = await clientFromArgs(args, io).search(query);
    if (flagBool(args, "json")) io.out(`${JSON.stringify(hits)}\n`);
    else {
      const width = Math.max(0, ...hits.map((h) => `${h.name}${h.latest ? ` ${h.latest}` : ""}`.length));
      for (const h of hits) io.out(`${`${h.name}${h.latest ? ` ${h.latest}` : ""}`.padEnd(width)}  ${h.description ?? ""}\n`.replace(/ +\n$/, "\n"));
    }
    return hits.length > 0 ? EXIT.ok : EXIT.failure;
  },
};
