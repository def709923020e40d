// The app of vite.config.ts as its next release might be: the same code with one more database
// version, so that opening it upgrades the database. Its upgrade, as a real migration would, reads
// the consultations as they are at that moment, and keeps what it saw in an extra table, so a
// test can tell whether anything was written by an older tab after the upgrade. The browser test
// of an upgrade made from another tab serves this build to one tab while another runs BUILD_A.
// Nothing in src/ knows about it; if database.ts changes shape so the version cannot be added,
// the build fails rather than quietly testing nothing.
import { resolve } from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import appConfig from '../../vite.config.ts';

const DATABASE = resolve('src/db/database.ts');
/** The end of database.ts: the constructor's closing brace, then the class's. */
const END_OF_CONSTRUCTOR = /\n {2}\}\n\}\n?$/;

function oneMoreDatabaseVersion(): Plugin {
  return {
    name: 'lifeboat-test-next-schema',
    enforce: 'pre',
    transform(code, id) {
      if (id !== DATABASE) return null;
      if (!END_OF_CONSTRUCTOR.test(code)) throw new Error('next-schema build: src/db/database.ts no longer ends with the database constructor');
      const extra = `
    this.version(Math.round(this.verno) + 1)
      .stores({ nextReleaseProbe: 'id' })
      .upgrade(async (tx) => {
        const rows = await tx.table('consultations').toArray();
        const seen = rows.map((row) => ({ id: row.id, updatedAt: row.updatedAt, payload: JSON.stringify(row.payload) }));
        await tx.table('nextReleaseProbe').put({ id: 'consultations-at-upgrade', rows: seen });
      });
  }
}
`;
      return { code: code.replace(END_OF_CONSTRUCTOR, extra), map: null };
    },
  };
}

export default mergeConfig(appConfig, { plugins: [oneMoreDatabaseVersion()] });
