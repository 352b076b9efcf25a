import { Prisma } from "@prisma/client";

/** A write refused by a unique index: someone else wrote the same name (or row) first. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
