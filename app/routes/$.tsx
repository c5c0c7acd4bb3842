import { data } from "@remix-run/node";

/** Any address no route claims: a real 404 page, rendered by the root error boundary. */
export async function loader() {
  throw data({ message: "We could not find that page. It may have moved." }, { status: 404 });
}

export async function action() {
  throw data({ message: "We could not find that page." }, { status: 404 });
}

export default function NotFound() {
  return null;
}
