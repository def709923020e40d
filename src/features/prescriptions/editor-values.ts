/** What the prescription editor's form holds: the draft's content, every value as typed. */
import type { PrescriptionDraft, PrescriptionDraftDetails } from '../../domain/prescribing/prescription-record';

export type EditorValues = Pick<PrescriptionDraftDetails, 'kind' | 'items' | 'allergiesStatus' | 'allergies' | 'currentMedicinesStatus' | 'currentMedicines'>;

export function toEditorValues(draft: PrescriptionDraft): EditorValues {
  const { kind, items, allergiesStatus, allergies, currentMedicinesStatus, currentMedicines } = draft.data;
  return { kind, items, allergiesStatus, allergies, currentMedicinesStatus, currentMedicines };
}
