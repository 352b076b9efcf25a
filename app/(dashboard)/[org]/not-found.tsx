export default function NotFound() {
  return (
    <div className="rounded-md border border-zinc-200 bg-white p-6">
      <p className="font-medium">Not found</p>
      <p className="mt-1 text-sm text-zinc-600">It does not exist, or it belongs to another organization.</p>
    </div>
  );
}
