#!/usr/bin/env node
import { loadConfig, seedDemo } from '@guanjia/server/runtime';
import { openRuntime } from './runtime.ts';
import { serve } from './commands/serve.ts';
import { loadCalendarFile } from './commands/calendar.ts';
import { demoLoginsText, hasOrganizations } from './commands/seed.ts';

const USAGE = `guanjia <command>

  serve [--demo]   start the HTTP server (--demo: seed the demo company into an empty database)
  migrate          bring the database schema up to date
  seed             seed the demo company (refused if the database already has an organization)
  calendar load <file.json> [--org CODE]
                   load published holidays and make-up working days (one year, or {"years": {...}})

Environment: DATABASE_URL (postgres://… ; default: SQLite file data/guanjia.sqlite), HOST, PORT (3000),
GUANJIA_DATA_DIR (data), GUANJIA_SECRET_KEY (64 hex chars), GUANJIA_SQLITE_SYNCHRONOUS (NORMAL|FULL).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve({ demo: rest.includes('--demo') });
      return -1; // keeps running
    case 'migrate': {
      const { deps } = await openRuntime();
      console.log(`migrated: ${deps.database.dialect} ${deps.database.location}`);
      await deps.database.close();
      return 0;
    }
    case 'seed': {
      const { deps } = await openRuntime();
      if (await hasOrganizations(deps)) {
        console.error('数据库中已有组织，未写入演示数据 (the database already has an organization; nothing seeded)');
        await deps.database.close();
        return 3;
      }
      await seedDemo(deps);
      console.log(demoLoginsText(`http://${loadConfig().host}:${loadConfig().port}`));
      await deps.database.close();
      return 0;
    }
    case 'calendar': {
      const [sub, file] = rest;
      if (sub !== 'load' || !file) {
        console.error('usage: guanjia calendar load <file.json> [--org CODE]');
        return 2;
      }
      const orgFlag = rest.indexOf('--org');
      return loadCalendarFile(file, orgFlag >= 0 ? rest[orgFlag + 1] : undefined);
    }
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
