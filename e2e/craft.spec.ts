// The dashboard on a phone, and the one-time reveal that must not lose a key by accident.
import { expect, test } from "@playwright/test";
import { signUp, rowAction } from "./helpers";
import { keyHint } from "../lib/keys/format";

test("the reveal asks before Escape closes it, and says so when the clipboard refuses", async ({ page }) => {
  // A browser that refuses clipboard writes (no permission, an insecure origin).
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Careful");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();

  await dialog.getByRole("button", { name: "Copy the key" }).click();
  await expect(dialog.getByRole("button", { name: "Copy failed: select and copy by hand" })).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(raw); // selected for a manual copy
  await expect(dialog.getByRole("button", { name: "Copy the key" })).toBeVisible({ timeout: 6000 }); // resets

  await page.keyboard.press("Escape");
  await expect(dialog.getByText("Have you stored this key? Once closed it cannot be shown again.")).toBeVisible();
  await expect(dialog.getByTestId("raw-key")).toHaveText(raw);
  await dialog.getByRole("button", { name: "Keep it on screen" }).click();
  await expect(dialog.getByTestId("raw-key")).toHaveText(raw);
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "Yes, close" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(raw);
});

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the menu opens the navigation, and the create and reveal dialogs fit the screen", async ({ page }) => {
    const { orgSlug } = await signUp(page);
    // The page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
    await expect(page).toHaveURL(new RegExp(`/${orgSlug}/usage`));
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden(); // closed by navigating

    await page.goto(`/${orgSlug}/keys`);
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Phone key");
    const submit = dialog.getByRole("button", { name: "Create key" });
    await submit.scrollIntoViewIfNeeded();
    await expect(submit).toBeInViewport();
    await submit.click();
    await expect(dialog.getByTestId("raw-key")).toBeVisible();
    const stored = dialog.getByRole("button", { name: "I have stored the key" });
    await stored.scrollIntoViewIfNeeded();
    await expect(stored).toBeInViewport();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await stored.click();
    await expect(page.getByRole("region", { name: "API keys" })).toContainText("Phone key");
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > 391 && !el.parentElement?.closest("[role=region]"))
        .map((el) => `${el.tagName}.${el.className}`.slice(0, 80)),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test("edit a key's scopes on its page: the API honours them at once; revoke from the page", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Editable");
  await dialog.getByLabel("memories:write", { exact: true }).uncheck();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  const headers = { Authorization: `Bearer ${raw}` };
  const write = () => request.post("/api/v1/memories", { headers, data: { content: "hello" } });
  expect((await write()).status()).toBe(403);

  await page.getByRole("link", { name: "Editable" }).click();
  await page.getByRole("button", { name: "Edit Editable" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Name").fill("Editable writer");
  await edit.getByLabel("memories:write", { exact: true }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Editable writer" })).toBeVisible();
  await expect(async () => expect((await write()).status()).toBe(201)).toPass({ timeout: 2000 });

  await page.getByRole("button", { name: "Revoke Editable writer" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("revoked", { exact: true }).first()).toBeVisible();
  await expect(async () => expect((await request.get("/api/v1/ping", { headers })).status()).toBe(401)).toPass({ timeout: 2000 });
});

test("the keys table: relative times, the creator, usable keys by default, a page past the end clamped", async ({ page }) => {
  const { orgSlug, email } = await signUp(page);
  for (const name of ["Kept", "Dropped"]) {
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(name);
    await page.getByRole("dialog").getByLabel("Expires").selectOption("30");
    await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  }
  const kept = page.getByRole("row", { name: /Kept/ });
  await expect(kept).toContainText("just now");
  await expect(kept).toContainText("in 30 days");
  await expect(kept).toContainText(`by ${email}`);
  await rowAction(page, "Dropped", "Revoke");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /Dropped/ })).toHaveCount(0);

  await page.goto(`/${orgSlug}/keys?page=999&status=all`);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–2 of 2");
  await expect(page.getByRole("row", { name: /Dropped/ })).toContainText("revoked");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/${orgSlug}/keys$`));
  await expect(page.getByRole("row", { name: /Dropped/ })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–1 of 1");
});

test("a new organization's overview guides to the first request and ticks it live", async ({ page, request }) => {
  const { orgSlug, email } = await signUp(page);
  await page.goto(`/${orgSlug}`);
  const guide = page.getByRole("region", { name: "Get started in three steps" });
  await expect(guide.getByRole("heading", { name: "Create a key (to do)" })).toBeVisible();
  await expect(page.getByText("No keys yet.")).toBeVisible();
  await expect(guide.locator("pre")).toContainText("YOUR_KEY");
  // Step 1 opens the create dialog on the keys page.
  await guide.getByRole("link", { name: "Create your first key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Counted");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  const raw = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();

  await page.goto(`/${orgSlug}`);
  await expect(guide.getByRole("heading", { name: "Create a key (done)" })).toBeVisible();
  await expect(guide.getByRole("heading", { name: "Send the first request (to do)" })).toBeVisible();
  await expect(guide).toContainText(keyHint(raw));
  // The request lands; the page ticks steps 2 and 3 without a reload.
  for (let i = 0; i < 3; i++) expect((await request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } })).status()).toBe(200);
  const done = page.getByRole("region", { name: "All set: your first request arrived" });
  await expect(done.getByRole("heading", { name: "See it arrive (done)" })).toBeVisible({ timeout: 15_000 });
  await expect(done.getByRole("heading", { name: "Send the first request (done)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Today (UTC)" })).toContainText("3 requests");
  await expect(page.getByRole("region", { name: "Today (UTC)" })).toContainText("OK (2xx): 3");
  await expect(page.getByText(`${email} created key Counted`)).toBeVisible();

  await page.goto(`/${orgSlug}/audit`);
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText(`${email} created key Counted (`);
  const csv = await page.request.get(`/${orgSlug}/audit/export?action=key.created`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("time,action,actor,summary,target_type,target_id,ip,user_agent,details");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`key.created,${email},${email} created key Counted`);
  // Not a member: 404.
  expect((await request.get(`/${orgSlug}/audit/export`)).status()).toBe(404);
});

test("sign-in shows the password on request", async ({ browser }) => {
  const context = await browser.newContext();
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Password").fill("typed secret");
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await context.close();
});

test("the navigation links to the API reference, rendered from the OpenAPI document", async ({ page }) => {
  await signUp(page);
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/v1\/docs\/$/);
  await expect(page.getByRole("heading", { name: /Keyhouse API/ })).toBeVisible();
  await expect(page.getByText("/api/v1/keys/verify").first()).toBeVisible();
});

test("every page names its icon, which the server serves to visitors too", async ({ page, playwright, baseURL }) => {
  await page.goto("/signin");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const visitor = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const icon = await visitor.get(href!, { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
