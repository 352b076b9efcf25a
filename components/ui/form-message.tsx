export function FormMessage({ status, message }: { status?: string; message?: string }) {
  return (
    <p
      role={status === "error" ? "alert" : undefined}
      aria-live="polite"
      className={`text-sm ${status === "error" ? "text-red-700" : "text-emerald-700"}`}
    >
      {message}
    </p>
  );
}
