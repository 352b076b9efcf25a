import { NextResponse, type NextRequest } from "next/server";
import { memberOrganizationId } from "@/lib/auth/current-user";
import { describeAuditEvent } from "@/lib/audit/describe";
import { auditCsv, auditQuerySchema } from "@/lib/audit/queries";

/** The audit log as CSV, with the page's filters, streamed. Members only. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const organizationId = await memberOrganizationId(org);
  if (!organizationId) return new NextResponse("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const query = auditQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const lines = auditCsv({ organizationId: organizationId, audience: "customer" }, query, describeAuditEvent);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${org}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
