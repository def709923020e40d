/// <reference types="vite/client" />

/** Identifies the build; set by LIFEBOAT_BUILD_ID at build time (tests build two to test updates). */
declare const __BUILD_ID__: string;
