export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-indigo-700">Keyhouse</p>
        <h1 className="mt-1 mb-6 text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
