export declare const chromiumCandidates: () => (string | undefined)[];
export declare const systemChromium: () => string | undefined;
