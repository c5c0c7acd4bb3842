import type { Route } from "./+types/bench.bare";

import { httpError } from "~/utils/http-errors";

/**
 * Benchmarks only (CAMPUS_BENCH=1): the framework floor. A bare route that
 * renders a given number of bytes through the same root, server and
 * compression, so a module page's cost can be compared with Remix's own.
 */
export async function loader({ request }: Route.LoaderArgs) {
  if (process.env.CAMPUS_BENCH !== "1") throw httpError(404, "notFound");
  const bytes = Math.min(500_000, Math.max(0, Number(new URL(request.url).searchParams.get("bytes")) || 0));
  return { text: "Co-operatives are owned and run by their members. ".repeat(Math.ceil(bytes / 52)).slice(0, bytes) };
}

export default function Bare({ loaderData }: Route.ComponentProps) {
  const { text } = loaderData;
  return (
    <div className="page reading">
      <p>{text}</p>
    </div>
  );
}
