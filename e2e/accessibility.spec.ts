// axe-core on every page and dialog, in the light and the dark scheme.
import { expect, test } from "@playwright/test";
import { addOwner, addStaff, addUser, db } from "./db";
import { suspendOrganization } from "../lib/orgs/suspension";
import { expectNoViolations, signIn, signUp, rowAction } from "./helpers";


for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test("signed-out pages", async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      for (const path of ["/signin", "/signup", "/forgot-password", "/reset-password/not-a-token", "/verify-email/not-a-token"]) {
        await page.goto(path);
        await expect(page.getByRole("heading").first()).toBeVisible();
        await expectNoViolations(page, `${scheme} ${path}`);
      }
      await context.close();
    });

    test("dashboard pages and key dialogs", async ({ page }) => {
      // Eleven axe runs on a 2-core machine.
      test.setTimeout(180_000);
      const { orgSlug } = await signUp(page);
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `${scheme} create dialog`);
      await page.getByRole("dialog").getByLabel("Name").fill("Accessible");
      await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
      await expect(page.getByTestId("raw-key")).toBeVisible();
      await expectNoViolations(page, `${scheme} reveal dialog`);
      await page.getByRole("button", { name: "I have stored the key" }).click();

      await expectNoViolations(page, `${scheme} keys page`);
      await page.getByRole("button", { name: "Actions for Accessible" }).click();
      await expectNoViolations(page, `${scheme} row menu`);
      await page.getByRole("menuitem", { name: "Rotate" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `${scheme} rotate dialog`);
      await page.keyboard.press("Escape");
      await rowAction(page, "Accessible", "Revoke");
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `${scheme} revoke dialog`);
      await page.keyboard.press("Escape");

      await page.getByRole("link", { name: "Accessible" }).click();
      await expect(page.getByRole("heading", { name: "Accessible" })).toBeVisible();
      await expectNoViolations(page, `${scheme} key page`);
      for (const section of ["", "identities", "usage", "projects", "audit", "members", "settings"]) {
        await page.goto(`/${orgSlug}/${section}`);
        await expect(page.getByRole("heading").first()).toBeVisible();
        await expectNoViolations(page, `${scheme} ${section}`);
      }
      await page.goto(`/${orgSlug}/members`);
      await page.getByRole("button", { name: "Invite member" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `${scheme} invite dialog`);
      await page.getByRole("dialog").getByLabel("Email").fill("invited.person@example.test");
      await page.getByRole("dialog").getByRole("button", { name: "Send invitation" }).click();
      const link = (await page.getByLabel("Invitation link", { exact: true }).textContent())!.trim();
      await expectNoViolations(page, `${scheme} invitation link`);
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
      await expectNoViolations(page, `${scheme} account`);
      // The invitation page, signed out.
      await page.context().clearCookies();
      await page.goto(new URL(link).pathname);
      await expect(page.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
      await expectNoViolations(page, `${scheme} invitation page`);
    });

    test("the no-organization page", async ({ page }) => {
      await signIn(page, (await addUser()).email);
      await expect(page.getByRole("heading", { name: "You are not in an organization" })).toBeVisible();
      await expectNoViolations(page, `${scheme} no organization`);
    });

    test("the support console", async ({ browser }) => {
      // Six axe runs over the console's pages: near a minute on a busy 2-core machine.
      test.setTimeout(150_000);
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      const staff = await addStaff("ADMIN");
      await signIn(page, staff.email);
      await page.waitForURL(/\/support$/); // staff without an organization land on the console
      await expect(page.getByRole("heading", { name: "Support" }).first()).toBeVisible();
      await expectNoViolations(page, `${scheme} support`);
      // An account with members, a key and a suspension; the search, account, user and staff audit pages.
      const { email, orgSlug } = await addOwner("Axe Account");
      const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
      await suspendOrganization(orgSlug, { note: "axe check", message: "Contact support." }, { type: "staff", id: null, label: staff.email });
      await page.goto(`/support?q=${encodeURIComponent(email)}`);
      await expect(page.getByRole("region", { name: "Matching accounts" })).toBeVisible();
      await expectNoViolations(page, `${scheme} support search`);
      await page.goto(`/support/orgs/${org.id}`);
      await expect(page.getByRole("heading", { name: "Axe Account" })).toBeVisible();
      await expectNoViolations(page, `${scheme} support account`);
      await page.getByRole("button", { name: "Change plan" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page, `${scheme} change plan dialog`);
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: `User details for ${email}` }).click();
      await expect(page.getByRole("heading", { name: email })).toBeVisible();
      await expectNoViolations(page, `${scheme} support user`);
      await page.goto("/support/audit");
      await expect(page.getByRole("heading", { name: "Staff audit" })).toBeVisible();
      await expectNoViolations(page, `${scheme} staff audit`);
      await page.goto(`/${orgSlug}/keys`);
      await expect(page.getByText("Viewing as support, read-only")).toBeVisible();
      await expectNoViolations(page, `${scheme} view as customer`);
      await context.close();
    });
  });
}

test("the theme choice is remembered and overrides the system scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signUp(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  await page.getByLabel("Theme").selectOption("dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // The page background is the darkest zinc, whatever the system prefers.
  expect(background).toMatch(/oklch\(0\.14|rgb\(9, 9, 11\)|lab\(2/);
});
