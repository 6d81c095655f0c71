// A lock with every source kind, shared by the cairn.lock and profile lock tests.
import type { Lock } from "../../../bindings/lock/model.js";

export const sum = (c: string) => `sha256:${c.repeat(64)}`;
export const lock: Lock = {
  version: 1,
  roots: [{ path: ".", name: "app", dependencies: [{ name: "greet", req: "^1.0.0" }, { name: "colors", req: "^2.0.0" }], devDependencies: [] }],
  packages: [
    { name: "greet", version: "1.1.0", source: { kind: "registry", url: "http://127.0.0.1:9/" }, checksum: sum("a"), dependencies: [{ name: "fmt", req: "^1.2.0" }] },
    { name: "fmt", version: "1.2.0", source: { kind: "registry", url: "http://127.0.0.1:9/" }, checksum: sum("b"), dependencies: [] },
    { name: "colors", version: "2.1.0", source: { kind: "git", url: "https://example.com/colors.git", commit: "c".repeat(40), ref: "v2.1.0", refKind: "tag" }, checksum: "tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", dependencies: [] },
    { name: "@s/local", version: "0.0.0", source: { kind: "path", path: "../local" }, checksum: "tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", dependencies: [] },
  ],
};
