/**
 * QR codes on screen and from the camera, shared by the screens that move things between devices
 * (the reception hand-over, joining a practice). Drawing and reading are in lib/qr-image.ts, loaded only when used.
 */
import { useEffect, useRef, useState } from 'react';
import { canUseCamera, qrMatrix, readQrFromCanvas, type QrMatrix } from '../lib/qr-image';

/** `text` drawn as a QR code (an SVG path: nothing the Content Security Policy would refuse). */
export function QrCodeImage({ text, label, testId, otherwise = 'Use the file instead.' }: { text: string; label: string; testId?: string; otherwise?: string }) {
  const [drawn, setDrawn] = useState<{ text: string; matrix: QrMatrix } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrMatrix(text).then(
      (matrix) => live && setDrawn({ text, matrix }),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (problem) return <p className="nhsuk-error-message">Lifeboat could not draw the code: {problem}. {otherwise}</p>;
  const matrix = drawn?.text === text ? drawn.matrix : null;
  if (!matrix) return <p role="status">Drawing the code…</p>;
  return (
    <svg
      data-testid={testId}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${matrix.size} ${matrix.size}`}
      width="100%"
      style={{ maxWidth: '32rem', display: 'block', background: '#fff' }}
      shapeRendering="crispEdges"
    >
      <rect width={matrix.size} height={matrix.size} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
}

/** The camera, read a few times a second until a code is found. Stopped when it is, or when this leaves the screen. */
export function QrCameraScanner({ onRead, onStop, label }: { onRead: (text: string) => void; onStop: (problem: string | null) => void; label: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onRead, onStop });
  useEffect(() => {
    handlers.current = { onRead, onStop };
  });
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    const tick = async () => {
      const v = video.current;
      if (!live || !v) return;
      if (v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        canvas.getContext('2d', { willReadFrequently: true })?.drawImage(v, 0, 0);
        const text = await readQrFromCanvas(canvas).catch(() => null);
        if (text && live) {
          handlers.current.onRead(text);
          return;
        }
      }
      if (live) timer = window.setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      async (s) => {
        stream = s;
        if (!live || !video.current) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        video.current.srcObject = s;
        await video.current.play().catch(() => undefined);
        void tick();
      },
      () => handlers.current.onStop('Lifeboat cannot use the camera (it may not be allowed): choose a photo of the code, or the file, instead'),
    );
    return () => {
      live = false;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div>
      <video ref={video} muted playsInline aria-label={label} style={{ width: '100%', maxWidth: '28rem' }} />
      <p>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onStop(null)}>
          Stop the camera
        </button>
      </p>
    </div>
  );
}

/**
 * "Scan with the camera", where the device has one: the button, then the camera until a code is
 * read (`onRead`) or it stops, with the reason when it could not be used (`onProblem`).
 */
export function ScanWithCamera({ onRead, onProblem }: { onRead: (text: string) => void; onProblem: (message: string) => void }) {
  const [scanning, setScanning] = useState(false);
  if (scanning) {
    return (
      <QrCameraScanner
        label="Camera view: point it at the code on the other device"
        onRead={(text) => {
          setScanning(false);
          onRead(text);
        }}
        onStop={(problem) => {
          setScanning(false);
          if (problem) onProblem(problem);
        }}
      />
    );
  }
  if (!canUseCamera()) return null;
  return (
    <p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setScanning(true)}>
        Scan with the camera
      </button>
    </p>
  );
}

