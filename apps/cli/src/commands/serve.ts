import {
  buildApp,
  closeChannelAdapters,
  createChannelAdapters,
  DeliveryWorker,
  loadConfig,
  openRuntime,
  PlannerStatistics,
  SlaScheduler,
} from '@guanjia/server/runtime';
import { demoLoginsText, demoRefusedInProduction, hasOrganizations, seedDemoIfEmpty } from './seed.ts';

export async function serve(options: { demo: boolean }): Promise<number> {
  if (options.demo && demoRefusedInProduction()) return 3;
  const config = loadConfig();
  const { deps } = await openRuntime(config);
  if (options.demo && (await seedDemoIfEmpty(deps))) console.log('已创建演示公司 Demo company seeded.');
  else if (!(await hasOrganizations(deps)))
    console.log('数据库中还没有组织：请先运行 guanjia init (no organization yet: run guanjia init first, or serve --demo for the demo company)');
  const appDeps = { ...deps, logger: { level: config.logLevel }, requestLog: config.requestLog };
  const app = await buildApp(appDeps);
  // SLA warnings and escalations; several processes may run it on one PostgreSQL (each alert once)
  const scheduler = new SlaScheduler(appDeps, (error) => app.log.error({ err: error }, 'SLA scheduler tick failed'));
  scheduler.start();
  // messages out of the outbox to their channels; several processes may run it on one PostgreSQL (each delivery claimed once)
  const adapters = createChannelAdapters();
  const delivery = new DeliveryWorker(appDeps, { adapters, leaseSeconds: config.deliveryLeaseSeconds }, (error) =>
    app.log.error({ err: error }, 'delivery tick failed'),
  );
  delivery.start();
  // the query planner's statistics (SQLite: PRAGMA optimize now and every few hours)
  const statistics = new PlannerStatistics(deps.database, (error) => app.log.error({ err: error }, 'planner statistics refresh failed'));
  statistics.start();
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`Guanjia 管家 listening on ${address} (database: ${deps.database.dialect} ${deps.database.location})`);
  if (options.demo) console.log(demoLoginsText(address));
  const stop = async () => {
    await scheduler.stop();
    await delivery.stop();
    await closeChannelAdapters(adapters);
    statistics.stop();
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1; // keeps running
}
