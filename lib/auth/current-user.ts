import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import type { MemberRole } from "@prisma/client";
import { db } from "../db/client";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { authOptions } from "./options";
import { recordStaffView } from "../support/views";
import { findSessionUser, type SessionUser } from "./sessions";
import { isStaff, type Staff, type StaffRole } from "./staff";
import { profileOf, type ProfileId } from "../profiles/catalog";

const withProfile = <T extends { profile: string }>(org: T): T & { profile: ProfileId } => ({ ...org, profile: profileOf(org.profile).id });

/**
 * The signed-in user, checked against the server-side session row on every request.
 * cache(): the layout and the page of one request share the lookup instead of repeating it.
 */
export const getCurrentUser = cache(async (): Promise<(SessionUser & { sessionToken: string }) | null> => {
  const session = (await getServerSession(authOptions)) as { sid?: unknown } | null;
  if (!session || typeof session.sid !== "string") return null;
  const user = await findSessionUser(session.sid);
  return user ? { ...user, sessionToken: session.sid } : null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/**
 * A signed-in staff member, or the same 404 a missing page gets. Every support page calls it
 * itself: layouts are not a security boundary (the page renders and streams its data anyway).
 */
export async function requireStaff(min: StaffRole = "SUPPORT"): Promise<SessionUser & Staff> {
  const user = await requireUser();
  if (!isStaff(user, min)) notFound();
  return user as SessionUser & Staff;
}

export interface MemberContext {
  user: SessionUser;
  organization: {
    id: string;
    slug: string;
    name: string;
    plan: "FREE" | "PRO" | "ENTERPRISE";
    profile: ProfileId;
    suspendedAt: Date | null;
    suspendedMessage: string | null;
    defaultScopes: string[];
    maxKeyLifetimeDays: number | null;
    expiryRequired: boolean;
  };
  role: MemberRole;
  /** Support staff viewing a customer's dashboard: read-only, every action refused. */
  staffView: boolean;
}

const ORG_SELECT = {
  id: true,
  slug: true,
  name: true,
  plan: true,
  profile: true,
  suspendedAt: true,
  suspendedMessage: true,
  defaultScopes: true,
  maxKeyLifetimeDays: true,
  expiryRequired: true,
} as const;

/**
 * The caller's membership of the organization named by `slug`; 404 when there is none.
 * Support staff who are not members see it as a viewer would ("view as customer"), audited.
 */
export const requireMember = cache(async (slug: string): Promise<MemberContext> => {
  const user = await requireUser();
  const membership = await db().membership.findFirst({
    where: { userId: user.id, organization: { slug } },
    select: { role: true, organization: { select: ORG_SELECT } },
  });
  if (membership) return { user, organization: withProfile(membership.organization), role: membership.role, staffView: false };
  if (user.staffRole) {
    const organization = await db().organization.findFirst({ where: { slug, deletedAt: null }, select: ORG_SELECT });
    if (organization) {
      await recordStaffView(user, organization.id, await requestContext());
      return { user, organization: withProfile(organization), role: "VIEWER", staffView: true };
    }
  }
  // Same answer whether the organization does not exist or is someone else's.
  notFound();
});

export async function requestContext(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent") };
}

/** For route handlers (CSV downloads): the organization id when the caller is a member, else null (answer 404). */
export async function memberOrganizationId(slug: string): Promise<string | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const membership = await db().membership.findFirst({ where: { userId: user.id, organization: { slug } }, select: { organizationId: true } });
  return membership?.organizationId ?? null;
}
