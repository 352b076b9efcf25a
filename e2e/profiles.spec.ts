// Compatibility profiles in the dashboard: an organization made for MemorySync's clients
// issues ms_ keys with that profile's scope words, and its snippet is a working request.
import { expect, test } from "@playwright/test";
import { addUser } from "./db";
import { signIn } from "./helpers";

test("an organization with the MemorySync profile: key format, scopes, snippet and settings", async ({ page, request }) => {
  const { email } = await addUser();
  await signIn(page, email);
  await page.getByLabel("Organization name").fill("Sync Co");
  await page.getByLabel(/API profile/).selectOption("memorysync");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  await page.goto(new URL("keys", `${page.url()}/`).pathname);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  // MemorySync speaks Memory OS's scope words; an owner may grant all five.
  await expect(dialog.getByRole("checkbox")).toHaveCount(5);
  await expect(dialog.getByText("memories:read")).toBeVisible();
  await dialog.getByLabel("Name").fill("Adapter");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  expect(raw).toMatch(/^ms_live_[0-9A-Za-z]{38}$/);

  const snippet = (await dialog.getByLabel("Example request (curl)").textContent())!;
  expect(snippet).toContain(`-H "X-API-Key: ${raw}"`);
  expect(snippet).toContain('-H "X-End-User-ID: user_123"');
  const url = snippet.match(/(http\S+)$/)![1];
  expect(new URL(url).pathname).toBe("/compat/memorysync/memory/export");
  // The snippet, sent as it is, works.
  const res = await request.get(url, { headers: { "X-API-Key": raw, "X-End-User-ID": "user_123" } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ user_id: "user_123", memories: [] });
  await dialog.getByRole("button", { name: "I have stored the key" }).click();

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(
    page.getByText("MemorySync: keys start ms_live_ or ms_test_; clients use the base URL /compat/memorysync"),
  ).toBeVisible();
});
