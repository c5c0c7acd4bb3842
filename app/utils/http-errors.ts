import { data } from "react-router";
import { messages } from "~/i18n/messages";

export type ServerErrorCode = keyof (typeof messages)["en"]["serverErrors"];

/**
 * A thrown 4xx for the error page: the English message for API clients and
 * logs, and a code the page turns into the reader's language.
 */
export function httpError(status: 400 | 403 | 404, code: ServerErrorCode, detail?: string) {
  const message = messages.en.serverErrors[code];
  return data({ message: detail ? `${message} ${detail}` : message, code }, { status });
}
