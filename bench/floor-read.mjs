// The I/O floor: find every Markdown file under the given path and read it, nothing else.
import { readFileSync, statSync } from "node:fs";
import { glob } from "tinyglobby";

const target = process.argv[2] ?? ".agent";
const files = statSync(target).isDirectory() ? await glob("**/*.md", { cwd: target, absolute: true, dot: true }) : [target];
let bytes = 0;
for (const file of files) bytes += readFileSync(file).length;
process.stdout.write(`${files.length} files, ${bytes} bytes\n`);
