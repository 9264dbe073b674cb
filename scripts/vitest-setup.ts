// Every test process: exceljs's UTF-8 fix before any test file imports exceljs itself (apps/server/src/services/excel.ts).
import { installExcelUtf8Fix } from '@guanjia/server/excel';

installExcelUtf8Fix();
