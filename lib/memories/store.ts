import type { Prisma } from "@prisma/client";
import { cursorPage } from "../db/cursor-page";
import { db } from "../db/client";

// The reference API's data: memories stored per organization and environment (a test key
// never sees live memories, nor the other way round, as in the test modes of payment and
// key services), narrowed to the key's project when it is bound to one.

export interface MemoryScope {
  organizationId: string;
  environment: "live" | "test";
  projectId: string | null;
}

const SELECT = { id: true, content: true, metadata: true, projectId: true, createdAt: true } as const;
type Row = Prisma.MemoryGetPayload<{ select: typeof SELECT }>;

export interface MemoryDto {
  id: string;
  content: string;
  metadata: Record<string, unknown>;
  projectId: string | null;
  createdAt: string;
}

const toDto = (m: Row): MemoryDto => ({
  ...m,
  metadata: (m.metadata ?? {}) as Record<string, unknown>,
  createdAt: m.createdAt.toISOString(),
});

function where(scope: MemoryScope): Prisma.MemoryWhereInput {
  return {
    organizationId: scope.organizationId,
    environment: scope.environment,
    ...(scope.projectId ? { projectId: scope.projectId } : {}),
  };
}

export async function addMemory(scope: MemoryScope, content: string, metadata: Record<string, unknown> = {}) {
  const row = await db().memory.create({
    data: { ...scope, content, metadata: metadata as Prisma.InputJsonObject },
    select: SELECT,
  });
  return toDto(row);
}

export async function listMemories(scope: MemoryScope, limit: number, cursor?: string) {
  const { page, nextCursor } = await cursorPage({
    limit,
    cursor,
    cursorInScope: async (id) => Boolean(await db().memory.findFirst({ where: { ...where(scope), id }, select: { id: true } })),
    fetch: (args) => db().memory.findMany({ where: where(scope), orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: SELECT, ...args }),
  });
  return { page: page.map(toDto), nextCursor };
}

export async function getMemory(scope: MemoryScope, id: string): Promise<MemoryDto | null> {
  const row = await db().memory.findFirst({ where: { ...where(scope), id }, select: SELECT });
  return row ? toDto(row) : null;
}

/** True when a memory was deleted. */
export async function deleteMemory(scope: MemoryScope, id: string): Promise<boolean> {
  const { count } = await db().memory.deleteMany({ where: { ...where(scope), id } });
  return count > 0;
}

export async function searchMemories(scope: MemoryScope, query: string, limit: number) {
  const rows = await db().memory.findMany({
    where: { ...where(scope), content: { contains: query, mode: "insensitive" } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: SELECT,
  });
  return rows.map(toDto);
}
