import { expect, test } from "@playwright/test";
import { createSignInLink } from "../lib/auth/email-link";
import { addOwner, db } from "./db";
import { PASSWORD, signIn, signOut, signUp, signUpThroughForm, uniqueEmail } from "./helpers";

// These tests start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test("sign up, sign out, sign in again", async ({ page }) => {
  const { email, orgSlug } = await signUpThroughForm(page);
  await expect(page).toHaveURL(new RegExp(`/${orgSlug}$`));
  await expect(page.getByRole("link", { name: email, exact: true })).toBeVisible();
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Get started in three steps" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${orgSlug}$`));
});

test("a signed-out visitor is sent to sign-in from any dashboard URL", async ({ page }) => {
  for (const path of ["/", "/acme/keys", "/acme/audit", "/some-org/settings", "/support"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/signin");
  }
});

test("after sign-in the visitor returns to the page they asked for", async ({ page }) => {
  const { email, orgSlug } = await signUp(page);
  await signOut(page);
  await page.goto(`/${orgSlug}/settings`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});

test("a session cookie replayed after sign-out is refused", async ({ page, browser }) => {
  const { orgSlug } = await signUp(page);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  await signOut(page);

  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const other = await replay.newPage();
  await other.goto(`/${orgSlug}/keys`);
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await replay.close();
});

test("session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
  await signUp(page);
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(cookie!.expires * 1000 - Date.now()).toBeLessThanOrEqual(12 * 3600 * 1000 + 60_000);
});

test("a wrong password gets a clear message", async ({ page }) => {
  const { email } = await signUp(page);
  await signOut(page);
  await signIn(page, email, "this is not the password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signIn(page, uniqueEmail(), "this is not the password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("sign-up explains bad input and keeps what was typed", async ({ page }) => {
  const { email } = await signUp(page);
  await signOut(page);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Someone");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organization name").fill("Org");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Someone");
  // Errors follow the edits: a fixed field loses its complaint, a still-broken one keeps it.
  await page.getByLabel("Password").fill("still short");
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Email").fill("someone@example.test");
  await expect(page.getByText("Enter a valid email address.")).toHaveCount(0);
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid");
  await page.getByLabel("Password").fill("long enough now, really");
  await expect(page.getByText("Use at least 12 characters.")).toHaveCount(0);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("qwerty123456");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common. Choose another.")).toBeVisible();

  await page.getByLabel("Password").fill("aaaaaaaaaaaa");
  await expect(page.getByText("Password strength: Very weak")).toBeVisible();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too easy to guess.")).toBeVisible();

  // Without email to tell the owner privately, a taken address is said plainly, with the ways on.
  await page.getByLabel("Password").fill(PASSWORD);
  await expect(page.getByText("Password strength: Very strong")).toBeVisible();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This email is already registered: sign in or reset your password.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Reset your password" })).toHaveAttribute("href", "/forgot-password");
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).first()).toHaveAttribute("href", `/signin?email=${encodeURIComponent(email)}`);
  expect(await db().organization.count({ where: { name: "Org" } })).toBe(0);
});

test("a callbackUrl to another site lands on our own origin", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  await signOut(page);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("a forged x-middleware-subrequest header changes nothing", async ({ request }) => {
  const res = await request.get("/acme/keys", {
    headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toContain("/signin");
});

test("pages and the API carry the security headers", async ({ request }) => {
  for (const path of ["/signin", "/api/v1/health"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"]).toBeUndefined();
  }
});

test("the welcome email's link confirms the address and signs in, once", async ({ page }) => {
  const { email, orgSlug } = await addOwner("Welcome Org");
  const link = await createSignInLink(email, "");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${orgSlug}$`));
  await expect(page.getByRole("link", { name: email, exact: true })).toBeVisible();
  expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerified).not.toBeNull();

  await signOut(page);
  await page.goto(link);
  await expect(page.getByText("This link expired or was already used.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm and sign in" })).toHaveCount(0);
});
