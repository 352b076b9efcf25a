import { NameForm, PasswordForm } from "./_components/account-forms";
import { endOtherSessionsAction, endSessionAction } from "./actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { SimpleTable } from "@/components/ui/simple-table";
import { getCurrentUser, requireUser } from "@/lib/auth/current-user";
import { getSessionsOfUser } from "@/lib/auth/account";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  await requireUser();
  const current = (await getCurrentUser())!;
  const sessions = await getSessionsOfUser(current.id, current.sessionToken);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <PageHeader title="Your account" description={current.email} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="profile" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="profile" className="mb-3 font-medium">
            Profile
          </h2>
          <NameForm name={current.name ?? ""} />
        </section>
        <section aria-labelledby="password" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="password" className="mb-3 font-medium">
            Password
          </h2>
          <PasswordForm />
        </section>
      </div>
      <section aria-labelledby="sessions" className="mt-6">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 id="sessions" className="font-medium">
            Active sessions
          </h2>
          {others > 0 ? (
            <ConfirmDialog
              action={endOtherSessionsAction}
              hidden={{}}
              danger
              small
              trigger="Sign out everywhere else"
              triggerLabel="Sign out every other session"
              title="Sign out every other session?"
              description={`${others} other session${others === 1 ? "" : "s"} end at once; this browser stays signed in.`}
              confirm="Sign out other sessions"
            />
          ) : null}
        </div>
        <SimpleTable
          label="Your sessions"
          head={["Device", "IP", "Signed in", "Last seen", ""]}
          rows={sessions.map((s) => [
            <span key="d" title={s.userAgent ?? ""}>
              {s.device}
              {s.current ? <span className="ml-1 text-xs text-emerald-700">(this browser)</span> : null}
            </span>,
            s.ip ?? "—",
            <RelativeTime key="c" value={s.createdAt} />,
            <RelativeTime key="l" value={s.lastSeenAt} />,
            s.current ? (
              ""
            ) : (
              <ConfirmDialog
                key="x"
                action={endSessionAction}
                hidden={{ sessionId: s.id }}
                danger
                small
                trigger="Sign out"
                triggerLabel={`Sign out ${s.device} from ${s.ip ?? "an unknown address"}`}
                title="Sign out this session?"
                description={`${s.device}${s.ip ? ` at ${s.ip}` : ""} is signed out on its next request.`}
                confirm="Sign out session"
              />
            ),
          ])}
        />
      </section>
    </>
  );
}
