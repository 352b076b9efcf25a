import { NextResponse, type NextRequest } from "next/server";
import { memberOrganizationId } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors";
import { resolveRange, toCsv, usageQuerySchema } from "@/lib/usage/page-query";
import { getUsageSeriesForOrg } from "@/lib/usage/series";

/** The Usage page's series as CSV: the same query, the same numbers. Members only. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const organizationId = await memberOrganizationId(org);
  if (!organizationId) return new NextResponse("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const query = usageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const filter = { ...resolveRange(query), keyId: query.key, environment: query.environment, projectId: query.project };
  try {
    const { points } = await getUsageSeriesForOrg(organizationId, filter);
    return new NextResponse(toCsv(points), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="usage-${org}-${filter.from.toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return new NextResponse(`${err.message}\n`, { status: err.code === "NOT_FOUND" ? 404 : 400, headers: { "content-type": "text/plain" } });
  }
}
