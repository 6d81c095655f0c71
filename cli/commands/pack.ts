// `cairn pack [DIR]`: the package's deterministic .tar.gz and its checksum,
// written to DIR/target/package/ (as cargo does; `target/` is never packed).
import { resolve, join } from "node:path";
import type { Command } from "../command.js";
import { flagBool, flagString } from "../args.js";
import { info } from "../output.js";
import { EXIT } from "../../bindings/errors.js";
import { packDirectory } from "../archive/pack.js";
import { writeFileAtomicSync } from "../cache/atomic-write.js";
import { readPackageManifest } from "../registry/package-manifest.js";
import { baseName } from "../registry/names.js";

export const pack: Command = {
  name: "pack",
  summary: "build the package archive (deterministic .tar.gz) and print its checksum",
  usage: "cairn pack [DIR] [--out FILE] [--list] [--json]",
  async run(args, io) {
    const dir = resolve(io.cwd, args.positionals[0] ?? ".");
    const manifest = readPackageManifest(dir);
    const packed = packDirectory(dir);
    const out = resolve(io.cwd, flagString(args, "out") ?? join(dir, "target", "package", `${baseName(manifest.name)}-${manifest.version}.tar.gz`));
    writeFileAtomicSync(out, packed.bytes);
    if (flagBool(args, "json")) {
      io.out(`${JSON.stringify({ name: manifest.name, version: manifest.version, file: out, checksum: packed.checksum, size: packed.bytes.length, unpackedSize: packed.unpackedSize, files: packed.files })}\n`);
    } else {
      if (flagBool(args, "list")) for (const f of packed.files) io.out(`${f}\n`);
      io.out(`${packed.checksum}  ${out}\n`);
      info(io, `packed ${manifest.name} ${manifest.version}: ${packed.files.length} files, ${packed.bytes.length} bytes`);
    }
    return EXIT.ok;
  },
};
