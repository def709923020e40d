// Runs once before the engine suite: the real app (BUILD_A, shared with the e2e suite and built
// once per run) and the build that keeps its data in memory only.
import { BUILD_A, BUILD_MEMORY_ONLY, buildApp } from '../support/builds';

export default function setup(): void {
  buildApp([BUILD_A, BUILD_MEMORY_ONLY]);
}
