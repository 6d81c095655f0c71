// Download counts per archive, recorded by `cairn serve` and shown on the
// package pages. Kept in memory, persisted to DIR/.cairn/downloads.json
// (never served: hidden paths are not) with temp-file-then-rename writes,
// at most one write in flight and one per `delayMs`, plus a final flush when
// the server closes. Keys are registry-relative archive paths, so a count
// needs no guess about how names and versions map to files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../cache/atomic-write.js";

export const DOWNLOADS_FILE = ".cairn/downloads.json";

export class DownloadCounter {
  private readonly counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly dir: string,
    private readonly delayMs = 500,
  ) {
    try {
      const doc = JSON.parse(readFileSync(join(dir, DOWNLOADS_FILE), "utf8")) as { downloads?: Record<string, unknown> };
      for (const [rel, n] of Object.entries(doc.downloads ?? {})) if (Number.isSafeInteger(n) && (n as number) > 0) this.counts.set(rel, n as number);
    } catch {
      /* no counts yet (or an unreadable file, which the next write replaces) */
    }
  }

  /** One completed archive download of `rel` (e.g. `files/fmt/fmt-1.0.0.tar.gz`). */
  record(rel: string): void {
    this.counts.set(rel, (this.counts.get(rel) ?? 0) + 1);
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
    this.timer.unref?.();
  }

  count(rel: string): number {
    return this.counts.get(rel) ?? 0;
  }

  /** Writes the counts now (after any write already in flight). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const sorted = Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      try {
        await writeFileAtomic(join(this.dir, DOWNLOADS_FILE), `${JSON.stringify({ downloads: sorted }, null, 2)}\n`);
      } catch {
        this.dirty = true; // a read-only or full disk: keep counting in memory, try again next time
      }
    });
    return this.writing;
  }
}
