// The support console as support staff use it: find an account by a member's email and by a
// pasted key, view it as the customer (read-only), suspend it with a message, reinstate it;
// a staff admin ends a user's sessions; a customer can neither open the console nor forge it.
import { expect, test } from "@playwright/test";
import { PROFILES } from "../lib/profiles/catalog";
import { addOwner, addStaff, createKeyAs, db } from "./db";
import { captureServerAction, createKey, replayServerAction, signIn, signUp } from "./helpers";


test("support finds an account, views it read-only, suspends it with a message and reinstates it", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const owner = await signUp(page, "Acme Support Test");
  const raw = await createKey(page, "Production");
  const ping = () => request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } });
  expect((await ping()).status()).toBe(200);

  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  const staff = await addStaff("SUPPORT");
  await signIn(staffPage, staff.email);
  await staffPage.waitForURL(/\/support$/);

  // By a member's email (prefix).
  await staffPage.getByLabel("Search accounts").fill(owner.email.slice(0, 14));
  await staffPage.getByRole("button", { name: "Search" }).click();
  await expect(staffPage.getByRole("region", { name: "Matching accounts" })).toContainText(`member ${owner.email}`);
  // By a pasted key: posted, never in the URL, and the box is emptied.
  await staffPage.getByLabel("Search accounts").fill(raw);
  await staffPage.getByRole("button", { name: "Search" }).click();
  await staffPage.waitForURL(/\/support\/orgs\//);
  expect(staffPage.url()).not.toContain(raw);
  await expect(staffPage.getByRole("heading", { name: "Acme Support Test" })).toBeVisible();
  await expect(staffPage.getByRole("region", { name: "Keys", exact: true })).toContainText("Production");
  await expect(staffPage.locator("body")).not.toContainText(raw);
  // A pasted key with a wrong checksum is explained.
  await staffPage.goto("/support");
  const broken = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
  await staffPage.getByLabel("Search accounts").fill(broken);
  await staffPage.getByRole("button", { name: "Search" }).click();
  await expect(staffPage.getByText(/checksum is wrong/)).toBeVisible();

  // View as customer: a banner, no create button, and a forged action refused.
  const forged = await captureServerAction(page, async () => {
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("made-by-support");
    await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  });
  await page.goto(`/${owner.orgSlug}/keys`);
  const org = await db().organization.findUniqueOrThrow({ where: { slug: owner.orgSlug } });
  await staffPage.goto(`/support/orgs/${org.id}`);
  await staffPage.getByRole("link", { name: "View as customer" }).click();
  await expect(staffPage.getByText("Viewing as support, read-only")).toBeVisible();
  // The switcher names the organization viewed (staff belong to none) (#36).
  await expect(staffPage.getByRole("combobox", { name: "Organization" })).toHaveValue(owner.orgSlug);
  await expect(staffPage.getByRole("button", { name: "Create key" })).toHaveCount(0);
  const refused = await replayServerAction(staffPage, forged);
  expect(refused.status()).toBeLessThan(500);
  expect(await refused.text()).toContain("Support staff view this organization read-only.");
  expect(await db().apiKey.count({ where: { name: "made-by-support" } })).toBe(0);
  expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "support.viewed", actorType: "staff" } })).toBe(1);

  // Suspend with a message for the customer.
  await staffPage.getByRole("link", { name: "Back to the support console" }).click();
  await staffPage.getByRole("button", { name: "Suspend" }).click();
  const dialog = staffPage.getByRole("dialog");
  await dialog.getByRole("button", { name: "Suspend organization" }).click();
  // The note is required: the browser stops an empty one, the server a blank one.
  expect(await dialog.getByLabel("Internal note").evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
  await dialog.getByLabel("Internal note").fill("   ");
  await dialog.getByRole("button", { name: "Suspend organization" }).click();
  await expect(dialog.getByText("Write an internal note")).toBeVisible();
  await dialog.getByLabel("Internal note").fill("Card declined three times");
  await dialog.getByLabel("Message for the customer").fill("Your payment failed: update your card at billing.example.com.");
  await dialog.getByRole("button", { name: "Suspend organization" }).click();
  await expect(staffPage.getByRole("region", { name: "Status" })).toContainText("Card declined three times");

  await expect(async () => {
    const res = await ping();
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toEqual({
      code: "ACCOUNT_SUSPENDED",
      message: "This account is suspended: Your payment failed: update your card at billing.example.com.",
    });
  }).toPass({ timeout: 2000 });
  await page.reload();
  await expect(page.getByText("Your payment failed: update your card at billing.example.com.")).toBeVisible();
  // The dashboard agrees with the API: creation paused with the reason, the key shown suspended (#36).
  await expect(page.getByRole("button", { name: "Create key" })).toBeDisabled();
  await expect(page.getByText("Paused while this account is suspended")).toBeVisible();
  await expect(page.getByRole("row", { name: /Production/ }).getByText("suspended")).toBeVisible();
  // The internal note is not in the customer's audit log.
  await page.goto(`/${owner.orgSlug}/audit`);
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("org.suspended");
  await expect(page.locator("body")).not.toContainText("Card declined");

  // Reinstate: the key works again at once.
  await staffPage.getByRole("button", { name: "Reinstate" }).click();
  await staffPage.getByRole("dialog").getByRole("button", { name: "Reinstate" }).click();
  await expect(staffPage.getByRole("button", { name: "Suspend" })).toBeVisible();
  await expect(async () => expect((await ping()).status()).toBe(200)).toPass({ timeout: 2000 });

  // The staff audit view lists what this staff member did.
  await staffPage.goto("/support/audit");
  await staffPage.getByLabel("Staff member").selectOption({ label: staff.email });
  await staffPage.getByRole("button", { name: "Filter" }).click();
  const staffLog = staffPage.getByRole("region", { name: "Staff actions" });
  for (const action of ["support.key_looked_up", "support.viewed", "org.suspended", "org.reinstated"]) await expect(staffLog).toContainText(action);
  // Each event names the account it acted on; the team member is the one actor filter.
  await expect(staffLog.getByRole("row").filter({ hasText: `${staff.email} reinstated the organization` })).toContainText("Organization Acme Support Test");
  await expect(staffPage.getByLabel("Actor")).toHaveCount(0);
  await staffContext.close();
});

test("a staff admin ends a user's sessions: their next page load goes to sign-in", async ({ page, browser }) => {
  const owner = await signUp(page);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  const admin = await addStaff("ADMIN");
  await signIn(adminPage, admin.email);
  await adminPage.waitForURL(/\/support$/);
  await adminPage.goto(`/support/users?email=${encodeURIComponent(owner.email)}`);
  await adminPage.getByRole("link", { name: owner.email }).click();
  await expect(adminPage.getByRole("heading", { name: owner.email })).toBeVisible();
  await adminPage.getByRole("button", { name: "End all sessions" }).click();
  await adminPage.getByRole("dialog").getByRole("button", { name: "End all sessions" }).click();
  await expect(adminPage.getByText(/Ended 1 session/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await adminContext.close();
});

test("a customer gets 404 on /support and a refusal on a forged suspend", async ({ page, browser }) => {
  // Two browsers and a dozen page loads: close to a minute on a busy 2-core machine.
  test.setTimeout(120_000);
  const owner = await signUp(page);
  for (const path of ["/support", "/support/users", "/support/audit"]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, (await addStaff("SUPPORT")).email);
  await staffPage.waitForURL(/\/support$/);
  const org = await db().organization.findUniqueOrThrow({ where: { slug: owner.orgSlug } });
  await staffPage.goto(`/support/orgs/${org.id}`);
  const forged = await captureServerAction(staffPage, async () => {
    await staffPage.getByRole("button", { name: "Suspend" }).click();
    await staffPage.getByRole("dialog").getByLabel("Internal note").fill("forged");
    await staffPage.getByRole("dialog").getByRole("button", { name: "Suspend organization" }).click();
  });
  const res = await replayServerAction(page, forged);
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toContain("Your role does not allow this.");
  expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).suspendedAt).toBeNull();

  // A SUPPORT member replaying a staff ADMIN's plan change is refused too.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, (await addStaff("ADMIN")).email);
  await adminPage.waitForURL(/\/support$/);
  await adminPage.goto(`/support/orgs/${org.id}`);
  const planChange = await captureServerAction(adminPage, async () => {
    await adminPage.getByRole("button", { name: "Change plan" }).click();
    await adminPage.getByRole("dialog").getByLabel("Plan").selectOption("ENTERPRISE");
    await adminPage.getByRole("dialog").getByLabel("Internal note").fill("forged upgrade");
    await adminPage.getByRole("dialog").getByRole("button", { name: "Change plan" }).click();
  });
  await adminContext.close();
  await expect(staffPage.getByRole("button", { name: "Change plan" })).toHaveCount(0);
  const upgrade = await replayServerAction(staffPage, planChange);
  expect(await upgrade.text()).toContain("Your role does not allow this.");
  expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("FREE");
  await staffContext.close();
});

test("a pasted Mem0 key is looked up by POST, audited, and a key in a URL is never looked up (M3)", async ({ browser }) => {
  const { orgSlug } = await addOwner("Mem0 Customer");
  const org = await db().organization.update({
    where: { slug: orgSlug },
    data: { profile: "mem0", defaultScopes: [...PROFILES.mem0.defaultScopes] },
  });
  const { rawKey } = await createKeyAs(org, "leaked mem0 key");
  expect(rawKey.startsWith("m0-")).toBe(true);

  const context = await browser.newContext();
  const staffPage = await context.newPage();
  const staff = await addStaff("SUPPORT");
  await signIn(staffPage, staff.email);
  await staffPage.waitForURL(/\/support$/);
  await staffPage.getByLabel("Search accounts").fill(rawKey);
  await staffPage.getByRole("button", { name: "Search" }).click();
  await staffPage.waitForURL(new RegExp(`/support/orgs/${org.id}`));
  expect(staffPage.url()).not.toContain(rawKey);
  await expect.poll(() => db().auditEvent.count({ where: { organizationId: org.id, action: "support.key_looked_up" } })).toBe(1);

  // Typed into the URL by hand: refused and not looked up (no account shown, no second lookup).
  const res = await staffPage.request.get(`/support?q=${encodeURIComponent(rawKey)}`);
  const body = await res.text();
  expect(body).toContain("It was not looked up.");
  expect(body).not.toContain("Mem0 Customer");
  expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "support.key_looked_up" } })).toBe(1);
  await context.close();
});
