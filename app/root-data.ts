import { useRouteLoaderData } from "react-router";
import type { loader } from "~/root";

/** The root loader's data (who is signed in, their language, the page's texts, data saver), typed from the loader. */
export const useRootData = () => useRouteLoaderData<typeof loader>("root");
