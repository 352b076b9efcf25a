import type { Plan } from "@prisma/client";
import { db } from "../../lib/db/client";
import { createRootKey } from "../../lib/keys/root";
import { createKeyInputSchema } from "../../lib/keys/schemas";
import { createKey } from "../../lib/keys/service";
import { PROFILES, type ProfileId } from "../../lib/profiles/catalog";
import { createMember } from "./factory";

/** A fresh organization on `plan` (in `profile`, default Memory OS) with one key; returns the raw key. */
export async function issueKey(
  options: { plan?: Plan; scopes?: string[]; ratelimitPerMinute?: number; name?: string; profile?: ProfileId; environment?: "live" | "test" } = {},
) {
  const { user, organization } = await createMember("OWNER");
  const plan = options.plan ?? "FREE";
  if (plan !== "FREE") await db().organization.update({ where: { id: organization.id }, data: { plan } });
  if (options.profile) {
    const defaultScopes = [...PROFILES[options.profile].defaultScopes];
    await db().organization.update({ where: { id: organization.id }, data: { profile: options.profile, defaultScopes } });
  }
  const org = { id: organization.id, plan };
  const actor = { type: "user" as const, id: user.id, label: user.email, role: "OWNER" as const };
  const { key, rawKey } = await createKey(
    org,
    createKeyInputSchema.parse({
      name: options.name ?? "test key",
      scopes: options.scopes ?? (options.profile ? PROFILES[options.profile].defaultScopes : undefined),
      environment: options.environment,
      ratelimitPerMinute: options.ratelimitPerMinute,
    }),
    actor,
  );
  return { raw: rawKey, key, org, organization, actor };
}

export async function issueRootKey() {
  return createRootKey(`gateway-${Date.now()}`, { type: "cli", label: "cli" });
}
