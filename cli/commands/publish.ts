// `cairn publish [DIR]`: pack, then upload to the registry (PUT
// /api/v1/packages/<name>/<version>) with the saved token.
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { info } from "../output.js";
import { EXIT } from "../../bindings/errors.js";
import { packDirectory } from "../archive/pack.js";
import { readPackageManifest } from "../registry/package-manifest.js";
import { clientFromArgs } from "../registry/cli-client.js";

export const publish: Command = {
  name: "publish",
  summary: "pack the package and publish it to a registry",
  usage: "cairn publish [DIR] --registry URL [--dry-run] [--json]\n\nThe token comes from `cairn login` or CAIRN_TOKEN.",
  async run(args, io) {
    const dir = resolve(io.cwd, args.positionals[0] ?? ".");
    const manifest = readPackageManifest(dir);
    const packed = packDirectory(dir);
    const json = flagBool(args, "json");
    if (flagBool(args, "dry-run")) {
      const report = { name: manifest.name, version: manifest.version, checksum: packed.checksum, size: packed.bytes.length, files: packed.files, dryRun: true };
      io.out(json ? `${JSON.stringify(report)}\n` : `would publish ${manifest.name} ${manifest.version} (${packed.checksum}, ${packed.bytes.length} bytes)\n`);
      return EXIT.ok;
    }
    const client = clientFromArgs(args, io, { withToken: true });
    info(io, `publishing ${manifest.name} ${manifest.version} (${packed.bytes.length} bytes)`);
    const result = await client.publish({ name: manifest.name, version: manifest.version, bytes: packed.bytes, metadata: manifest.metadata });
    io.out(json ? `${JSON.stringify({ ok: true, ...result })}\n` : `published ${result.name} ${result.version} ${result.checksum}\n`);
    return EXIT.ok;
  },
};
