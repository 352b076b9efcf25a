// Key controls in the dashboard: disable and enable, an IP allowlist, metadata.
import { expect, test } from "@playwright/test";
import { db } from "./db";
import { createKeyInDialog, signUp } from "./helpers";

test("disable and enable a key; an allowlist and metadata from the edit dialog, bad input explained", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Guarded");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  const raw = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  const ping = () => request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } });
  await page.getByRole("link", { name: "Guarded" }).click();

  await page.getByRole("button", { name: "Disable Guarded" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable key" }).click();
  await expect(page.getByText(/disabled since/)).toBeVisible();
  await expect(async () => {
    const res = await ping();
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("KEY_DISABLED");
  }).toPass({ timeout: 2000 });
  await page.getByRole("button", { name: "Enable Guarded" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable key" }).click();
  await expect(async () => expect((await ping()).status()).toBe(200)).toPass({ timeout: 2000 });

  await page.getByRole("button", { name: "Edit Guarded" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByText("IP allowlist and metadata").click();
  await edit.getByLabel("Allowed client addresses").fill("10.0.0.0/33");
  await edit.getByLabel("Metadata (JSON object)").fill("[1, 2]");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText('"10.0.0.0/33" is not an IP address or CIDR range')).toBeVisible();
  await expect(edit.getByText("Metadata must be a JSON object")).toBeVisible();
  await edit.getByLabel("Allowed client addresses").fill("203.0.113.0/24\n2001:DB8::/32");
  await edit.getByLabel("Metadata (JSON object)").fill('{"plan": "gold"}');
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("203.0.113.0/24, 2001:db8::/32")).toBeVisible();
  await expect(async () => {
    const res = await ping();
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("IP_NOT_ALLOWED");
  }).toPass({ timeout: 2000 });
  await expect(page.getByText('{"plan":"gold"}')).toBeVisible();
});

test("credits from the edit dialog: the API spends them and refuses at zero", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Metered");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  const raw = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  await page.getByRole("link", { name: "Metered" }).click();
  await expect(page.getByText("Unlimited", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Edit Metered" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByText("Credits, IP allowlist and metadata").click();
  await edit.getByLabel("Credits left").fill("-3");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Use a whole number of at least 0, or leave empty for unlimited.")).toBeVisible();
  await edit.getByLabel("Credits left").fill("2");
  await edit.getByRole("combobox", { name: "Refill" }).selectOption("daily");
  await edit.getByLabel("Refill to").fill("50");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("2 left, refilled to 50 every day (UTC)")).toBeVisible();

  const ping = () => request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } });
  await expect(async () => expect((await ping()).status()).toBe(200)).toPass({ timeout: 2000 });
  expect((await ping()).status()).toBe(200);
  const refused = await ping();
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error.code).toBe("USAGE_EXCEEDED");
  await page.reload();
  await expect(page.getByText("0 left, refilled to 50 every day (UTC)")).toBeVisible();
});

test("a key moves to another project from its edit dialog, and the audit log says so", async ({ page }) => {
  const { orgSlug } = await signUp(page);
  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  await db().project.create({ data: { organizationId: org.id, name: "Backend" } });
  await page.goto(`/${orgSlug}/keys`);
  const { dialog } = await createKeyInDialog(page, "Movable");
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  await page.getByRole("link", { name: "Movable" }).click();
  await page.getByRole("button", { name: "Edit Movable" }).click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByLabel("Project")).toHaveValue("");
  await edit.getByLabel("Project").selectOption({ label: "Backend" });
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const key = await db().apiKey.findFirstOrThrow({ where: { organizationId: org.id, name: "Movable" }, include: { project: true } });
  expect(key.project?.name).toBe("Backend");
  await page.goto(`/${orgSlug}/audit`);
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("edited key Movable: moved it to another project");
});
