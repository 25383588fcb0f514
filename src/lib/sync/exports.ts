/** The on-demand part of sync that packs files: the encrypted backup and its restore. */
export { BackupError, exportBackup, restoreBackup } from './backup';
