import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { addMember, db } from "./db";
import { keyHint } from "../lib/keys/format";
import { captureServerAction, createKeyInDialog, replayServerAction, signIn, signUp, rowAction } from "./helpers";


test("a new key is shown once, and only its hash is stored", async ({ page }) => {
  await signUp(page);
  // Each scope says what it allows.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog").getByLabel("memories:write", { exact: true })).toHaveAccessibleDescription("Create, change and delete memories");
  await page.keyboard.press("Escape");
  const { dialog, raw } = await createKeyInDialog(page, "Production backend");
  expect(raw).toMatch(/^mos_live_[0-9A-Za-z]{38}$/);
  await expect(dialog.getByText("You will not see it again")).toBeVisible();
  await expect(dialog.getByText(`curl -H "Authorization: Bearer ${raw}"`)).toBeVisible();
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const row = page.getByRole("row", { name: /Production backend/ });
  await expect(row.getByText(keyHint(raw))).toBeVisible();
  await expect(row.getByText("active")).toBeVisible();
  expect(await page.content()).not.toContain(raw);
  await page.reload();
  await expect(page.getByRole("row", { name: /Production backend/ })).toBeVisible();
  expect(await page.content()).not.toContain(raw);

  const stored = await db().apiKey.findFirstOrThrow({
    where: { name: "Production backend", hash: createHash("sha256").update(raw).digest("hex") },
  });
  expect(JSON.stringify(stored)).not.toContain(raw.slice(9));
  const audit = await db().auditEvent.findMany({ where: { targetId: stored.id } });
  expect(audit.map((a) => a.action)).toEqual(["key.created"]);
  expect(JSON.stringify(audit)).not.toContain(raw.slice(9));
});

test("rotate with a grace window shows both keys, linked", async ({ page }) => {
  await signUp(page);
  const first = await createKeyInDialog(page, "Worker");
  await first.dialog.getByRole("button", { name: "I have stored the key" }).click();

  await rowAction(page, "Worker", "Rotate");
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Grace period").selectOption({ label: "24 hours" });
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const next = (await dialog.getByTestId("raw-key").textContent())!.trim();
  expect(next).not.toBe(first.raw);
  await dialog.getByRole("button", { name: "I have stored the key" }).click();

  const oldHint = keyHint(first.raw);
  const newHint = keyHint(next);
  const rows = page.getByRole("row", { name: /Worker/ });
  await expect(rows).toHaveCount(2);
  const oldRow = page.getByRole("row", { name: new RegExp(`replaced by ${newHint}`) });
  await expect(oldRow.getByText("rotating")).toBeVisible();
  const newRow = page.getByRole("row", { name: new RegExp(`rotated from ${oldHint}`) });
  await expect(newRow.getByText("active")).toBeVisible();
});

test("revoke asks for confirmation naming the key, then takes effect at once", async ({ page }) => {
  await signUp(page);
  const { dialog } = await createKeyInDialog(page, "Temporary");
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  await rowAction(page, "Temporary", "Revoke");
  const confirm = page.getByRole("dialog", { name: 'Revoke "Temporary"?' });
  // The warning names the key and the consequence, and wraps instead of being cut off.
  const warning = confirm.getByText(/stops working immediately/);
  await expect(warning).toContainText("Temporary");
  await expect(warning).toContainText("This cannot be undone");
  expect(await warning.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await confirm.getByLabel("Reason (optional)").fill("no longer needed");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText('Key "Temporary" revoked.')).toBeVisible();
  // The default view shows usable keys: the revoked one leaves it, and "All statuses" shows it.
  await expect(page.getByRole("row", { name: /Temporary/ })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("all");
  await expect(page.getByRole("button", { name: "Remove filter status: all statuses" })).toBeVisible();
  const row = page.getByRole("row", { name: /Temporary/ });
  await expect(row.getByText("revoked")).toBeVisible();
  await expect(row.getByRole("button", { name: "Actions for Temporary" })).toHaveCount(0);
  const key = await db().apiKey.findFirstOrThrow({ where: { name: "Temporary", revokedReason: "no longer needed" } });
  expect(key.revokedAt).not.toBeNull();
});

test("the create form explains bad input and writes nothing", async ({ page }) => {
  const { orgSlug } = await signUp(page);
  const first = await createKeyInDialog(page, "Taken");
  await first.dialog.getByRole("button", { name: "I have stored the key" }).click();

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();

  await dialog.getByLabel("Name").fill("Taken");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText('An active key named "Taken" already exists.')).toBeVisible();

  await dialog.getByLabel("Name").fill("Fast");
  await dialog.getByLabel("Rate limit (requests per minute)").fill("5000");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Your plan allows at most 100 requests per minute per key.")).toBeVisible();

  await dialog.getByLabel("Rate limit (requests per minute)").fill("");
  for (const scope of ["memories:read", "memories:write", "search:read"])
    await dialog.getByLabel(scope, { exact: true }).uncheck();
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Choose at least one scope.")).toBeVisible();

  await dialog.getByLabel("memories:read", { exact: true }).check();
  await dialog.getByLabel("Expires").selectOption("date");
  await dialog.getByLabel("Expiry date").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("The expiry must be in the future.")).toBeVisible();

  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  expect(await db().apiKey.count({ where: { organizationId: org.id } })).toBe(1);
});

test("a viewer sees no create button, and a forged create call from them is refused", async ({ page, browser }) => {
  const { orgSlug } = await signUp(page);
  const viewer = await addMember(orgSlug, "VIEWER");

  // Capture the owner's create-key server action request without letting it through.
  const captured = await captureServerAction(page, async () => {
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("forged-by-viewer");
    await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  });

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await signIn(viewerPage, viewer.email);
  await expect(viewerPage.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  await viewerPage.goto(new URL("keys", `${viewerPage.url()}/`).pathname);
  await expect(viewerPage.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create key" })).toHaveCount(0);

  const res = await replayServerAction(viewerPage, captured);
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toContain("Your role does not allow this.");
  expect(await db().apiKey.count({ where: { name: "forged-by-viewer" } })).toBe(0);
  await context.close();
});

test("another organization's key detail answers not found", async ({ page, browser }) => {
  await signUp(page);
  const { dialog } = await createKeyInDialog(page, "Secret");
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  const key = await db().apiKey.findFirstOrThrow({ where: { name: "Secret" }, orderBy: { createdAt: "desc" } });

  const context = await browser.newContext();
  const other = await context.newPage();
  const { orgSlug } = await signUp(other);
  await other.goto(`/${orgSlug}/keys/${key.id}`);
  await expect(other.getByText("It does not exist, or it belongs to another organization.")).toBeVisible();
  await expect(other.getByText("Secret")).toHaveCount(0);
  await context.close();
});

test("the audit log lists key changes with actor and filters by action", async ({ page }) => {
  const { orgSlug, email } = await signUp(page);
  const { dialog } = await createKeyInDialog(page, "Audited");
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  await rowAction(page, "Audited", "Revoke");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /Audited/ })).toHaveCount(0);

  await page.goto(`/${orgSlug}/audit`);
  const created = page.getByRole("row").filter({ hasText: `${email} created key Audited` });
  await expect(created).toHaveCount(1);
  const revoked = page.getByRole("row").filter({ hasText: `${email} revoked key Audited` });
  await expect(revoked).toContainText("127.0.0.1");
  // The target by name and the browser in words; the raw user agent is the cell's title.
  await expect(revoked).toContainText("Key Audited");
  await expect(revoked.getByRole("cell").last()).toHaveText(/^Chrome \d+ on Windows$/);
  await expect(revoked.getByRole("cell").last()).toHaveAttribute("title", /Mozilla\/5\.0/);
  // The data behind the sentence is one click away.
  await revoked.getByText("key.revoked").click();
  await expect(revoked.locator("pre")).toContainText('"name": "Audited"');
  await page.getByLabel("Action").selectOption("key.revoked");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=key.revoked/);
  await expect(created).toHaveCount(0);
  await expect(revoked).toHaveCount(1);
});

test("rotating from the key's page leads to the new key's page, linked to the old one (#36)", async ({ page }) => {
  await signUp(page);
  const { dialog } = await createKeyInDialog(page, "Successor test");
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  await page.getByRole("link", { name: "Successor test" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Successor test" })).toBeVisible();
  const oldUrl = page.url();
  // The key page's actions are one row of buttons of one size.
  const heights = await Promise.all(
    ["Edit", "Disable", "Rotate", "Revoke"].map(async (verb) => (await page.getByRole("button", { name: `${verb} Successor test` }).boundingBox())!.height),
  );
  expect(new Set(heights).size, heights.join(", ")).toBe(1);
  await page.getByRole("button", { name: "Rotate Successor test" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  await expect(page).not.toHaveURL(oldUrl);
  const successor = await db().apiKey.findFirstOrThrow({ where: { name: "Successor test", rotatedFromId: { not: null } } });
  await expect(page).toHaveURL(new RegExp(`/keys/${successor.id}$`));
  await page.getByRole("region", { name: "Rotation history" }).getByRole("link", { name: "view" }).click();
  await expect(page).toHaveURL(oldUrl);
});

test("row actions sit in a '…' menu that stays on screen and works from the keyboard", async ({ page }) => {
  await signUp(page);
  const long = "A key with a rather long name that would push the row wide";
  const { dialog } = await createKeyInDialog(page, long);
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  const table = page.getByRole("region", { name: "API keys" });
  const actions = page.getByRole("button", { name: `Actions for ${long}` });
  for (const width of [1024, 1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `at ${width} px the keys table needs no sideways scrolling`).toBeLessThanOrEqual(0);
    await expect(actions).toBeInViewport();
  }
  await expect(page.getByRole("link", { name: long })).toHaveAttribute("title", long);

  await actions.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Rotate" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Revoke" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(actions).toBeFocused();

  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Rotate" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Revoke" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: `Revoke "${long}"?` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(actions).toBeFocused();
});
