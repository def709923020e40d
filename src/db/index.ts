/**
 * What the rest of the app may use from storage. Features import from 'src/db' only, never
 * Dexie, never a table: every write validates, writes and audits in one transaction here.
 */
export { getDatabase, useDatabase } from './context';
export { LifeboatDatabase, DATABASE_NAME } from './database';
export { getDeviceSettings, updateDeviceSettings, recordPersistentStorageAnswer } from './device-repository';
export { completeSetup, type SetupInput, type SetupResult } from './setup-repository';
export { getPractice, updatePractice } from './practice-repository';
export { listStaff, getStaffMember, addStaff, removeStaff, switchUser } from './staff-repository';
export { listAuditFor, listRecentAudit } from './audit-repository';
export { listQuarantined } from './quarantine-repository';
export { getStorageStatus, subscribeToStorageStatus, type StorageStatus } from './storage-status';
export { type StorageProblem } from './storage-errors';
export { ValidationFailure, hasPendingWrites } from './write-guard';
export { watchDatabaseConnection } from './connection-events';
export { watchQuery } from './live';
export { countDrafts, countUnprintedPrescriptions } from './draft-counts';
export {
  initialiseKeyring,
  listUnlockableUsers,
  hasUserSlot,
  unlock,
  lock,
  resetPassphraseWithRecoveryKey,
  changePassphrase,
  setPassphraseFor,
  protectExistingRecords,
  prepareNewPracticeKeys,
  UnlockRefused,
} from './security-repository';
export { makeJoinFile, joinPractice, JOIN_FILE_MAX_BYTES, type JoinFile, type JoinInput, type JoinResult } from './join-repository';
export { makeJoinCode, openJoinCodeForJoining, joinPracticeWithCode, JOIN_CODE_MAX_CHARS, type JoinCode, type OpenedJoinCode, type JoinWithCodeInput } from './join-code-repository';
export { getKeyringState, subscribeToKeyring, saveBeforeLock, LockedError, type KeyringState } from './keyring';
export { listPatients, getPatient, findPatients, findPatientByNhsNumber, addPatient, updatePatient, PossibleDuplicatePatient } from './patient-repository';
export {
  getConsultation,
  listConsultations,
  listConsultationsForPatient,
  startConsultation,
  saveDraft,
  signConsultationRecord,
  addAddendumTo,
  discardConsultation,
  recordConsultationAccess,
  ConsultationRefused,
} from './consultation-repository';
export { listQueue, getQueueEntry, logWalkIn, changeQueueStatus, takePatient, isTodayInLondon, type LogWalkInInput } from './queue-repository';
export {
  getPrescription,
  listPrescriptions,
  listPrescriptionsForPatient,
  listFp10Register,
  listFp10FormsFor,
  listRecentMedicines,
  startPrescription,
  savePrescriptionDraft,
  discardPrescriptionDraft,
  checkPrescriptionForPrinting,
  printPrescription,
  recordPrescriptionCopy,
  cancelPrescription,
  replacePrescription,
  markFp10FormSpoiled,
  PrescriptionRefused,
  type PrescriptionStart,
  type PrintRequest,
} from './prescription-repository';
export { importAppointments, type AppointmentImportResult } from './appointment-import-repository';
export { makeHandover, previewHandover, acceptHandover, type MadeHandover, type HandoverPreview, type HandoverPreviewItem, type HandoverResult } from './handover-repository';
export {
  recordHandwrittenPrescription,
  addHandwrittenPrescriptionPhotos,
  checkHandwrittenPrescription,
  listAttachmentsFor,
  supersedeAttachment,
  HandwrittenPrescriptionRefused,
} from './handwritten-prescription-repository';
