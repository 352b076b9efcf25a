// `npm run bench:dashboard` (after `npm run build`): how long the dashboard's interactions take
// for a person, in Debian's chromium against the built server on a throw-away embedded
// database, an organization with 2,000 keys and a week of traffic. Each interaction is timed
// from the click or keystroke to the moment the answer is on the screen, 5 times; the median
// and the slowest are printed. Figures, not assertions: docs/benchmarks.md keeps them.
import { chromium } from "@playwright/test";
import { startBuiltServer } from "../scripts/built-server";

const PORT = 3288;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "timing passphrase that is long";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const results: { name: string; ms: number[] }[] = [];

async function time(name: string, run: (i: number) => Promise<void>, before?: (i: number) => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await before?.(i);
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  results.push({ name, ms });
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`${name.padEnd(58)} median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms   slowest ${Math.round(sorted.at(-1)!)} ms`);
}

async function main() {
  const server = await startBuiltServer(PORT, "timings");
  try {
    const { db } = await import("../lib/db/client");
    const { hashPassword } = await import("../lib/auth/password");
    const { createOrganization } = await import("../lib/orgs/create-organization");
    const { seedManyKeys } = await import("../lib/keys/seed-many");
    const { usageBuffer } = await import("../lib/usage/buffer");

    const email = "timing@example.com";
    const user = await db().user.create({ data: { email, name: "Timing", passwordHash: await hashPassword(PASSWORD) } });
    const org = await db().$transaction((tx) => createOrganization(tx, { name: "Timing Co", ownerId: user.id }));
    await db().organization.update({ where: { id: org.id }, data: { plan: "PRO" } });
    await seedManyKeys(org.id, 2000);
    const keys = await db().apiKey.findMany({ where: { organizationId: org.id }, select: { id: true }, take: 20 });
    const buffer = usageBuffer();
    for (let h = 7 * 24; h >= 0; h--) {
      const t = Date.now() - h * 3_600_000;
      keys.forEach((k, i) => {
        for (let n = 0; n < 30; n++) buffer.record(k.id, org.id, n % 19 === 0 ? "rateLimited" : "ok", { ip: "203.0.113.7", userAgent: "bench" }, t - i);
      });
    }
    await buffer.flush();
    console.log(`Dashboard timings: ${RUNS} runs each, chromium, 2,000 keys, a week of traffic, the built server on PGlite\n`);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const keysPage = `${BASE}/${org.slug}/keys`;

    await time(
      "sign in → the overview drawn",
      async () => {
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "Recent changes" }).waitFor();
      },
      async () => {
        await context.clearCookies();
        await page.goto(`${BASE}/signin`);
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(PASSWORD);
      },
    );
    await time("keys page opened (2,000 keys) → table drawn", async () => {
      await page.goto(keysPage);
      await page.getByRole("region", { name: "API keys" }).waitFor();
    });
    await time(
      "keys: next page → its rows drawn",
      async (i) => {
        await page.getByRole("button", { name: "Next" }).first().click();
        await page.waitForURL(new RegExp(`page=${i + 2}`));
        await page.locator('[aria-busy="true"]').waitFor({ state: "detached" });
      },
      async (i) => {
        if (i === 0) await page.goto(keysPage);
      },
    );
    await time(
      "keys: search as you type → matching rows drawn",
      async (i) => {
        const name = `seed-${String(1002 + i).padStart(6, "0")}`; // not expired or revoked: shown by default
        await page.getByLabel("Search keys").fill(name);
        await page.waitForURL(new RegExp(`q=${name}`));
        await page.getByRole("row", { name: new RegExp(name) }).first().waitFor();
        await page.locator('[aria-busy="true"]').waitFor({ state: "detached" });
      },
      async () => {
        await page.goto(keysPage);
      },
    );
    await time("usage page opened → chart drawn", async () => {
      await page.goto(`${BASE}/${org.slug}/usage?range=7d`);
      await page.getByRole("group", { name: "Outcomes shown" }).waitFor();
    });
    await time(
      "create a key → the raw key shown",
      async (i) => {
        const dialog = page.getByRole("dialog");
        await dialog.getByLabel("Name").fill(`Timed ${i}`);
        await dialog.getByRole("button", { name: "Create key" }).click();
        await dialog.getByTestId("raw-key").waitFor();
      },
      async () => {
        await page.goto(keysPage);
        await page.getByRole("button", { name: "Create key" }).click();
      },
    );
    await time(
      "revoke a key from its row → the toast",
      async () => {
        await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
        await page.locator("[data-sonner-toast]").first().waitFor();
      },
      async (i) => {
        await page.goto(`${keysPage}?q=Timed%20${i}`);
        await page.getByRole("button", { name: `Actions for Timed ${i}` }).click();
        await page.getByRole("menuitem", { name: "Revoke" }).click();
      },
    );
    await browser.close();
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
