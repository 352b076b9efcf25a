// `npm run screenshots`: starts the built server on a throw-away embedded database, fills an
// organization with keys and a week of traffic, and photographs the real pages in chromium
// into docs/screenshots/ (the README shows them), at desktop and phone width, light and dark.
// Run `npm run build` first.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startBuiltServer } from "./built-server";

const PORT = 3277;
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = path.join(__dirname, "..", "docs", "screenshots");
const PASSWORD = "screenshot passphrase that is long";

async function main() {
  const server = await startBuiltServer(PORT, "shots");
  try {
    const { db } = await import("../lib/db/client");
    const { hashPassword } = await import("../lib/auth/password");
    const { createOrganization } = await import("../lib/orgs/create-organization");
    const { createKey } = await import("../lib/keys/service");
    const { createKeyInputSchema } = await import("../lib/keys/schemas");
    const { usageBuffer } = await import("../lib/usage/buffer");

    const email = "ada@example.com";
    const user = await db().user.create({ data: { email, name: "Ada", passwordHash: await hashPassword(PASSWORD) } });
    const org = await db().$transaction((tx) => createOrganization(tx, { name: "Analytical Engines", ownerId: user.id }));
    await db().organization.update({ where: { id: org.id }, data: { plan: "PRO" } });
    const actor = { type: "user" as const, id: user.id, label: email, role: "OWNER" as const };
    const keys = [];
    const tokenLimits = [
      { name: "requests", limit: 600, window: "minute" },
      { name: "tokens", limit: 200_000, window: "day" },
    ];
    for (const [name, environment, scopes, externalId, limits] of [
      ["Production backend", "live", ["memories:read", "memories:write", "search:read"], "acme-corp", tokenLimits],
      ["Search worker", "live", ["search:read"], "acme-corp", []],
      ["Staging", "test", ["memories:read", "memories:write"], "globex", []],
      ["CI automation", "live", ["admin"], null, []],
    ] as const) {
      const input = createKeyInputSchema.parse({ name, environment, scopes, externalId, limits });
      keys.push((await createKey({ id: org.id, plan: "PRO" }, input, actor)).key);
    }
    await db().identity.updateMany({
      where: { organizationId: org.id, externalId: "acme-corp" },
      data: { credits: 48_250, creditRefillAmount: 50_000, creditRefillInterval: "monthly", limits: [{ name: "tokens", limit: 1_000_000, window: "day" }] },
    });
    // A week of traffic, heavier in working hours, with some errors.
    const buffer = usageBuffer();
    const now = Date.now();
    for (let h = 7 * 24; h >= 0; h--) {
      const t = now - h * 3_600_000;
      const hour = new Date(t).getUTCHours();
      const load = hour >= 8 && hour <= 18 ? 40 : 8;
      keys.forEach((k, i) => {
        for (let n = 0; n < load / (i + 1); n++) buffer.record(k.id, org.id, n % 23 === 0 ? "rateLimited" : n % 17 === 0 ? "forbidden" : "ok", { ip: "203.0.113.7", userAgent: "mem0-python/0.1" }, t);
      });
    }
    await buffer.flush();

    // A team: an admin, a viewer and a pending invitation.
    const { inviteMember } = await import("../lib/team/invitations");
    for (const [who, role] of [["Charles", "ADMIN"], ["Mary", "VIEWER"]] as const) {
      const member = await db().user.create({ data: { email: `${who.toLowerCase()}@example.com`, name: who, passwordHash: await hashPassword(PASSWORD) } });
      await db().membership.create({ data: { organizationId: org.id, userId: member.id, role } });
    }
    await inviteMember(org.id, { email: "new.hire@example.com", role: "MEMBER" }, { userId: user.id, email, role: "OWNER" });

    mkdirSync(OUT, { recursive: true });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${BASE}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Recent changes" }).waitFor();
    await page.goto(`${BASE}/${org.slug}/keys`);
    await page.getByRole("heading", { name: "API keys" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "keys.png") });
    await page.goto(`${BASE}/${org.slug}/usage?range=7d`);
    await page.locator(".recharts-surface").first().waitFor();
    await page.screenshot({ path: path.join(OUT, "usage.png") });
    await page.goto(`${BASE}/${org.slug}/keys/${keys[0].id}`);
    await page.locator(".recharts-surface").first().waitFor();
    await page.screenshot({ path: path.join(OUT, "key.png") });
    await page.goto(`${BASE}/${org.slug}/identities`);
    await page.getByRole("heading", { name: "Customers" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "identities.png") });
    await page.goto(`${BASE}/${org.slug}/members`);
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "members.png") });
    await page.goto(`${BASE}/${org.slug}`);
    await page.getByRole("heading", { name: "Recent changes" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "overview.png") });

    // The same pages in the dark scheme and at phone width.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${BASE}/${org.slug}/keys`);
    await page.getByRole("heading", { name: "API keys" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "keys-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("heading", { name: "API keys" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "keys-phone.png") });
    await page.goto(`${BASE}/${org.slug}/keys/${keys[0].id}`);
    await page.locator(".recharts-surface").first().waitFor();
    await page.screenshot({ path: path.join(OUT, "key-phone.png") });

    // The support console: a staff member on a suspended account.
    const { suspendOrganization } = await import("../lib/orgs/suspension");
    const staff = await db().user.create({ data: { email: "grace@keyhouse.example", name: "Grace", passwordHash: await hashPassword(PASSWORD), staffRole: "ADMIN" } });
    await suspendOrganization(org.slug, { note: "Card declined three times (invoice 2041)", message: "Your last payment failed: update your card or contact billing." }, { type: "staff", id: staff.id, label: staff.email });
    const staffPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await staffPage.goto(`${BASE}/signin`);
    await staffPage.getByLabel("Email").fill(staff.email);
    await staffPage.getByLabel("Password").fill(PASSWORD);
    await staffPage.getByRole("button", { name: "Sign in" }).click();
    await staffPage.waitForURL(/\/support$/);
    await staffPage.goto(`${BASE}/support/orgs/${org.id}`);
    await staffPage.locator(".recharts-surface").first().waitFor();
    await staffPage.screenshot({ path: path.join(OUT, "support-account.png"), fullPage: false });
    await browser.close();
    await db().$disconnect();
    console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
