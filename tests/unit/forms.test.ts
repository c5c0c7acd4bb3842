/** A form that cannot be read is refused in the sender's language, with the right status. */
import { expect, it } from "vitest";
import { messages } from "~/i18n/messages";
import { MAX_FORM_BYTES, readForm } from "~/utils/forms.server";

async function refusal(request: Request) {
  try {
    await readForm(request);
  } catch (thrown) {
    const r = thrown as { init?: { status?: number }; data?: { formError?: string } };
    return { status: r.init?.status, message: r.data?.formError };
  }
  throw new Error("the form was read");
}

it("refuses a body over the limit (413) and a malformed one (400), in French for a French browser", async () => {
  const french = { "Accept-Language": "fr-CM,fr;q=0.9" };
  const big = await refusal(new Request("http://localhost/signup", { method: "POST", headers: { ...french, "Content-Length": String(MAX_FORM_BYTES + 1) } }));
  expect(big).toEqual({ status: 413, message: messages.fr.requestErrors.tooLarge });
  const broken = await refusal(
    new Request("http://localhost/signup", {
      method: "POST",
      headers: { ...french, "Content-Type": "multipart/form-data; boundary=x" },
      body: "not multipart",
    }),
  );
  expect(broken).toEqual({ status: 400, message: messages.fr.quizErrors.unreadableForm });
  const swahili = await refusal(
    new Request("http://localhost/signup", { method: "POST", headers: { Cookie: "campus_lang=sw", "Content-Length": String(MAX_FORM_BYTES + 1) } }),
  );
  expect(swahili.message).toBe(messages.sw.requestErrors.tooLarge);
});
