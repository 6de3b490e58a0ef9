/** The form-level error of a react-hook-form form (root.server), announced as an alert. */
export function FormAlert({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
      {message}
    </p>
  );
}
