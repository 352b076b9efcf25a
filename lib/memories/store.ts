import type { Prisma } from "@prisma/client";
import { text } from "../validation/text";
import { cursorPage } from "../db/cursor-page";
import { db } from "../db/client";

// The reference API's data: memories stored per organization and environment (a test key
// never sees live memories, nor the other way round, as in the test modes of payment and
// key services), narrowed to the key's project when it is bound to one. The one
// implementation behind /api/v1 and every compatibility profile's routes.

export interface MemoryScope {
  organizationId: string;
  environment: "live" | "test";
  projectId: string | null;
}

/** Narrowing by end user and agent, as the compatible clients ask for it. */
export interface MemoryFilter {
  userId?: string;
  agentId?: string;
}

export interface NewMemory {
  content: string;
  metadata?: Record<string, unknown>;
  userId?: string | null;
  agentId?: string | null;
  /** Client-specific fields round-tripped by a profile (memory_type, tags, importance, ...). */
  attributes?: Record<string, unknown>;
}

const SELECT = {
  id: true,
  content: true,
  metadata: true,
  projectId: true,
  userId: true,
  agentId: true,
  attributes: true,
  createdAt: true,
  updatedAt: true,
} as const;
type Row = Prisma.MemoryGetPayload<{ select: typeof SELECT }>;

export interface MemoryDto {
  id: string;
  content: string;
  metadata: Record<string, unknown>;
  projectId: string | null;
  userId: string | null;
  agentId: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const toDto = (m: Row): MemoryDto => ({
  ...m,
  metadata: (m.metadata ?? {}) as Record<string, unknown>,
  attributes: (m.attributes ?? {}) as Record<string, unknown>,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

function where(scope: MemoryScope, filter: MemoryFilter = {}): Prisma.MemoryWhereInput {
  return {
    organizationId: scope.organizationId,
    environment: scope.environment,
    ...(scope.projectId ? { projectId: scope.projectId } : {}),
    ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
    ...(filter.agentId !== undefined ? { agentId: filter.agentId } : {}),
  };
}

const NEWEST_FIRST: Prisma.MemoryOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export async function addMemory(scope: MemoryScope, memory: NewMemory): Promise<MemoryDto> {
  const row = await db().memory.create({
    data: {
      ...scope,
      content: memory.content,
      metadata: (memory.metadata ?? {}) as Prisma.InputJsonObject,
      userId: memory.userId ?? null,
      agentId: memory.agentId ?? null,
      attributes: (memory.attributes ?? {}) as Prisma.InputJsonObject,
    },
    select: SELECT,
  });
  return toDto(row);
}

/** Newest first, by cursor (/api/v1). */
export async function listMemories(scope: MemoryScope, limit: number, cursor?: string) {
  const { page, nextCursor } = await cursorPage({
    limit,
    cursor,
    cursorInScope: async (id) => Boolean(await db().memory.findFirst({ where: { ...where(scope), id }, select: { id: true } })),
    fetch: (args) => db().memory.findMany({ where: where(scope), orderBy: NEWEST_FIRST, select: SELECT, ...args }),
  });
  return { page: page.map(toDto), nextCursor };
}

/** Newest first, by offset, with the total (the clients that page by offset or page number). */
export async function pageMemories(scope: MemoryScope, filter: MemoryFilter, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    db().memory.findMany({ where: where(scope, filter), orderBy: NEWEST_FIRST, skip: offset, take: limit, select: SELECT }),
    db().memory.count({ where: where(scope, filter) }),
  ]);
  return { rows: rows.map(toDto), total };
}

export async function countMemories(scope: MemoryScope): Promise<number> {
  return db().memory.count({ where: where(scope) });
}

export async function getMemory(scope: MemoryScope, id: string, filter: MemoryFilter = {}): Promise<MemoryDto | null> {
  const row = await db().memory.findFirst({ where: { ...where(scope, filter), id }, select: SELECT });
  return row ? toDto(row) : null;
}

/** The memory after the change, or null when there is no such memory in scope. */
export async function updateMemory(
  scope: MemoryScope,
  id: string,
  changes: { content?: string; metadata?: Record<string, unknown> },
): Promise<MemoryDto | null> {
  const { count } = await db().memory.updateMany({
    where: { ...where(scope), id },
    data: {
      ...(changes.content !== undefined ? { content: changes.content } : {}),
      ...(changes.metadata !== undefined ? { metadata: changes.metadata as Prisma.InputJsonObject } : {}),
      updatedAt: new Date(),
    },
  });
  return count ? getMemory(scope, id) : null;
}

/** True when a memory was deleted. */
export async function deleteMemory(scope: MemoryScope, id: string, filter: MemoryFilter = {}): Promise<boolean> {
  const { count } = await db().memory.deleteMany({ where: { ...where(scope, filter), id } });
  return count > 0;
}

/** The ids of these that were deleted. */
export async function deleteMemories(scope: MemoryScope, ids: string[], filter: MemoryFilter = {}): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const found = await tx.memory.findMany({ where: { ...where(scope, filter), id: { in: ids } }, select: { id: true } });
    await tx.memory.deleteMany({ where: { ...where(scope), id: { in: found.map((f) => f.id) } } });
    return found.map((f) => f.id);
  });
}

/** A search's text, as every client's search call sends it. */
export const searchQuerySchema = () => text().trim().min(1).max(500);

const MAX_TERMS = 10;
const CANDIDATES = 500;

/**
 * Text search: memories containing any word of the query (case-insensitive), best first.
 * `score` is the share of the query's words a memory contains (1: all of them).
 */
export async function searchMemories(
  scope: MemoryScope,
  query: string,
  limit: number,
  filter: MemoryFilter = {},
): Promise<(MemoryDto & { score: number })[]> {
  const words = [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1))].slice(0, MAX_TERMS);
  const terms = words.length ? words : [query.trim().toLowerCase()];
  const rows = await db().memory.findMany({
    where: { ...where(scope, filter), OR: terms.map((t) => ({ content: { contains: t, mode: "insensitive" as const } })) },
    orderBy: NEWEST_FIRST,
    take: CANDIDATES,
    select: SELECT,
  });
  return rows
    .map((row) => {
      const text = row.content.toLowerCase();
      return { ...toDto(row), score: terms.filter((t) => text.includes(t)).length / terms.length };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** The agents named by the scope's memories, with how many each has (at most 1,000 agents). */
export async function memoriesByAgent(scope: MemoryScope): Promise<{ agentId: string; memories: number }[]> {
  const groups = await db().memory.groupBy({
    by: ["agentId"],
    where: { ...where(scope), agentId: { not: null } },
    _count: { _all: true },
    orderBy: { agentId: "asc" },
    take: 1000,
  });
  return groups.map((g) => ({ agentId: g.agentId!, memories: g._count._all }));
}
