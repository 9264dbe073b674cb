#!/usr/bin/env node
import { loadConfig, openRuntime, seedDemo } from '@guanjia/server/runtime';
import { admin } from './commands/admin.ts';
import { backup, restore } from './commands/backup.ts';
import { loadCalendarFile } from './commands/calendar.ts';
import { importCommand } from './commands/import.ts';
import { init } from './commands/init.ts';
import { demoLoginsText, demoRefusedInProduction, hasOrganizations } from './commands/seed.ts';
import { serve } from './commands/serve.ts';

const USAGE = `guanjia <command>

  init             first run: create the organization and its first administrator (once per database)
                   [--org-code C --org-name N --admin-username U --admin-name N --admin-password P]
                   (GUANJIA_ADMIN_PASSWORD instead of --admin-password; asked for when run in a terminal)
  serve [--demo]   start the HTTP server (--demo: seed the demo company into an empty database;
                   refused under NODE_ENV=production)
  migrate          bring the database schema up to date
  seed             seed the demo company (refused if the database already has an organization, or in production)
  admin reset-password <username> [--password P] [--reset-two-factor]
                   a new (temporary) password for a locked-out account: clears the lockout, ends its sessions and API
                   tokens, asks for a new password at the next sign-in (--reset-two-factor: also turns off two-step verification)
  backup <file>    an online, consistent backup of the database and the attachment files (not the secret key)
  restore <file>   restore a backup into an empty database and data folder
  import <units|owners|staff> <file.xlsx> --as <username> [--apply] [--skip-problem-rows]
                   the dry run (预检) of a workbook as that staff member; --apply then imports it with a progress bar
                   (rows with problems only with --skip-problem-rows); run again to resume an interrupted apply
  calendar load <file.json> [--org CODE]
                   load published holidays and make-up working days (one year, or {"years": {...}})

Environment: DATABASE_URL (postgres://… ; default: SQLite file data/guanjia.sqlite), HOST, PORT (3000),
GUANJIA_DATA_DIR (data), GUANJIA_SECRET_KEY (64 hex chars), GUANJIA_SQLITE_SYNCHRONOUS (NORMAL|FULL), NODE_ENV.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve({ demo: rest.includes('--demo') });
    case 'init':
      return init(rest);
    case 'admin':
      return admin(rest);
    case 'import':
      return importCommand(rest);
    case 'backup':
      return backup(rest);
    case 'restore':
      return restore(rest);
    case 'migrate': {
      const { deps } = await openRuntime();
      console.log(`migrated: ${deps.database.dialect} ${deps.database.location}`);
      await deps.database.close();
      return 0;
    }
    case 'seed': {
      if (demoRefusedInProduction()) return 3;
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
