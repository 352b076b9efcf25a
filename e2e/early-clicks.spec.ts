// What a person does in the second before the page's script has arrived: the click or the
// Enter is held and happens once the page is live, never lost and never sent as a plain form.
import { expect, test, type Page } from "@playwright/test";
import { addOwner } from "./db";
import { PASSWORD, signUp } from "./helpers";

/** Holds the page's JavaScript (not its styles) until the returned function is called. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"),
    async (route) => {
      await released;
      await route.continue();
    },
  );
  return release;
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("Enter in the sign-in form before the script loads signs in, without the password in the address", async ({ page }) => {
    const { email, orgSlug } = await addOwner("Early Org");
    const release = await holdScripts(page);
    const addresses: string[] = [];
    page.on("request", (request) => addresses.push(request.url()));
    await page.goto("/signin", { waitUntil: "commit" });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await expect(page).toHaveURL(/\/signin$/);
    release();
    await expect(page).toHaveURL(new RegExp(`/${orgSlug}`), { timeout: 30_000 });
    expect(addresses.filter((url) => url.includes(encodeURIComponent(PASSWORD)) || url.includes("password="))).toEqual([]);
  });
});

test("a click on Create key before the script loads opens the dialog once it has", async ({ page }) => {
  const { orgSlug } = await signUp(page);
  const release = await holdScripts(page);
  await page.goto(`/${orgSlug}/keys`, { waitUntil: "commit" });
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  release();
  await expect(page.getByRole("dialog", { name: "Create an API key" })).toBeVisible();
});
