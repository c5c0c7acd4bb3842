import { describe, expect, it } from "vitest";
import { courseEffort } from "~/catalog/effort";
import { format } from "~/i18n/format";
import { messages } from "~/i18n/messages";

/** A course's length as the catalog and course pages say it. */
describe("courseEffort", () => {
  it("says minutes under an hour, to the nearest five, at least five", () => {
    expect(courseEffort(30)).toEqual({ unit: "minutes", n: 30 });
    expect(courseEffort(22)).toEqual({ unit: "minutes", n: 20 });
    expect(courseEffort(1)).toEqual({ unit: "minutes", n: 5 });
    expect(courseEffort(52)).toEqual({ unit: "minutes", n: 50 });
  });

  it("says hours from about an hour up, to the nearest half", () => {
    expect(courseEffort(55)).toEqual({ unit: "hours", n: 1 });
    expect(courseEffort(60)).toEqual({ unit: "hours", n: 1 });
    expect(courseEffort(100)).toEqual({ unit: "hours", n: 1.5 });
    expect(courseEffort(300)).toEqual({ unit: "hours", n: 5 });
  });

  it("reads naturally in each language", () => {
    const say = (lang: "en" | "fr" | "sw", minutes: number) => {
      const e = courseEffort(minutes);
      return format(lang, e.unit === "hours" ? messages[lang].pages.hours : messages[lang].pages.aboutMinutes, { n: e.n });
    };
    expect(say("en", 30)).toBe("about 30 minutes");
    expect(say("en", 60)).toBe("about 1 hour");
    expect(say("fr", 90)).toBe("environ 1,5 heure");
    expect(say("sw", 30)).toBe("takriban dakika 30");
  });
});
