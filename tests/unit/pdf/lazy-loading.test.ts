// jsPDF is a few hundred kilobytes that only printing needs, so it must stay out of the first-load
// bundle: only src/pdf may import it, and nothing outside src/pdf may statically import a module
// that does (callers use `await import('../pdf/consultation-pdf')`, or '../pdf/prescription-pdf').
// This reads the import graph of src the way the bundler does: `import type` is erased, every
// other static import is kept.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Static, non-type imports and re-exports: `import x from`, `import 'x'`, `export { x } from`. */
const STATIC_IMPORT = /^\s*(?:import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?|export\s+(?!type\s)[^'";]*?\s+from\s+)['"]([^'"]+)['"]/gm;

function staticImports(source: string): string[] {
  return [...source.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? '');
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/** The files that load jsPDF when they are loaded: its importers, their importers, and so on. */
function filesThatLoadJsPdf(): Set<string> {
  const files = sourceFiles(SRC);
  const imports = new Map(files.map((file) => [file, staticImports(readFileSync(file, 'utf8'))]));
  const loading = new Set(files.filter((file) => (imports.get(file) ?? []).some((spec) => spec === 'jspdf' || spec.startsWith('jspdf/'))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const file of files) {
      if (loading.has(file)) continue;
      const local = (imports.get(file) ?? []).map((spec) => resolveLocal(file, spec));
      if (local.some((path) => path !== null && loading.has(path))) {
        loading.add(file);
        grew = true;
      }
    }
  }
  return loading;
}

describe('jsPDF is loaded only when printing', () => {
  const loading = [...filesThatLoadJsPdf()].map((file) => relative(SRC, file).split('\\').join('/'));

  it('reads imports as the bundler keeps them', () => {
    const source = [
      "import { jsPDF } from 'jspdf';",
      "import type { jsPDF as Doc } from 'jspdf/types';",
      "import { type Blob2 } from './kept-by-verbatim-module-syntax';",
      "import './side-effect';",
      "import {\n  a,\n  b,\n} from '../multi-line';",
      "export { c } from './re-export';",
      "export type { D } from './type-only';",
      "const lazy = await import('./lazy');",
    ].join('\n');
    expect(staticImports(source)).toEqual(['jspdf', './kept-by-verbatim-module-syntax', './side-effect', '../multi-line', './re-export']);
  });

  it('is imported by the PDF writers only', () => {
    expect(loading).toContain('pdf/consultation-pdf.ts');
    expect(loading).toContain('pdf/prescription-pdf.ts');
    expect(loading.filter((file) => !file.startsWith('pdf/'))).toEqual([]);
  });

  it('leaves the file-name helper, the layouts and the content builders free of jsPDF', () => {
    const free = [
      'pdf/file-names.ts',
      'pdf/consultation-content.ts',
      'pdf/win-ansi.ts',
      'pdf/pdf-writer.ts',
      'pdf/pdf-text.ts',
      'pdf/fp10-layout.ts',
      'pdf/prescription-content.ts',
      'pdf/fp10-fields.ts',
      'pdf/fp10-plain-form.ts',
      'pdf/fp10-calibration.ts',
    ];
    for (const file of free) expect(loading).not.toContain(file);
  });
});
