import { route, type RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

/** The routes are the files of app/routes (flat routes); a build for the bench (CAMPUS_BENCH=1) adds its bare route. */
export default [
  ...(await flatRoutes({ ignoredRouteFiles: ["**/*.css"] })),
  ...(process.env.CAMPUS_BENCH === "1" ? [route("bench/bare", "../bench/bare-route.tsx")] : []),
] satisfies RouteConfig;
