import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_KINDS, type ImportKind } from '@guanjia/core';
import { importFromCli, openRuntime } from '@guanjia/server/runtime';
import { reportRefusal } from '../errors.ts';

const USAGE = `usage: guanjia import <units|owners|staff> <file.xlsx> --as <username> [--apply] [--skip-problem-rows]`;
const KIND_NAMES: Record<ImportKind, string> = { units: '楼栋房屋', owners: '业主花名册', staff: '员工' };
/** Problem rows printed at most (the console and the report workbook show them all). */
const SHOWN_PROBLEMS = 30;

/** A progress bar on stderr: [#######-------] 7/14. */
function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r导入 importing [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

/**
 * guanjia import <kind> <file> --as <username>: the dry run (预检) of a workbook, printed as counts and
 * the rows with problems; with --apply, then the apply with a progress bar (chunk by chunk). Running
 * it again after an interrupted apply resumes that apply. As the named staff member: their
 * capabilities and projects decide what the file may change.
 */
export async function importCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { as: { type: 'string' }, apply: { type: 'boolean' }, 'skip-problem-rows': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [kind, file] = positionals;
  if (!kind || !file || positionals.length > 2 || !values.as || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(`无法读取文件 cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const { deps } = await openRuntime();
  const interactive = process.stderr.isTTY;
  let lastShown = -1;
  const onProgress = (done: number, total: number) => {
    // a terminal gets one line redrawn; a log gets a line per tenth
    if (interactive) process.stderr.write(progressBar(done, total));
    else if (total > 0 && (done === total || Math.floor((done / total) * 10) !== lastShown)) {
      lastShown = Math.floor((done / total) * 10);
      process.stderr.write(`${progressBar(done, total).slice(1)}\n`);
    }
  };
  try {
    const result = await importFromCli(
      deps,
      { username: values.as, kind: kind as ImportKind, bytes, filename: basename(file), apply: !!values.apply, skipProblemRows: !!values['skip-problem-rows'] },
      onProgress,
    );
    if (interactive && values.apply) process.stderr.write('\n');
    if (result.resumed) {
      console.log(`已继续完成中断的导入 resumed the interrupted import ${result.applied.id}`);
    } else {
      const d = result.dryRun;
      if (d.missingColumns.length) {
        console.error(`表格缺少必填列 the sheet lacks required columns: ${d.missingColumns.join('、')}（第一行应为列名 the first row holds the headers）`);
        return 2;
      }
      console.log(`${KIND_NAMES[kind as ImportKind]}预检 dry run ${d.id}: ${d.rows} 行 rows`);
      console.log(`  新建 create ${d.counts.create}  更新 update ${d.counts.update}  不变 unchanged ${d.counts.skip}  有问题 problems ${d.counts.error}`);
      const problems = d.report.filter((r) => r.problems.length);
      for (const r of problems.slice(0, SHOWN_PROBLEMS))
        console.log(`  第 ${r.rowNumber} 行 row: ${r.problems.map((p) => (p.header ? `${p.header}：${p.message}` : p.message)).join('；')}`);
      if (problems.length > SHOWN_PROBLEMS || d.reportTruncated) console.log(`  … 完整报告 full report: GET /api/imports/${d.id}/report`);
      if (!values.apply) console.log('未写入任何数据；加 --apply 执行导入 (nothing written; add --apply to import)');
    }
    if (result.applied) {
      const a = result.applied;
      console.log(`已导入 imported: ${a.chunksDone}/${a.chunksTotal} 批 chunks, ${a.counts.create} 新建 created, ${a.counts.update} 更新 updated`);
    }
    return 0;
  } catch (error) {
    if (interactive) process.stderr.write('\n');
    return reportRefusal(error, { as: '--as', skipProblemRows: '--skip-problem-rows', body: file, id: 'import' });
  } finally {
    await deps.database.close();
  }
}
