/** Packages loaded from node_modules at run time, not bundled. */
export declare const EXTERNAL: string[];
/** Bundles `entry` (a path from the repository root) into `outfile`. */
export declare function bundleServer(entry: string, outfile: string): Promise<void>;
