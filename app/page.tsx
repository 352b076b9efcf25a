import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";

export default async function Home() {
  const user = await requireUser();
  const orgs = await getOrganizationsOfUser(user.id);
  if (orgs.length > 0) redirect(`/${orgs[0].slug}/keys`);
  if (user.staffRole) redirect("/support");
  redirect("/signin");
}
