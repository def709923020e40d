/**
 * FP10SS alignment for this device's printer: offsets in millimetres, kept in this device's
 * settings, and a test page that prints the field boxes to hold against a form. Printers drift
 * by about 1.5 mm, so each device keeps its own.
 */
import { useState } from 'react';
import { updateDeviceSettings } from '../../db';
import { MAX_FP10_OFFSET_MM } from '../../domain/device';
import { TextInput } from '../../components/form-fields';
import { downloadBlob } from '../../lib/download';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';

function readOffset(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= MAX_FP10_OFFSET_MM ? value : null;
}

export function CalibrationScreen() {
  const session = useSession();
  const [x, setX] = useState(String(session.device.fp10OffsetXmm));
  const [y, setY] = useState(String(session.device.fp10OffsetYmm));
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const offsetX = readOffset(x);
  const offsetY = readOffset(y);
  const message = `Enter millimetres between -${MAX_FP10_OFFSET_MM} and ${MAX_FP10_OFFSET_MM}, like 1.5 or -2`;

  async function save() {
    setSaved(false);
    if (offsetX === null || offsetY === null) return;
    await updateDeviceSettings({ fp10OffsetXmm: offsetX, fp10OffsetYmm: offsetY });
    setSaved(true);
  }

  async function testPage() {
    setProblem(null);
    if (offsetX === null || offsetY === null) return;
    try {
      const pdf = await import('../../pdf/prescription-pdf');
      downloadBlob('lifeboat-fp10-test-page.pdf', await pdf.buildCalibrationTestPdf({ offsetXmm: offsetX, offsetYmm: offsetY }));
    } catch (error) {
      setProblem(`The test page could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <>
      <h1>Printer alignment for FP10SS forms</h1>
      <p>
        Print a test page onto plain paper, hold it against an FP10SS form up to the light, and move the fields until they sit in the form’s boxes. These settings are
        for <strong>{session.device.label}</strong> only.
      </p>
      <TextInput id="offset-x" label="Move right by (mm)" hint="Negative moves left" width={5} inputMode="decimal" error={offsetX === null ? message : undefined} value={x} onChange={(e) => setX(e.currentTarget.value)} />
      <TextInput id="offset-y" label="Move down by (mm)" hint="Negative moves up" width={5} inputMode="decimal" error={offsetY === null ? message : undefined} value={y} onChange={(e) => setY(e.currentTarget.value)} />
      {saved ? (
        <p className="nhsuk-inset-text" role="status">
          Saved for this device.
        </p>
      ) : null}
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <div className="nhsuk-button-group">
        <button type="button" className="nhsuk-button" onClick={() => void save()}>
          Save alignment
        </button>{' '}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void testPage()}>
          Print a test page
        </button>
      </div>
      <p>
        <Link to="/device">Back to this device</Link>
      </p>
    </>
  );
}
