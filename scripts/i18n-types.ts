// Writes app/i18n/catalog-types.ts from the English catalog (npm run i18n), then checks every catalog against it.
import { writeFileSync } from "node:fs";
import * as catalogs from "../app/i18n/catalogs";
import { catalogProblems, catalogTypes } from "../app/i18n/catalog-check.server";

writeFileSync(new URL("../app/i18n/catalog-types.ts", import.meta.url), catalogTypes(catalogs.en));
const problems = Object.entries(catalogs).flatMap(([language, catalog]) => (language === "en" ? [] : catalogProblems(catalogs.en, catalog, language)));
for (const p of problems) console.error(p);
process.exitCode = problems.length ? 1 : 0;
