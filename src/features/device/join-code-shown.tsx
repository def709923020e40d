/**
 * The join code, drawn as a QR code, with the one-time passphrase to type on the other device.
 * Both live only in the parent's state: leaving the screen, or "Done", forgets them.
 */
import { QrCodeImage } from '../../components/qr-code';
import type { JoinCode } from '../../db';
import { WarningCallout } from '../../components/warning-callout';

export function JoinCodeShown({ code, onDone }: { code: JoinCode; onDone: () => void }) {
  return (
    <>
      <p>On the new device, open Lifeboat, choose “Scan a code from a device already set up”, and scan this code ({code.staffCount} staff).</p>
      <QrCodeImage text={code.text} label="Join code for another device" testId="join-code" otherwise="Use “Make a file for another device” instead." />
      <p>Then type the one-time passphrase that opens it:</p>
      <p className="lifeboat-recovery-key__value lifeboat-mono" data-testid="join-code-passphrase">
        {code.oneTimePassphrase}
      </p>
      {code.includesRecovery ? null : (
        <div className="nhsuk-inset-text">
          <p>
            The practice’s recovery key did not fit in the code, so it will not open the new device: a forgotten passphrase there is reset by a
            colleague who can unlock it. To move the recovery key too, use “Make a file for another device” instead.
          </p>
        </div>
      )}
      <WarningCallout label="Show the code only to the new device" level={3}>
        <p>
          The code and the passphrase together open every record of the practice. Do not let anyone photograph them both, and never send them the same
          way. Lifeboat forgets them when you leave this page.
        </p>
      </WarningCallout>
      <button type="button" className="nhsuk-button" onClick={onDone}>
        Done: hide the code
      </button>
    </>
  );
}
