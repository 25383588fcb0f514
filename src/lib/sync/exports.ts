/** The on-demand part of sync that packs files: backups and the accountant's ZIP. */
export { accountantCsv, buildAccountantZip, CSV_COLUMNS, isIssued } from './accountant-export';
export { BackupError, exportBackup, restoreBackup } from './backup';
