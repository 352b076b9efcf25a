// Usage as a customer sees it: a key's calls with mixed outcomes, on the Usage page, the
// key page and in the CSV, all the same counts.
import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a key's calls show up by outcome on the usage page, the key page and in the CSV", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { orgSlug } = await signUp(page);
  // A fresh organization shows the empty state.
  await page.goto(`/${orgSlug}/usage`);
  await expect(page.getByText("No requests in this range")).toBeVisible();
  await expect(page.getByRole("link", { name: "Create a key" })).toBeVisible();

  await page.goto(`/${orgSlug}/keys`);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Metered");
  await dialog.getByLabel("memories:write", { exact: true }).uncheck();
  await dialog.getByLabel("Rate limit").fill("5");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  // With a key and no traffic yet, the empty state offers a first request with the key's hint.
  const hint = `${raw.slice(0, raw.indexOf("_", raw.indexOf("_") + 1) + 5)}…${raw.slice(-4)}`;
  await page.goto(`/${orgSlug}/usage`);
  await expect(page.getByLabel("Example request (curl)")).toContainText(`Authorization: Bearer ${hint}`);
  await page.getByRole("button", { name: "Python" }).click();
  await expect(page.getByLabel("Example request (Python)")).toContainText("import requests");

  const headers = { Authorization: `Bearer ${raw}`, "User-Agent": "usage-e2e/1.0" };
  // 1 forbidden (missing scope; refused before the rate limit), then pings past the limit of 5 a minute.
  expect((await request.post("/api/v1/memories", { headers, data: { content: "x" } })).status()).toBe(403);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await request.get("/api/v1/ping", { headers })).status());
  const ok = statuses.filter((s) => s === 200).length;
  const limited = statuses.filter((s) => s === 429).length;
  expect(ok + limited).toBe(6);
  expect(limited).toBeGreaterThan(0);

  // The usage page (table view) has those counts within a few seconds.
  await expect(async () => {
    await page.goto(`/${orgSlug}/usage`);
    const total = page.getByRole("row", { name: /^Total/ });
    await expect(total).toHaveText(new RegExp(`Total\\s*${ok + limited + 1}\\s*${ok}\\s*0\\s*1\\s*${limited}\\s*0`), { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("link", { name: /Metered/ })).toBeVisible(); // top keys

  // The chart: a legend of toggles, an errors-only view, and today's bucket marked partial.
  const shown = page.getByRole("group", { name: "Outcomes shown" });
  await expect(shown.getByRole("button", { name: "OK (2xx)" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Errors only" }).click();
  await expect(page.getByRole("button", { name: "Errors only" })).toHaveAttribute("aria-pressed", "true");
  await expect(shown.getByRole("button", { name: "OK (2xx)" })).toHaveAttribute("aria-pressed", "false");
  await expect(shown.getByRole("button", { name: "403 forbidden" })).toHaveAttribute("aria-pressed", "true");
  await shown.getByRole("button", { name: "403 forbidden" }).click();
  await expect(shown.getByRole("button", { name: "403 forbidden" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("button", { name: "Errors only" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText(/is still counting and is drawn lighter/).first()).toBeVisible();

  // Switching ranges keeps the counts (they are all in the last day).
  await page.getByLabel("Range").selectOption("7d");
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("row", { name: /^Total/ })).toContainText(String(ok + limited + 1));
  // Dates only for a custom range, which waits for Apply; the other choices apply at once.
  await expect(page.getByLabel("From")).toHaveCount(0);
  await page.getByLabel("Environment").selectOption("live");
  await expect(page).toHaveURL(/environment=live/);
  await expect(page.getByRole("row", { name: /^Total/ })).toContainText(String(ok + limited + 1));
  await page.getByLabel("Range").selectOption("custom");
  await expect(page.getByLabel("From")).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply" })).toBeVisible();
  await expect(page).toHaveURL(/range=7d/);

  // The CSV holds the same counts.
  const csv = await (await page.request.get(`/${orgSlug}/usage/export?range=24h`)).text();
  const rows = csv.trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
  const sum = (i: number) => rows.reduce((n, r) => n + r[i], 0);
  expect([sum(1), sum(2), sum(4), sum(5)]).toEqual([ok + limited + 1, ok, 1, limited]);

  // The key page: its own chart and table, last used with the client's address.
  await page.getByRole("link", { name: /Metered/ }).first().click();
  await expect(page.getByRole("heading", { name: "Metered" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Total/ })).toContainText(String(ok + limited + 1));
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByText("from 127.0.0.1")).toBeVisible();
  await expect(settings.getByText("usage-e2e/1.0")).toBeVisible();
});
