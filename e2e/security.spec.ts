// Findings of the security review that a browser shows (docs/security.md).
import { expect, test } from "@playwright/test";
import { addMember, addUser, db } from "./db";
import { captureServerAction, forgeServerAction, PASSWORD, replayServerAction, serverActions, signIn, signUp, uniqueEmail } from "./helpers";

test("a member is offered no admin scopes, and a forged create with `admin` is refused", async ({ page, browser }) => {
  const { orgSlug } = await signUp(page);
  const member = await addMember(orgSlug, "MEMBER");

  // The owner's create request with `admin` checked, captured and never let through.
  const captured = await captureServerAction(page, async () => {
    await page.getByRole("button", { name: "Create key" }).click();
    const ownerDialog = page.getByRole("dialog");
    await ownerDialog.getByLabel("Name").fill("escalated");
    await ownerDialog.getByLabel("admin", { exact: true }).check();
    await ownerDialog.getByRole("button", { name: "Create key" }).click();
  });

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  await signIn(memberPage, member.email);
  await expect(memberPage.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  await memberPage.goto(new URL("keys", `${memberPage.url()}/`).pathname);
  await memberPage.getByRole("button", { name: "Create key" }).click();
  const dialog = memberPage.getByRole("dialog");
  await expect(dialog.getByLabel("memories:read", { exact: true })).toBeVisible();
  await expect(dialog.getByLabel("admin", { exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel("*", { exact: true })).toHaveCount(0);

  const res = await replayServerAction(memberPage, captured);
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toContain('Only admins and owners may grant the \\"admin\\" scope.');
  expect(await db().apiKey.count({ where: { name: "escalated" } })).toBe(0);
  await context.close();
});

test("another organization's pages answer HTTP 404", async ({ page, browser }) => {
  await signUp(page);
  const context = await browser.newContext();
  const { orgSlug: theirs } = await signUp(await context.newPage());
  await context.close();
  for (const path of [`/${theirs}/keys`, `/${theirs}/audit`, "/no-such-org/keys"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
  }
});

test("an action after the session ended redirects to sign-in through this server's own port", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("too late");
  // The session ends on the server (sign-out elsewhere, removal, staff "end sessions").
  await db().session.deleteMany({ where: { user: { email } } });
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The e2e server runs on port 3199: Next fetched the redirect target from here, not :3000.
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(await db().apiKey.count({ where: { name: "too late" } })).toBe(0);
});

test("callback URLs with unusual characters never fail sign-in and never leave our origin", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of ["/\u3000x", "/\uFF0Fevil.example", "//evil.example/", "/\\evil.example", "https://evil.example/"]) {
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()).csrfToken;
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf, email, password: PASSWORD, callbackUrl, json: "true" },
      maxRedirects: 0,
    });
    expect(res.status(), callbackUrl).toBeLessThan(500);
    const { url } = await res.json();
    expect(new URL(url).origin, callbackUrl).toBe(origin);
  }
});

test("hostile filters in dashboard URLs show the page, never an error", async ({ page }) => {
  const { orgSlug } = await signUp(page);
  for (const query of ["q=a%00b", "q=%ED%A0%80", "project=x%00", "status=nope&sort=%00"]) {
    const res = await page.goto(`/${orgSlug}/keys?${query}`);
    expect(res?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  }
  for (const query of ["from=2024-99-99", "from=0000-00-00&to=9999-99-99", "actor=a%00b", "action=%00"]) {
    const res = await page.goto(`/${orgSlug}/audit?${query}`);
    expect(res?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }
});

test("signing up with an invited address without the link joins nothing (H2)", async ({ page, browser }) => {
  const { orgSlug } = await signUp(page, "Invite Target Org");
  await page.goto(`/${orgSlug}/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const invitee = uniqueEmail();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(invitee);
  await dialog.getByLabel("Role").selectOption("ADMIN");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(invitee);
  const invitation = await db().invitation.findFirstOrThrow({ where: { email: invitee } });

  // The attacker never saw the link: holds an account with the invited address (sign-up does
  // not verify addresses) and no organization, and looks around.
  const context = await browser.newContext();
  const attacker = await context.newPage();
  await addUser(invitee);
  await signIn(attacker, invitee);
  await expect(attacker.getByRole("heading", { name: "You are not in an organization" })).toBeVisible();
  await expect(attacker.locator("body")).not.toContainText("Invite Target Org");
  await expect(attacker.getByText("Open the link in your invitation")).toBeVisible();
  // A forged accept by the invitation's id (what the old no-organization page posted) is refused.
  const res = await forgeServerAction(attacker.request, "acceptInvitationAction", "/", { invitationId: invitation.id });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toMatch(/"status":"error".*"token"/);
  expect(await db().membership.count({ where: { organization: { slug: orgSlug }, user: { email: invitee } } })).toBe(0);
  expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  await context.close();
});

test("every server action answers hostile text with a message, never a 500 (NUL, lone surrogate, long)", async ({ page }) => {
  test.setTimeout(180_000);
  const { orgSlug } = await signUp(page, "Hostile Text Org");
  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  const key = await db().apiKey.create({ data: { organizationId: org.id, name: "Target", hash: `h_${Date.now()}`, hint: "mos_live_abcd…wxyz", environment: "live", scopes: ["memories:read"] } });
  const names = ["keyId", "reason", "name", "email", "token", "membershipId", "invitationId", "projectId", "scopes", "password", "currentPassword", "newPassword", "organizationName", "externalId", "role", "message", "confirm", "plan", "gracePeriodSeconds", "expiresInDays", "identity"];
  const failures: string[] = [];
  for (const [id, action] of Object.entries(serverActions())) {
    if (action.exportedName === "signOutAction") continue;
    for (const value of ["a\u0000b", "\ud800x", "é".repeat(5000)]) {
      const fields = { ...Object.fromEntries(names.map((n) => [n, value])), org: orgSlug, ...(value.length < 10 ? {} : { keyId: key.id }) };
      const res = await forgeServerAction(page.request, id, `/${orgSlug}/keys`, fields, { maxRedirects: 0 });
      const body = await res.text();
      if (res.status() >= 500 || /at [A-Za-z]+ \(|PrismaClient|invalid byte sequence/.test(body)) failures.push(`${action.exportedName} ${JSON.stringify(value.slice(0, 6))} → ${res.status()} ${body.slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
  expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
});
