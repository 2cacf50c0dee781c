/** The backend's own message of a failed call (it names the field), else the error's message. */
export function errorMessage(e: unknown): string {
  const body = (e as { body?: { error?: { message?: string } } })?.body;
  return body?.error?.message ?? (e as Error)?.message ?? String(e);
}
