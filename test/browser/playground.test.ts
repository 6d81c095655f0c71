// The playground in real headless Chromium: the page loads, gallery scenarios
// solve and draw, failures explain themselves with links into the graph, share
// links round-trip, a live registry (`cairn serve`) is fetched lazily, a solve
// can be cancelled, a 2,000-package scenario keeps the page responsive, and the
// page works offline after the first load. Each state is screenshotted into
// test-artifacts/playground/.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterSolve, buildToTemp, cairnServe, graphLabels, launch, openPage, ROOT, screenshot, serve, type Served } from "./harness.js";
// @ts-expect-error: plain ESM module without type declarations
import { bigScenario } from "./big-scenario.mjs";

const execFileAsync = promisify(execFile);
const fixture = (id: string) => JSON.parse(readFileSync(join(ROOT, "test/fixtures/scenarios", `${id}.json`), "utf8"));

let browser: Browser;
let site: Served;
let siteDir: string;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildToTemp();
  cleanup = built.cleanup;
  siteDir = built.dir;
  site = await serve(built.dir);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  cleanup?.();
});

describe("playground", () => {
  test("loads, with the gallery and the solver worker ready", async () => {
    const { page, errors } = await openPage(browser, site.url);
    expect(await page.title()).toBe("cairn playground");
    expect(await page.textContent("#status")).toMatch(/^Ready/);
    const ids = await page.$$eval("#gallery button", (bs) => bs.map((b) => b.getAttribute("data-id")));
    expect(ids).toContain("dart-pub/diamond-dependency-graph");
    expect(ids.length).toBeGreaterThan(20);
    await screenshot(page, "01-loaded");
    // The default scenario resolves with the keyboard shortcut.
    await page.focus("#scenario-text");
    const status = await afterSolve(page, () => page.keyboard.press("Control+Enter"));
    expect(status).toMatch(/^Solved: 3 packages/);
    // Cmd+Enter (macOS) too.
    expect(await afterSolve(page, () => page.keyboard.press("Meta+Enter"))).toMatch(/^Solved: 3 packages/);
    // Tabs move with the arrow keys.
    await page.focus("#tab-graph");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-lock", "aria-selected")).toBe("true");
    expect(await page.isVisible("#lock")).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("solves a gallery scenario and draws its graph; a node tells why it is there", async () => {
    const { page, errors } = await openPage(browser, site.url);
    const id = "dart-pub/diamond-dependency-graph";
    const expected = fixture(id).expect.solution as Record<string, string>;
    const status = await afterSolve(page, () => page.click(`#gallery button[data-id="${id}"]`));
    expect(status).toMatch(/^Solved/);
    const labels = await graphLabels(page);
    expect(labels.sort()).toEqual([...Object.entries(expected).map(([n, v]) => `${n} ${v}`), "⌂ root"].sort());
    expect(await page.$$eval("#graph g.edge", (es) => es.length)).toBeGreaterThanOrEqual(Object.keys(expected).length);
    // c comes in through b 2.0.0's requirement; the why panel shows the path.
    await page.click('#graph g.node[data-name="c"]');
    const why = (await page.textContent("#why")) ?? "";
    expect(why).toContain("c 3.0.0");
    expect(await page.$$eval("#why li", (ls) => ls.map((l) => l.textContent))).toEqual(["root → b (*) → c (^3.0.0)"]);
    expect(await page.$$eval("#graph g.edge.onpath", (es) => es.length)).toBe(2);
    await screenshot(page, "02-solved-graph");
    // Opening a gallery scenario gives a short link that reopens it.
    expect(page.url()).toMatch(/#g=dart-pub%2Fdiamond-dependency-graph$/);
    await page.click("#tab-lock");
    const lock = (await page.textContent("#lock")) ?? "";
    for (const [n, v] of Object.entries(expected)) expect(lock).toContain(`name = "${n}"\nversion = "${v}"`);
    await screenshot(page, "03-lock");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-lock")]);
    expect(download.suggestedFilename()).toBe("cairn.lock");
    expect(readFileSync((await download.path())!, "utf8")).toBe(lock);
    await page.click("#tab-timeline");
    const kinds = await page.$$eval("#timeline li", (ls) => ls.map((l) => l.getAttribute("data-kind")));
    expect(kinds).toContain("decision");
    expect(kinds.filter((k) => k === "decision").length).toBeGreaterThanOrEqual(Object.keys(expected).length);
    // Unit propagation has rows too: every package is derived as required before it is decided.
    expect(kinds.filter((k) => k === "propagation").length).toBeGreaterThanOrEqual(Object.keys(expected).length);
    await page.click("#tl-next");
    expect(await page.textContent("#tl-pos")).toMatch(/^event 2 of \d+/);
    // The last decision's package is highlighted in the graph shown beside the timeline.
    await page.locator('#timeline li[data-kind="decision"]').last().click();
    const current = (await page.textContent("#tl-current")) ?? "";
    const decided = /\[decision\] decide (\S+) /.exec(current)?.[1];
    expect(decided).toBeDefined();
    expect(await page.isVisible(`#view-timeline #graph g.node[data-name="${decided}"]`)).toBe(true);
    await expect.poll(() => page.getAttribute(`#graph g.node[data-name="${decided}"]`, "class")).toContain("highlight");
    // So is a propagation's: b 2.0.0 leaves c one version before c is decided.
    const rows = await page.$$eval("#timeline li", (ls) => ls.map((l) => l.textContent ?? ""));
    const narrowed = rows.findIndex((r) => r === "[propagation] derive: c must be 3.0.0");
    expect(narrowed).toBeGreaterThan(rows.findIndex((r) => r === "[decision] decide b 2.0.0"));
    expect(narrowed).toBeLessThan(rows.findIndex((r) => r === "[decision] decide c 3.0.0"));
    await page.click(`#timeline li[data-i="${narrowed}"]`);
    expect(await page.textContent("#tl-current")).toBe(`${narrowed + 1}. [propagation] derive: c must be 3.0.0`);
    await expect.poll(() => page.getAttribute('#graph g.node[data-name="c"]', "class")).toContain("highlight");
    await screenshot(page, "04-timeline");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("the timeline shows a conflict, the backjump and what the learned fact derives, in order", async () => {
    const { page, errors } = await openPage(browser, site.url);
    const id = "dart-pub/backjumps-after-partial-satisfier";
    expect(await afterSolve(page, () => page.click(`#gallery button[data-id="${id}"]`))).toMatch(/^Solved: 2 packages/);
    await page.click("#tab-timeline");
    const rows = await page.$$eval("#timeline li", (ls) => ls.map((l) => ({ kind: l.getAttribute("data-kind"), text: l.textContent ?? "" })));
    const kinds = rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["fetch", "decision", "propagation", "conflict", "backjump"]));
    // After every backjump comes what the learned incompatibility derives.
    kinds.forEach((k, i) => {
      if (k === "backjump") expect(kinds[i + 1]).toBe("propagation");
    });
    // c 2.0.0 cannot work (through a, b and x): the page says it is ruled out, then decides c 1.0.0.
    const ruledOut = rows.findIndex((r) => r.text === "[propagation] derive: c 2.0.0 is ruled out");
    expect(ruledOut).toBeGreaterThan(kinds.indexOf("backjump"));
    expect(rows.findIndex((r, i) => i > ruledOut && r.text === "[decision] decide c 1.0.0")).toBeGreaterThan(ruledOut);
    await page.click(`#timeline li[data-i="${ruledOut}"]`);
    await page.keyboard.press("ArrowLeft");
    expect(await page.textContent("#tl-current")).toMatch(new RegExp(`^${ruledOut}\\. \\[backjump\\] backjump to decision level \\d+$`));
    // Only one row is the current step, for screen readers too.
    expect(await page.$$eval('#timeline li[aria-current="step"]', (ls) => ls.map((l) => l.getAttribute("data-i")))).toEqual([String(ruledOut - 1)]);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getAttribute('#graph g.node[data-name="c"]', "class")).toContain("highlight");
    // The ★ marker of a highlighted node fits inside its box, with room to spare.
    const padding = await page.$eval('#graph g.node[data-name="c"]', (g) => {
      const t = (g.querySelector("text") as SVGGraphicsElement).getBBox();
      const r = (g.querySelector("rect") as SVGGraphicsElement).getBBox();
      return Math.min(t.x - r.x, r.x + r.width - (t.x + t.width));
    });
    expect(padding).toBeGreaterThanOrEqual(6);
    await screenshot(page, "14-timeline-backjump");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a failing scenario shows the explanation naming the right packages, linked to the graph", async () => {
    const { page, errors } = await openPage(browser, site.url);
    const id = "dart-pub/no-version-matches-combined-constraint";
    const { mentions } = fixture(id).expect as { mentions: string[] };
    const status = await afterSolve(page, () => page.click(`#gallery button[data-id="${id}"]`));
    expect(status).toMatch(/^No solution \(E_NO_SOLUTION\)/);
    const steps = await page.$$eval("#explain ol.steps li", (ls) => ls.map((l) => l.textContent ?? ""));
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps[steps.length - 1]).toMatch(/version solving failed/);
    const text = steps.join("\n");
    for (const m of mentions) expect(text).toContain(m);
    await screenshot(page, "05-explanation");
    // Every mentioned package is a link; following one highlights its node.
    for (const m of mentions) expect(await page.$(`#explain button.pkg[data-pkg="${m}"]`)).not.toBeNull();
    await page.click(`#explain button.pkg[data-pkg="${mentions[0]}"]`);
    const node = page.locator(`#graph g.node[data-name="${mentions[0]}"]`);
    await expect.poll(() => node.getAttribute("class")).toContain("highlight");
    expect(await node.textContent()).toContain("★");
    // The requirements on the edges stay well apart (12 px at least), so each one reads on its own.
    const gaps = await page.$$eval("#graph g.edge text", (ts) => {
      const boxes = ts.map((t) => (t as SVGGraphicsElement).getBBox());
      const out: number[] = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        const dx = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
        const dy = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
        out.push(Math.max(dx, dy));
      }));
      return out;
    });
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(12);
    await screenshot(page, "06-explanation-highlight");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a share link reopens the same scenario with the same options", async () => {
    const { page, errors } = await openPage(browser, site.url);
    const id = "dart-pub/diamond-dependency-graph";
    await afterSolve(page, () => page.click(`#gallery button[data-id="${id}"]`));
    await page.selectOption("#opt-versions", "lowest");
    await page.fill("#opt-target", "linux");
    await page.fill("#opt-lock", "a = 1.0.0");
    const firstStatus = await afterSolve(page, () => page.click("#resolve"));
    // Lowest versions instead of highest: the lock tab says what changed.
    expect(await page.textContent("#lock-diff")).toBe("Since the previous solve: b 2.0.0 → 1.0.0, c 3.0.0 → 2.0.0.");
    await page.click("#share");
    await expect.poll(() => page.url()).toMatch(/#v=1&s=[A-Za-z0-9_-]+$/);
    const link = page.url();
    const scenario = await page.inputValue("#scenario-text");

    const { page: again } = await openPage(browser, link);
    await again.waitForFunction(() => Number(document.body.dataset.solves ?? "0") >= 1);
    expect(await again.inputValue("#scenario-text")).toBe(scenario);
    expect(await again.inputValue("#opt-versions")).toBe("lowest");
    expect(await again.inputValue("#opt-target")).toBe("linux");
    expect(await again.inputValue("#opt-lock")).toBe("a = 1.0.0");
    // Same input, same answer (the timing part aside).
    const strip = (s: string) => s.replace(/ in [\d.]+ s/, "").replace(/ after [\d.]+ s/, "");
    expect(strip((await again.textContent("#status")) ?? "")).toBe(strip(firstStatus));
    await screenshot(again, "07-share-link-reopened");
    // The short gallery link reopens and solves the scenario too.
    const { page: short } = await openPage(browser, `${site.url}#g=${encodeURIComponent(id)}`);
    await short.waitForFunction(() => Number(document.body.dataset.solves ?? "0") >= 1);
    expect(await short.inputValue("#scenario-text")).toBe(readFileSync(join(ROOT, "test/fixtures/scenarios", `${id}.json`), "utf8"));
    expect(await short.textContent("#status")).toMatch(/^Solved: 3 packages/);
    await short.context().close();
    // A damaged link is reported, not thrown.
    const { page: broken, errors: brokenErrors } = await openPage(browser, `${site.url}#v=1&s=AAAA`);
    expect(await broken.textContent("#status")).toMatch(/Cannot open this share link/);
    expect(brokenErrors).toEqual([]);
    expect(errors).toEqual([]);
    await again.context().close();
    await broken.context().close();
    await page.context().close();
  });

  test("copy as CLI command gives a self-contained `cairn solve`", async () => {
    const { page } = await openPage(browser, site.url);
    await page.selectOption("#opt-prerelease", "include");
    await page.click("#copy-cli");
    const cmd = (await page.textContent("#copy-out")) ?? "";
    expect(cmd).toMatch(/^cat > scenario\.json <<'CAIRN_EOF'\n/);
    expect(cmd).toMatch(/\nCAIRN_EOF\ncairn solve scenario\.json --max-steps \d+$/);
    const json = JSON.parse(cmd.slice(cmd.indexOf("\n") + 1, cmd.lastIndexOf("\nCAIRN_EOF")));
    expect(json.options.prerelease).toBe("include");
    expect(json.root.greet).toBe("^1.0.0");
    // The snippet runs as is, with `cairn` being this build's CLI.
    const dir = mkdtempSync(join(tmpdir(), "cairn-cli-cmd-"));
    try {
      writeFileSync(join(dir, "cairn"), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "dist/cli.mjs")}" "$@"\n`, { mode: 0o755 });
      const run = spawnSync("bash", ["-c", cmd], { cwd: dir, env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, NO_COLOR: "1" }, encoding: "utf8" });
      expect(run.stderr).not.toMatch(/error/);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/greet/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.context().close();
  });

  test("reads manifests of any profile in the browser: MinZ platform dependencies follow the target; Ori stdlib is left to the toolchain", async () => {
    const { page, errors } = await openPage(browser, site.url);
    await page.click("#mode-manifest");
    await page.fill("#manifest-file", "mzp.toml");
    await page.fill("#manifest-text", '[package]\nname = "zx-demo"\nversion = "1.0.0"\n\n[dependencies]\ngreet = "^1.0.0"\n\n[platform-dependencies.spectrum]\ncolors = "~2.0.0"\n');
    // Against the default scenario's inline registry: greet 1.1.0 needs fmt ^1.2.0.
    expect(await afterSolve(page, () => page.click("#resolve"))).toMatch(/^Solved: 2 packages/);
    expect((await graphLabels(page)).sort()).toEqual(["fmt 1.3.0", "greet 1.1.0", "⌂ zx-demo"]);
    await page.fill("#opt-target", "spectrum");
    expect(await afterSolve(page, () => page.keyboard.press("Control+Enter"))).toMatch(/^Solved: 3 packages/);
    expect((await graphLabels(page)).sort()).toEqual(["colors 2.0.0", "fmt 1.3.0", "greet 1.1.0", "⌂ zx-demo"]);
    await screenshot(page, "08-manifest-minz");
    // Ori's TOML dialect: bare stdlib lines are never resolved, and the page says so.
    await page.fill("#opt-target", "");
    await page.fill("#manifest-file", "oripk.toml");
    await page.fill("#manifest-text", '[project]\nname = "demo"\nversion = "1.0.0"\nori = "0.5.0"\n\n[dependencies]\nstd.json\ncolors = "2.1.0"\n');
    const ori = await afterSolve(page, () => page.click("#resolve"));
    expect(ori).toMatch(/^Solved: 1 package in/);
    expect(ori).toContain("standard library, provided by the toolchain: std.json");
    // A manifest error names the file and the place.
    await page.fill("#manifest-text", '[package]\nname = "zx-demo"\nversion = \n');
    expect(await afterSolve(page, () => page.click("#resolve"))).toMatch(/^error\[E_\w+\] oripk\.toml:3:\d+/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("resolves a manifest against `cairn serve`, fetching only the packages the solver asks for", async () => {
    const regDir = mkdtempSync(join(tmpdir(), "cairn-registry-"));
    cpSync(join(ROOT, "examples/registry"), regDir, { recursive: true });
    const registry = await cairnServe(regDir);
    const fetched: string[] = [];
    // Through the page's own origin (the static server forwards /registry/),
    // so the test can see every path the page fetches.
    const proxied = await serve(siteDir, { prefix: "/registry/", target: registry.url }, (p: string) => fetched.push(p));
    try {
      const { page, errors } = await openPage(browser, proxied.url);
      await page.click("#mode-manifest");
      await page.fill("#manifest-file", "cairn.toml");
      await page.fill("#manifest-text", readFileSync(join(ROOT, "examples/cairn/cairn.toml"), "utf8"));
      const regUrl = `${proxied.url}registry/`;
      await page.fill("#opt-registry", regUrl);
      const status = await afterSolve(page, () => page.click("#resolve"));
      expect(status).toMatch(/^Solved/);
      const names = await page.$$eval("#graph g.node", (ns) => ns.map((n) => n.getAttribute("data-name")));
      expect(names).toEqual(expect.arrayContaining(["hello-app", "greet", "colors", "testkit"]));
      // The lock is what the CLI writes: registry source and archive checksums.
      await page.click("#tab-lock");
      const lock = (await page.textContent("#lock")) ?? "";
      expect(lock).toContain(`source = "registry+${regUrl}"`);
      expect(lock).toMatch(/checksum = "sha256:[0-9a-f]{64}"/);
      await screenshot(page, "09-registry-url");
      // …byte for byte what `cairn lock` writes for the same manifest and registry.
      const proj = mkdtempSync(join(tmpdir(), "cairn-lock-cmp-"));
      try {
        writeFileSync(join(proj, "cairn.toml"), readFileSync(join(ROOT, "examples/cairn/cairn.toml")));
        // Asynchronously: the forwarding server lives in this process.
        const cli = await execFileAsync(process.execPath, [join(ROOT, "dist/cli.mjs"), "lock", "--registry", regUrl], { cwd: proj, env: { ...process.env, CAIRN_HOME: join(proj, ".home"), NO_COLOR: "1" }, encoding: "utf8" });
        expect(cli.stderr).not.toMatch(/error/);
        expect(lock).toBe(readFileSync(join(proj, "cairn.lock"), "utf8"));
      } finally {
        rmSync(proj, { recursive: true, force: true });
      }
      // Only per-package files were read, and none of the unrelated packages.
      expect(fetched.length).toBeGreaterThan(0);
      for (const p of fetched) expect(p).toMatch(/^\/packages\/.+\.json$/);
      for (const unrelated of ["zx-core", "zx-hardware", "epsilon.core", "math-fixed", "%40orilib"]) {
        expect(fetched.some((p) => p.includes(`/${unrelated}`))).toBe(false);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await proxied.close();
      registry.stop();
      rmSync(regDir, { recursive: true, force: true });
    }
  });

  test("resolves directly against `cairn serve` on another origin (it sends Access-Control-Allow-Origin)", async () => {
    const regDir = mkdtempSync(join(tmpdir(), "cairn-registry-"));
    cpSync(join(ROOT, "examples/registry"), regDir, { recursive: true });
    const registry = await cairnServe(regDir);
    try {
      const { page, errors } = await openPage(browser, site.url);
      await page.click("#mode-manifest");
      await page.fill("#manifest-file", "cairn.toml");
      await page.fill("#manifest-text", readFileSync(join(ROOT, "examples/cairn/cairn.toml"), "utf8"));
      const regUrl = registry.url.endsWith("/") ? registry.url : `${registry.url}/`;
      expect(new URL(regUrl).origin).not.toBe(new URL(site.url).origin);
      await page.fill("#opt-registry", regUrl);
      const status = await afterSolve(page, () => page.click("#resolve"));
      expect(status).toMatch(/^Solved/);
      const names = await page.$$eval("#graph g.node", (ns) => ns.map((n) => n.getAttribute("data-name")));
      expect(names).toEqual(expect.arrayContaining(["hello-app", "greet", "colors"]));
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      registry.stop();
      rmSync(regDir, { recursive: true, force: true });
    }
  });

  test("a running solve can be cancelled, and the next one works", async () => {
    const { page, errors } = await openPage(browser, site.url);
    // A registry that never answers keeps the solve running until cancelled.
    await page.route("**/hang/**", () => {
      /* never fulfilled */
    });
    await page.fill("#opt-registry", `${site.url}hang/`);
    const status = await afterSolve(page, async () => {
      await page.click("#resolve");
      await page.waitForSelector("#status[data-state=running]");
      expect(await page.isEnabled("#cancel")).toBe(true);
      await page.keyboard.press("Escape");
    });
    expect(status).toMatch(/^Cancelled/);
    expect(await page.getAttribute("#status", "data-state")).toBe("cancelled");
    await screenshot(page, "10-cancelled");
    await page.fill("#opt-registry", "");
    expect(await afterSolve(page, () => page.click("#resolve"))).toMatch(/^Solved/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("bad input gets a stable code and a position, not an exception", async () => {
    const { page, errors } = await openPage(browser, site.url);
    await page.fill("#scenario-text", '{\n  "registry": {},\n  "root": { "a": 5 }\n}');
    const status = await afterSolve(page, () => page.click("#resolve"));
    expect(status).toMatch(/^error\[E_SCENARIO\]/);
    expect(status).toContain("root.a");
    await page.fill("#scenario-text", '{\n  "registry": {,\n}');
    const syntax = await afterSolve(page, () => page.click("#resolve"));
    expect(syntax).toMatch(/^error\[E_\w+\].*:2:\d+/);
    // The caret is put on the fault, in line 2 of the editor.
    const caret = await page.$eval("#scenario-text", (t) => (t as HTMLTextAreaElement).value.slice(0, (t as HTMLTextAreaElement).selectionStart).split("\n").length);
    expect(caret).toBe(2);
    await screenshot(page, "11-bad-input");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a 2,000-package scenario solves without freezing the page", async () => {
    const { page, errors } = await openPage(browser, site.url);
    const text = JSON.stringify(bigScenario({ packages: 2000 }));
    await page.evaluate((t) => {
      (document.getElementById("scenario-text") as HTMLTextAreaElement).value = t;
    }, text);
    // A heartbeat on the page's main thread: the longest gap between ticks is
    // how long the page was frozen.
    await page.evaluate(() => {
      const w = window as unknown as { maxGap: number };
      w.maxGap = 0;
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        w.maxGap = Math.max(w.maxGap, now - last);
        last = now;
      }, 20);
    });
    const t0 = Date.now();
    const status = await afterSolve(page, () => page.click("#resolve"), 180_000);
    const wall = Date.now() - t0;
    expect(status).toMatch(/^Solved: 2000 packages/);
    const maxGap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
    console.log(`2,000-package scenario: ${status} (wall ${wall} ms, longest main-thread gap ${Math.round(maxGap)} ms)`);
    // Generous bound for a loaded 2-core machine; a solve on the main thread would block for seconds.
    expect(maxGap).toBeLessThan(1500);
    expect(await page.textContent("#graph")).toContain("2001 packages: too many to draw at once");
    // Clicking a package moves the drawn neighbourhood there and says why it is in.
    await page.click('#graph g.node[data-name="pkg-0001"]');
    await expect.poll(() => page.textContent("#graph .graph-note")).toMatch(/neighbourhood of pkg-0001 1\.\d\.0/);
    expect(await page.textContent("#why")).toMatch(/root → pkg-0001 \(\^1\.0\.0\)/);
    expect(await page.$('#graph g.node[data-name="pkg-0002"]')).not.toBeNull();
    await screenshot(page, "12-large-scenario");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  test("works offline after the first load", async () => {
    const { page, errors } = await openPage(browser, site.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    const status = await afterSolve(page, () => page.click('#gallery button[data-id="dart-pub/diamond-dependency-graph"]'));
    expect(status).toMatch(/^Solved/);
    await screenshot(page, "13-offline");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

