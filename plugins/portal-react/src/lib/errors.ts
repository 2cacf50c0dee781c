import { ResponseError } from '@backstage/errors';

/** The HTTP status of a failed backend call, when there was one. */
export function errorStatus(error: unknown): number | undefined {
  return ResponseError.is(error) ? error.statusCode : undefined;
}

/** The backend's own words for a failure (its `error.message`), else the error's message. */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}
