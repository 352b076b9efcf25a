import "server-only";
import type { MemberRole } from "@prisma/client";
import { z } from "zod";
import { DomainError } from "../errors";
import { hasRole } from "./roles";
import { getCurrentUser, requestContext, requireMember, requireUser, type MemberContext } from "./current-user";
import type { SessionUser } from "./sessions";
import { isStaff, type Staff } from "./staff";

export type ActionState<T = undefined> = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: T;
};

export type ActionContext = MemberContext & { ip: string | null; userAgent: string | null };

/**
 * The one way to write a server action on organization data: re-checks the session, the
 * caller's membership of the organization named in the form (field `org`) and the
 * minimum role, parses the form with zod, then runs; a DomainError becomes a form message.
 * Never trusts the page around it.
 */
export function memberAction<S extends z.ZodType, T = undefined>(
  minRole: MemberRole,
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const org = formData.get("org");
    if (typeof org !== "string" || !org) return { status: "error", message: "Organization missing." };
    const member = await requireMember(org);
    if (member.staffView) return { status: "error", message: "Support staff view this organization read-only." };
    if (!hasRole(member.role, minRole)) {
      return { status: "error", message: "Your role does not allow this." };
    }
    return parseAndRun(schema, formData, async (input) => run(input, { ...member, ...(await requestContext()) }));
  };
}

export type StaffContext = { user: SessionUser & Staff; ip: string | null; userAgent: string | null };

/** The same for company staff actions: re-checks the session and the staff role. */
export function staffAction<S extends z.ZodType, T = undefined>(
  minRole: "SUPPORT" | "ADMIN",
  schema: S,
  run: (input: z.infer<S>, ctx: StaffContext) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const user = await requireUser();
    if (!isStaff(user, minRole)) {
      return { status: "error", message: "Your role does not allow this." };
    }
    return parseAndRun(schema, formData, async (input) => run(input, { user, ...(await requestContext()) }));
  };
}

export type UserContext = { user: SessionUser; sessionToken: string; ip: string | null; userAgent: string | null };

/** The same for a person's own things (their account, their invitations): a session only. */
export function userAction<S extends z.ZodType, T = undefined>(
  schema: S,
  run: (input: z.infer<S>, ctx: UserContext) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const current = await getCurrentUser();
    if (!current) await requireUser(); // redirects to sign-in
    const { sessionToken, ...user } = current!;
    return parseAndRun(schema, formData, async (input) => run(input, { user, sessionToken, ...(await requestContext()) }));
  };
}

// Shared by the wrappers: parse the form, run, and turn a DomainError into a form message.
async function parseAndRun<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  run: (input: z.infer<S>) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  const parsed = schema.safeParse(Object.fromEntries(formDataEntries(formData)));
  if (!parsed.success) {
    return {
      status: "error",
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    };
  }
  try {
    return await run(parsed.data);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.field)
      return { status: "error", message: "Check the highlighted fields.", fieldErrors: { [err.field]: [err.message] } };
    return { status: "error", message: err.message };
  }
}

// Repeated fields (checkbox groups) become arrays; single ones stay strings.
function formDataEntries(formData: FormData): [string, unknown][] {
  const out = new Map<string, unknown>();
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out.set(key, key.endsWith("[]") ? all : all[0]);
  }
  return [...out.entries()].map(([k, v]) => [k.replace(/\[\]$/, ""), v]);
}
