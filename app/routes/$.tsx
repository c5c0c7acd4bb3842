import { data } from "react-router";

/** Any address no route claims: a real 404 page, rendered (in the reader's language) by the root error boundary. */
export async function loader() {
  throw data(null, { status: 404 });
}

export async function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
