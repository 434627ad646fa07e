import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { errorMessage, isApiError } from "./apiError";

/**
 * Puts a failed submission's errors on the form: each of the server's `fields` that names one of
 * the form's fields goes under that field, anything else becomes the form-level message (root.server).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  formFields: readonly Path<T>[],
): void {
  const fields = isApiError(error) ? error.fields : undefined;
  let unplaced: string | undefined;
  if (fields) {
    let first = true;
    for (const [path, message] of Object.entries(fields)) {
      if ((formFields as readonly string[]).includes(path)) {
        setError(path as Path<T>, { type: "server", message }, { shouldFocus: first });
        first = false;
      } else {
        unplaced ??= `${path} ${message}`;
      }
    }
    if (!unplaced) return;
  }
  setError("root.server", { type: "server", message: unplaced ?? errorMessage(error) });
}
