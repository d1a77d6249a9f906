/**
 * The board page in a real browser: the machine's Chromium (Debian's `chromium`,
 * `apt-get install chromium`), driven by playwright-core, which downloads nothing.
 * Renders the bundled example, a hostile tree, a generated tree of 200 plans and a
 * repository of the PLANS.md practice (fixtures/execplan/docs-layout-broken); takes
 * screenshots (light, dark, narrow) into `test/browser/screenshots/`; checks
 * that the page loads nothing, runs no text from the files, fits a phone, and that
 * the problem table filters and sorts, and still reads with scripts off.
 *
 * `npm run test:browser` (after `npm run build`); `.ci/run` runs it too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { BOARD_TODAY, generateBoardTree } from "../helpers/board-tree.js";
import { runCli } from "../helpers/cli.js";
import { REPO } from "../helpers/fixtures.js";
import { EXECPLAN, MILESTONE, edit, removeTrees, tree } from "../helpers/tree.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** No sandbox (root in CI), no GPU, and nothing Chromium would fetch on its own. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.join(REPO, "test/browser/screenshots");
/** The day of docs/board.png: one of the example's plans idle, one not. */
const EXAMPLE_NOW = "2026-05-25";

let browser: Browser;
let work: string;
const pages: Record<"example" | "hostile" | "large" | "practice", string> = { example: "", hostile: "", large: "", practice: "" };
/** A repository of the PLANS.md practice, and the day of its board: one active plan idle, the others not. */
const PRACTICE = path.join(REPO, "fixtures/execplan/docs-layout-broken");
const PRACTICE_NOW = "2026-04-25";

function board(name: keyof typeof pages, args: string[], cwd = REPO): void {
  const file = path.join(work, `${name}.html`);
  const r = runCli([...args, "--format", "html", "--output-file", file], { cwd });
  if (r.stderr !== "" || !existsSync(file)) throw new Error(`no board for ${name}: ${r.stderr}`);
  pages[name] = pathToFileURL(file).href;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`);
  work = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-browser-"));
  mkdirSync(SHOTS, { recursive: true });
  board("example", ["--now", EXAMPLE_NOW, "examples/.agent"]);
  const hostile = tree();
  edit(hostile, EXECPLAN, (t) => t.replace('title: "Full-text search index for the console"', 'title: "</style><script>alert(\\"plan\\")</script>"'));
  edit(hostile, MILESTONE, (t) =>
    t
      .replace('title: "Ranked search API"', 'title: "<img src=x onerror=alert(1)>"')
      .replace('owner: "@ines"', 'owner: "\\" onmouseover=\\"alert(2)"')
      .replace("| Implementation | ⏳ | Handler written, pagination open |", '| <b onclick="alert(3)">Impl</b> | </td></tr><script>alert(4)</script> | x |'),
  );
  board("hostile", ["--now", BOARD_TODAY], hostile);
  const large = path.join(work, "large");
  generateBoardTree(large, 200);
  board("large", ["--now", BOARD_TODAY], large);
  board("practice", ["--now", PRACTICE_NOW], PRACTICE);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  removeTrees();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Console errors, page errors, dialogs and every request other than the page itself. */
  trouble: string[];
  close(): Promise<void>;
}

async function open(url: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const trouble: string[] = [];
  page.on("console", (m) => m.type() === "error" && trouble.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => trouble.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    trouble.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("request", (r) => r.url() !== url && trouble.push(`request: ${r.url()}`));
  await page.goto(url);
  return { page, trouble, close: () => context.close() };
}

const visibleRows = (page: Page) => page.locator("#problem-table tbody tr:visible");

describe("the board in Chromium", () => {
  it("renders the example in light, dark and narrow, loading nothing and fitting a phone", async () => {
    for (const [name, options] of [
      ["example-light", { colorScheme: "light" }],
      ["example-dark", { colorScheme: "dark" }],
      ["example-narrow", { colorScheme: "light", viewport: { width: 390, height: 844 }, isMobile: true }],
    ] as [string, BrowserContextOptions][]) {
      const { page, trouble, close } = await open(pages.example, options);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      expect(trouble).toEqual([]);
      // nothing wider than the screen
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(width[0]).toBeLessThanOrEqual(width[1] as number);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b > 3 * 128).toBe(options.colorScheme === "light");
      await close();
    }
  });

  it("shows the example's plans, milestones in order, progress, attention and problems where they are", async () => {
    const { page, close } = await open(pages.example);
    const card = page.locator("article.card", { hasText: "Reliable billing webhooks" });
    await expect(card.locator(".ms-head code").allTextContents()).resolves.toEqual(["MS001", "MS002", "MS003"]);
    await expect(card.locator(".ms-head .mini").allTextContents()).resolves.toEqual(["3/3", "1/2", "0/2"]);
    await expect(card.locator(".badge").first().textContent()).resolves.toBe("active");
    await expect(card.locator(".problems li").count()).resolves.toBe(9);
    await expect(page.locator("#attention h3").allTextContents()).resolves.toEqual([
      "9 errors in 2 files",
      "1 milestone blocked",
      "1 unfinished plan with no update for 30 days or more",
    ]);
    // a link from "needs attention" lands on the milestone's card
    await page.locator("#attention a", { hasText: "EP-20260301-007 MS003" }).first().click();
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#plan-2-ms-3");
    await close();
  });

  it("filters and sorts the problem table, and shows it whole with scripts off", async () => {
    const { page, trouble, close } = await open(pages.example);
    await expect(visibleRows(page).count()).resolves.toBe(9);
    await page.selectOption("#f-rule", "front-matter-schema");
    await expect(visibleRows(page).count()).resolves.toBe(3);
    await expect(page.locator("#f-count").textContent()).resolves.toBe("3 of 9 shown");
    await page.selectOption("#f-rule", "");
    await page.selectOption("#f-sev", "warn");
    await expect(visibleRows(page).count()).resolves.toBe(0);
    await page.selectOption("#f-sev", "");
    await page.fill("#f-text", "MS3_signature");
    await expect(visibleRows(page).locator("td[data-label=Rule]").allTextContents()).resolves.toEqual(["filename-matches-id"]);
    await page.fill("#f-text", "");
    await page.click("#problem-table th button:text('Rule')");
    const rules = await visibleRows(page).locator("td[data-label=Rule]").allTextContents();
    expect(rules).toEqual([...rules].sort());
    expect(rules[0]).toBe("changelog-entry");
    await page.click("#problem-table th button:text('Rule')");
    expect((await visibleRows(page).locator("td[data-label=Rule]").allTextContents())[0]).toBe("section-marker-required");
    expect(trouble).toEqual([]);
    await close();

    const off = await open(pages.example, { javaScriptEnabled: false });
    await expect(off.page.locator("#filters").isVisible()).resolves.toBe(false);
    await expect(visibleRows(off.page).count()).resolves.toBe(9);
    await off.close();
  });

  it("runs no text from a hostile tree: no dialog, no error, the text shown as text", async () => {
    const { page, trouble, close } = await open(pages.hostile);
    await page.locator("#problem-table").scrollIntoViewIfNeeded();
    await page.hover("text=Impl").catch(() => undefined);
    await page.mouse.move(10, 10);
    expect(trouble).toEqual([]);
    await expect(page.locator("h4", { hasText: "</style>" }).first().textContent()).resolves.toBe('</style><script>alert("plan")</script>');
    await expect(page.locator(".ms-title", { hasText: "<img" }).first().textContent()).resolves.toBe("<img src=x onerror=alert(1)>");
    await expect(page.locator("img").count()).resolves.toBe(0);
    await expect(page.locator("script").count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "hostile.png"), fullPage: true });
    await close();
  });

  it("draws the plans of a PLANS.md repository as cards: Progress, outcomes, problems, attention that links to them, a filter by plan", async () => {
    const { page, trouble, close } = await open(pages.practice, { colorScheme: "light" });
    await page.screenshot({ path: path.join(SHOTS, "plans-md-light.png"), fullPage: true });
    await expect(page.locator("h1").textContent()).resolves.toBe("Plans");
    await expect(page.locator(".tile h2").allTextContents()).resolves.toEqual(["Plans", "Progress of plans in flight", "Problems", "Problems by rule"]);
    const card = page.locator("article.card", { hasText: "Retry failed card payments" });
    await expect(card.locator(".badge").textContent()).resolves.toBe("active");
    await expect(card.locator("code.id").textContent()).resolves.toBe("active/billing-retries.md");
    await expect(card.locator(".progress").textContent()).resolves.toBe("2/3 Progress steps ticked · last ticked 2026-04-01");
    await expect(card.locator(".outcomes").textContent()).resolves.toBe("Outcomes & Retrospective: still to come");
    await expect(card.locator(".problems li").count()).resolves.toBe(6);
    await expect(page.locator("#attention h3").allTextContents()).resolves.toEqual([
      "23 errors in 6 files",
      "Status and folder disagree (closed work not moved?) (1)",
      "Closed work with unticked checklist items or no outcomes (3)",
      "Links to nothing (1)",
      "1 unfinished plan with no update for 30 days or more",
    ]);
    // a finished plan's card is folded away; a link to it from "needs attention" opens it
    const finished = page.locator("#practice-6");
    await expect(finished.isVisible()).resolves.toBe(false);
    await page.locator("#attention .att.life a", { hasText: "completed/2026-03-queue-migration.md" }).first().click();
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#practice-6");
    await expect(finished.isVisible()).resolves.toBe(true);
    await expect(finished.locator(".outcomes").textContent()).resolves.toBe("Outcomes & Retrospective: still to come");
    await page.selectOption("#f-plan", "practice-4");
    await expect(visibleRows(page).locator("td[data-label=Rule]").allTextContents()).resolves.toEqual(["execplan-references", "execplan-finished-in-active", "execplan-local-path", "execplan-template-text"]);
    expect(trouble).toEqual([]);
    await close();

    const phone = await open(pages.practice, { colorScheme: "dark", viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.page.screenshot({ path: path.join(SHOTS, "plans-md-narrow-dark.png"), fullPage: true });
    const width = await phone.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(width[0]).toBeLessThanOrEqual(width[1] as number);
    expect(phone.trouble).toEqual([]);
    await phone.close();
  });

  it("draws 200 plans: cards side by side on a wide screen, one column on a phone, filter by plan", async () => {
    const started = performance.now();
    const wide = await open(pages.large, { viewport: { width: 1600, height: 1000 }, colorScheme: "light" });
    const loaded = performance.now() - started;
    await wide.page.screenshot({ path: path.join(SHOTS, "large-wide.png") });
    const lefts = await wide.page.locator("details[open] .cards").first().locator("article.card").evaluateAll((cards) => [...new Set(cards.map((c) => (c as HTMLElement).offsetLeft))].length);
    expect(lefts).toBeGreaterThanOrEqual(3);
    await expect(wide.page.locator("article.card").count()).resolves.toBe(200);
    const all = await visibleRows(wide.page).count();
    const plan = await wide.page.locator("#f-plan option").nth(1).getAttribute("value");
    await wide.page.selectOption("#f-plan", plan ?? "");
    const planRows = await visibleRows(wide.page).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.plan));
    expect(planRows.length).toBeGreaterThan(0);
    expect(planRows.length).toBeLessThan(all);
    expect(new Set(planRows)).toEqual(new Set([plan]));
    expect(wide.trouble).toEqual([]);
    await wide.close();

    const dark = await open(pages.large, { viewport: { width: 1600, height: 1000 }, colorScheme: "dark" });
    await dark.page.screenshot({ path: path.join(SHOTS, "large-dark.png") });
    await dark.close();

    const phone = await open(pages.large, { viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.page.screenshot({ path: path.join(SHOTS, "large-narrow.png") });
    const columns = await phone.page.locator("details[open] .cards").first().locator("article.card").evaluateAll((cards) => new Set(cards.map((c) => (c as HTMLElement).offsetLeft)).size);
    expect(columns).toBe(1);
    const width = await phone.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(width[0]).toBeLessThanOrEqual(width[1] as number);
    await phone.close();
    writeFileSync(path.join(SHOTS, "timings.json"), `${JSON.stringify({ largePageLoadMs: Math.round(loaded), largePageBytes: readFileSync(new URL(pages.large)).length }, null, 2)}\n`);
  });
});
