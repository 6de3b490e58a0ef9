export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-50 to-slate-100 p-4">
      <div className="w-full max-w-md rounded-xl bg-white p-8 shadow-lg ring-1 ring-slate-200">
        <p className="mb-6 text-center text-2xl font-bold tracking-tight text-brand-700">Stageline</p>
        {children}
      </div>
    </main>
  );
}
