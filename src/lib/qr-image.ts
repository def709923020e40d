/**
 * QR codes in and out, loaded only when needed (dynamic import) so neither library is in the
 * first-load bundle. Drawing: `uqr` gives the module matrix, which the caller renders as an SVG
 * path (no innerHTML, nothing the Content Security Policy would refuse). Reading: the browser's
 * BarcodeDetector where it has one (Safari on iOS 17+, Chrome on Android and macOS), otherwise
 * `jsqr` on the pixels.
 */

export interface QrMatrix {
  size: number;
  /** An SVG path of one unit square per dark module, offset by the quiet zone. */
  path: string;
}

/** The matrix of a QR code for `text`, at the highest error correction level it fits (L at least). */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  const { encode } = await import('uqr');
  const qr = encode(text, { ecc: 'L', boostEcc: true, border: 4 });
  let path = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size: qr.size, path };
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function nativeDetector(): BarcodeDetectorLike | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (!ctor) return null;
  try {
    return new ctor({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/** Reads a QR code from pixels on a canvas; null if none is found. */
export async function readQrFromCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
  const native = nativeDetector();
  if (native) {
    try {
      const found = await native.detect(canvas);
      if (found[0]) return found[0].rawValue;
    } catch {
      // Fall through to jsQR.
    }
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const { default: jsQR } = await import('jsqr');
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Reads a QR code from a photo; null if none is found. Large photos are scaled down first. */
export async function readQrFromImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 2000 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return readQrFromCanvas(canvas);
}

export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}
