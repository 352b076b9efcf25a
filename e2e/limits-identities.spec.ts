// Named limits and customers (identities) in the dashboard: set in the create dialog, seen
// by the API, filtered in the keys table, shared credits set on the Customers page.
import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a key with a customer and a named limit; the customer's shared credits; the keys table filtered by customer", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Name").fill("Acme production");
  await create.getByText("Customer and named limits").click();
  await create.getByLabel("Customer id (identity)").fill("acme");
  await create.getByRole("button", { name: "Add a limit" }).click();
  await create.getByLabel("Limit 1 name").fill("Requests");
  await create.getByLabel("Limit 1 amount").fill("3");
  await create.getByLabel("Limit 1 window").selectOption("day");
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByText("A limit's name is 1 to 32 lowercase letters")).toBeVisible();
  await create.getByLabel("Limit 1 name").fill("requests");
  await create.getByRole("button", { name: "Create key" }).click();
  const raw = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();

  // A second key, of no customer, to see the filter work.
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Internal");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  await page.getByRole("combobox", { name: "Customer" }).selectOption("acme");
  await expect(page.getByRole("button", { name: "Remove filter customer: acme" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Acme production" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Internal" })).toHaveCount(0);

  await page.getByRole("link", { name: "Acme production" }).click();
  await expect(page.getByText("requests: 3 per day")).toBeVisible();
  await expect(page.getByRole("link", { name: "acme" })).toBeVisible();

  const ping = () => request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } });
  expect((await ping()).status()).toBe(200);

  // The customer's shared credits: one more request, then 429 USAGE_EXCEEDED.
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("cell", { name: "acme", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Edit acme" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Credits left").fill("1");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("cell", { name: "1 left" })).toBeVisible();
  await expect(async () => expect((await ping()).status()).toBe(200)).toPass({ timeout: 2000 });
  const spent = await ping();
  expect(spent.status()).toBe(429);
  expect((await spent.json()).error).toEqual({ code: "USAGE_EXCEEDED", message: "This customer's shared credits are used up: 0 left, this request costs 1" });
  // Three requests reached the limit (the last passed it and failed on credits): the fourth is over it.
  const limited = await ping();
  expect(limited.status()).toBe(429);
  expect((await limited.json()).error).toEqual({ code: "RATE_LIMITED", message: 'Rate limit exceeded: "requests" allows 3 per day' });
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByText(/changed the shared limits of customer acme/)).toBeVisible();
});
