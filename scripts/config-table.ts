// npm run docs:config: writes the README's configuration table from lib/config/variables.ts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { configurationTable, TABLE_END, TABLE_START } from "../lib/config/variables";

const readme = path.join(__dirname, "..", "README.md");
const text = readFileSync(readme, "utf8");
const table = configurationTable();
const next = text.replace(new RegExp(`${TABLE_START}[\\s\\S]*?${TABLE_END}`), () => table);
writeFileSync(readme, next);
console.log(next === text ? "README.md: configuration table already current" : "README.md: configuration table written");
