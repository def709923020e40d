// Runs once before the benchmarks: the page they open in Chromium.
import { buildBenchPage } from './build';

export default function setup(): void {
  buildBenchPage();
}
