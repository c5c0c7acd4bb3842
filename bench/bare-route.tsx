import type { LoaderFunctionArgs } from "react-router";
import { useLoaderData } from "react-router";

/**
 * Benchmarks only: the framework floor. A bare route that renders a given
 * number of bytes through the same root, server and compression, so a module
 * page's cost can be compared with React Router's own. app/routes.ts mounts it
 * only in a build made for the bench (CAMPUS_BENCH=1): a production build has
 * no such route.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const bytes = Math.min(500_000, Math.max(0, Number(new URL(request.url).searchParams.get("bytes")) || 0));
  return { text: "Co-operatives are owned and run by their members. ".repeat(Math.ceil(bytes / 52)).slice(0, bytes) };
}

export default function Bare() {
  const { text } = useLoaderData<typeof loader>();
  return (
    <div className="page reading">
      <p>{text}</p>
    </div>
  );
}
