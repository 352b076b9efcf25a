// The main flows at a phone's size (390×844), with axe on every page there.
import { expect, test, type Page } from "@playwright/test";
import { addMember } from "./db";
import { expectNoViolations, signUp } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });


// The outermost elements that stick out on the right, to name what to fix.
async function wideElements(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > 391 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > 391))
      .slice(0, 5)
      .map((el) => `${el.tagName}.${String(el.className).slice(0, 60)}`),
  );
}

test("create, reveal, edit scopes, revoke from the key page, all on a phone; axe on every page", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { orgSlug } = await signUp(page);
  await expectNoViolations(page, "phone keys (empty)");
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Pocket");
  await dialog.getByLabel("memories:write", { exact: true }).uncheck();
  await expectNoViolations(page, "phone create dialog");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  await expectNoViolations(page, "phone reveal");
  await page.keyboard.press("Escape");
  await expect(dialog.getByText("Have you stored this key?")).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, close" }).click();

  const headers = { Authorization: `Bearer ${raw}` };
  expect((await request.post("/api/v1/memories", { headers, data: { content: "x" } })).status()).toBe(403);
  await page.getByRole("link", { name: "Pocket" }).click();
  await expectNoViolations(page, "phone key page");
  await page.getByRole("button", { name: "Edit Pocket" }).click();
  await page.getByRole("dialog").getByLabel("memories:write", { exact: true }).check();
  await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(async () => expect((await request.post("/api/v1/memories", { headers, data: { content: "x" } })).status()).toBe(201)).toPass({ timeout: 2000 });
  await page.getByRole("button", { name: "Revoke Pocket" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(async () => expect((await request.get("/api/v1/ping", { headers })).status()).toBe(401)).toPass({ timeout: 2000 });

  for (const section of ["", "keys?status=all", "identities", "usage", "projects", "audit", "members", "settings"]) {
    await page.goto(`/${orgSlug}/${section}`);
    await expect(page.getByRole("heading").first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const culprits = width > 390 ? await wideElements(page) : [];
    expect(width, `${section}: no sideways scroll (${culprits.join(" | ")})`).toBeLessThanOrEqual(390);
    await expectNoViolations(page, `phone ${section || "overview"}`);
  }
  await page.getByRole("button", { name: "Menu" }).click();
  await expectNoViolations(page, "phone open menu");
  await page.goto("/account");
  await expectNoViolations(page, "phone account");
});

test("on a phone each key is a card whose status, last use, expiry and actions are in view", async ({ page }) => {
  await signUp(page);
  for (const name of ["Phone card one", "Phone card two"]) {
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Create key" }).click();
    await dialog.getByRole("button", { name: "I have stored the key" }).click();
  }
  const keys = page.getByRole("region", { name: "API keys" });
  for (const name of ["Phone card one", "Phone card two"]) {
    const card = keys.locator("tbody tr").filter({ hasText: name });
    // The labels are drawn by CSS from data-label; the cells hold the values.
    const cells = [card.getByText("active"), card.locator('td[data-label="Last used"]'), card.locator('td[data-label="Expires"]')];
    for (const part of [...cells, card.getByRole("button", { name: `Actions for ${name}` })]) {
      await expect(part).toBeInViewport();
      const box = (await part.boundingBox())!;
      expect(box.x + box.width, `${name}: within the screen`).toBeLessThanOrEqual(390);
    }
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await keys.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true); // no sideways scroll inside the table either
});

test("on a phone members and audit events are cards with every field in view", async ({ page }) => {
  const { orgSlug } = await signUp(page);
  const member = await addMember(orgSlug, "MEMBER");
  await page.goto(`/${orgSlug}/members`);
  const members = page.getByRole("region", { name: "Members", exact: true });
  const card = members.locator("tbody tr").filter({ hasText: member.email });
  for (const part of [card.getByLabel(`Role of ${member.email}`), card.locator('td[data-label="Last sign-in"]'), card.getByRole("button", { name: `Actions for ${member.email}` })]) {
    await expect(part).toBeInViewport();
    const box = (await part.boundingBox())!;
    expect(box.x + box.width, "member card: within the screen").toBeLessThanOrEqual(390);
  }
  expect(await members.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.goto(`/${orgSlug}/keys`);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Audited on a phone");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  await page.goto(`/${orgSlug}/audit`);
  const events = page.getByRole("region", { name: "Audit events" });
  const sentence = events.getByText("created key Audited on a phone").first();
  await expect(sentence).toBeInViewport();
  expect(await sentence.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true); // the sentence is not cut
  await expect(events.locator('td[data-label="Browser or client"]').first()).toBeInViewport();
  expect(await events.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), (await wideElements(page)).join("; ")).toBeLessThanOrEqual(390);
  await expectNoViolations(page, "phone audit cards");
});
