import { expect, test } from "@playwright/test";
import { addStaff } from "./db";
import { signIn, signUp, rowAction } from "./helpers";

test("a key revoked in the dashboard is refused by the API on the very next request", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Live traffic");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  await dialog.getByRole("button", { name: "I have stored the key" }).click();

  const headers = { Authorization: `Bearer ${raw}` };
  const before = await request.get("/api/v1/ping", { headers });
  expect(before.status()).toBe(200);
  expect((await before.json()).data.scopes).toEqual(["memories:read", "memories:write", "search:read"]);

  await rowAction(page, "Live traffic", "Revoke");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /Live traffic/ })).toHaveCount(0); // gone from the default view

  // The ping above cached the key on the Fastify side; the server action on the Next side
  // cleared that same process-wide cache.
  const after = await request.get("/api/v1/ping", { headers });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("KEY_REVOKED");
});

test("a staff admin creates a root key in the console and a gateway verifies keys with it", async ({ page, request }) => {
  const { email } = await addStaff("ADMIN");
  await signIn(page, email);
  await page.waitForURL(/\/support$/); // staff without an organization land on the console
  const name = `edge gateway ${Date.now()}`; // root keys are global: keep the name unique
  await page.getByLabel("New root key name").fill(name);
  await page.getByRole("button", { name: "Create root key" }).click();
  const root = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("button", { name: "I have stored the key" }).click();
  const item = page.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();

  const res = await request.post("/api/v1/keys/verify", { headers: { "X-API-Key": root }, data: { key: "kh_live_nope" } });
  expect(res.status()).toBe(200);
  expect((await res.json()).data).toMatchObject({ valid: false, code: "UNAUTHORIZED" });

  await item.getByRole("button", { name: `Revoke root key ${name}` }).click();
  await expect(item.getByText("revoked")).toBeVisible();
  const refused = await request.post("/api/v1/keys/verify", { headers: { "X-API-Key": root }, data: { key: "kh_live_nope" } });
  expect(refused.status()).toBe(401);
});

test("a support (non-admin) staff member sees no root keys", async ({ page }) => {
  const { email } = await addStaff("SUPPORT");
  await signIn(page, email);
  await page.waitForURL(/\/support$/); // staff without an organization land on the console
  await expect(page.getByRole("heading", { name: "Support console" })).toBeVisible();
  await expect(page.getByText("Root keys")).toHaveCount(0);
});
