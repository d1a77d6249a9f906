// Writes a realistic, deterministic `.agent/exec_plans` tree for the benchmark and
// the worker/cache equivalence test: plans of up to 20 milestones each, every
// template section filled (tables, lists, code spans), 3–15 KB per milestone, and
// about 4 % of milestones broken in ways the front-matter rules catch.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** mulberry32: a small seeded PRNG, so the same seed gives the same tree everywhere. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "api cache client config console cursor deploy domain endpoint event export feature flag handler index job " +
  "latency ledger lock metric migration module node owner page payload plan policy queue quota rate record " +
  "replica request retry route schema search server session shard signal storage stream table tenant token " +
  "trace update user vault webhook worker backfill rollout rollback smoke fixture contract gateway"
).split(" ");
const DOMAINS = ["backend", "frontend", "console", "infra", "cross-cutting"];
const STATUSES = ["planned", "in_progress", "completed", "blocked", "archived"];
const OWNERS = ["@ines", "@codex", "@claude", "@mara", "@team-search", "@ops"];
const MARKS = ["✅", "⚠️", "⏳"];
const COMMANDS = ["pnpm lint", "pnpm type-check", "hatch run lint", "pytest -q", "npm test", "make smoke"];

export function generateTree(root, milestones, seed = 1) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const s = `${words(int(6, 14))}, using \`${pick(WORDS)}.${pick(WORDS)}()\` where the ${pick(WORDS)} needs it.`;
    return s[0].toUpperCase() + s.slice(1);
  };
  const bullets = (n) => Array.from({ length: n }, () => `- ${sentence()}`).join("\n");
  const date = (y, m, d) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

  const milestoneText = (planId, ms, slug, created, updated, broken) => {
    const title = `${words(3)} ${slug.split("-")[0]}`.replace(/^./, (c) => c.toUpperCase());
    const rows = (n, cells) => Array.from({ length: n }, (_, i) => `| ${cells(i).join(" | ")} |`).join("\n");
    const size = int(0, 6); // scales every section: files land between ~3 and ~15 KB
    let front = [
      `id: ${planId}/MS${String(ms).padStart(3, "0")}`,
      `execplan_id: ${planId}`,
      `ms: ${ms}`,
      `title: "${title}"`,
      `status: ${pick(STATUSES)}`,
      `domain: ${pick(DOMAINS)}`,
      `owner: "${pick(OWNERS)}"`,
      `created: ${created}`,
      `updated: ${updated}`,
      `tags: [${words(2).replace(" ", ", ")}]`,
      `risk: ${pick(["low", "med", "high"])}`,
      "links:",
      `  issue: "https://tracker.example.test/${slug.toUpperCase().slice(0, 4)}-${int(1, 999)}"`,
      '  docs: ""',
      '  pr: ""',
    ];
    let open = "---\n";
    let close = "---\n";
    switch (broken) {
      case "enum": front = front.map((l) => (l.startsWith("status:") ? "status: in-progress" : l)); break;
      case "quoted-ms": front = front.map((l) => (l.startsWith("ms:") ? `ms: "${ms}"` : l)); break;
      case "missing-key": front = front.filter((l) => !l.startsWith("owner:")); break;
      case "yaml-syntax": front = front.map((l) => (l.startsWith("title:") ? `title: "${title}` : l)); break;
      case "not-first": open = "\n---\n"; break;
      case "unclosed": close = ""; break;
    }
    const body = `
<!-- SECTION: Metadata -->
# ${title}

This milestone is a living document. Keep the YAML front matter accurate. Whenever you materially change the milestone content, update \`updated\` and add a note in \`Changelog\`.

---

<!-- SECTION: Objective -->
## Objective

${sentence()} ${sentence()}

---

<!-- SECTION: Definition of Done -->
## Definition of Done

${bullets(int(1, 2 + size))}
- \`${pick(COMMANDS)}\` / \`${pick(COMMANDS)}\` / tests all pass
- Milestone status is updated to \`completed\` (and then archived when appropriate)

---

<!-- SECTION: Scope -->
## Scope

### In Scope
${bullets(int(1, 1 + size))}

### Out of Scope
${bullets(int(1, 1 + size))}

---

<!-- SECTION: Current Health Snapshot -->
## Current Health Snapshot

| Area | Status | Notes |
| --- | --- | --- |
${rows(4, (i) => [["Architecture/design", "Implementation", "Tests & QA", "Docs & runbooks"][i], pick(MARKS), sentence()])}

---

<!-- SECTION: Architecture / Design -->
## Architecture / Design Snapshot

${bullets(int(1, 1 + size))}

\`\`\`ts
export function ${pick(WORDS)}${int(1, 99)}(input: ${pick(WORDS)}Input): Promise<void> {
  return queue.enqueue("${pick(WORDS)}", input);
}
\`\`\`

---

<!-- SECTION: Smoke Philosophy (optional) -->
## Smoke Philosophy (Optional)

${bullets(int(1, 3))}

---

<!-- SECTION: Workstreams & Tasks -->
## Workstreams & Tasks

${Array.from({ length: int(1, 1 + Math.ceil(size / 2)) }, (_, w) => `### Workstream ${"ABCDEF"[w]} – ${words(2)}

| ID | Area | Description | Status |
|----|------|-------------|-------|
${rows(int(1, 1 + size), (i) => [`${"ABCDEF"[w]}${i + 1}`, pick(WORDS), sentence(), pick(MARKS)])}
`).join("\n")}
---

<!-- SECTION: Phases (optional if simple) -->
## Phases

| Phase | Scope | Exit Criteria | Status |
| ----- | ----- | ------------- | ------ |
${rows(int(2, 4), (i) => [`P${i} – ${words(1)}`, sentence(), `\`${pick(COMMANDS)}\` green`, pick(MARKS)])}

---

<!-- SECTION: Dependencies -->
## Dependencies

${bullets(int(1, 2 + size))}

---

<!-- SECTION: Risks -->
## Risks & Mitigations

| Risk | Impact | Mitigation |
| --- | --- | --- |
${rows(int(2, 2 + size), () => [sentence(), pick(["Low", "Med", "High"]), sentence()])}

---

<!-- SECTION: Validation / QA Plan -->
## Validation / QA Plan

${Array.from({ length: int(2, 2 + size) }, () => `- Run \`${pick(COMMANDS)}\`: ${sentence()}`).join("\n")}

---

<!-- SECTION: Deferred / Follow-ups (optional) -->
## Deferred / Follow-ups (Optional)

${bullets(int(1, 3))}

---

<!-- SECTION: Rollout / Ops Notes -->
## Rollout / Ops Notes

${bullets(int(1, 2 + size))}

---

<!-- SECTION: Changelog -->
## Changelog

- ${created} — Created from the template.
- ${updated} — ${sentence()}
`;
    return `${open}${front.join("\n")}\n${close}${body}`;
  };

  rmSync(root, { recursive: true, force: true });
  const plansRoot = path.join(root, ".agent", "exec_plans");
  const files = [];
  const kinds = ["enum", "quoted-ms", "missing-key", "yaml-syntax", "not-first", "unclosed"];
  let made = 0;
  for (let p = 1; made < milestones; p++) {
    const y = 2025 + (p % 2);
    const m = 1 + (p % 12);
    const d = 1 + (p % 28);
    const planId = `EP-${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}-${String(p % 1000).padStart(3, "0")}`;
    const slug = `${pick(WORDS)}-${pick(WORDS)}-${p}`;
    const planDir = path.join(plansRoot, slug);
    mkdirSync(path.join(planDir, "milestones", "active"), { recursive: true });
    writeFileSync(
      path.join(planDir, `${planId}_${slug}.md`),
      `---\nid: ${planId}\ntitle: "${words(4)}"\nstatus: active\nkind: feature\ndomain: ${pick(DOMAINS)}\nowner: "${pick(OWNERS)}"\ncreated: ${date(y, m, d)}\nupdated: ${date(y, m, d)}\ntags: [${pick(WORDS)}]\nrisk: med\n---\n\n# ${words(4)}\n\n${bullets(6)}\n`,
    );
    const count = Math.min(int(5, 20), milestones - made);
    for (let ms = 1; ms <= count; ms++, made++) {
      const msSlug = `${pick(WORDS)}-${pick(WORDS)}`;
      const name = `${planId}_MS${String(ms).padStart(3, "0")}_${msSlug}.md`;
      const archived = rand() < 0.3;
      const dir = archived
        ? path.join(planDir, "milestones", "archive", String(y), String(m).padStart(2, "0"), String(d).padStart(2, "0"))
        : path.join(planDir, "milestones", "active");
      mkdirSync(dir, { recursive: true });
      const broken = rand() < 0.04 ? pick(kinds) : undefined;
      const file = path.join(dir, name);
      writeFileSync(file, milestoneText(planId, ms, msSlug, date(y, m, d), date(y, m, Math.min(28, d + 3)), broken));
      files.push(file);
    }
  }
  return files;
}
