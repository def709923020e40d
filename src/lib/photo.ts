/**
 * Photos of paper, prepared in the browser before they are stored: turned upright (EXIF),
 * scaled to at most 1600 px on the long side and re-encoded as JPEG at quality 0.8, so a phone
 * photo becomes some 200–400 KB. And back again: a stored photo as an object URL to show.
 */
import { fromBase64, toBase64 } from '../crypto/bytes';
import type { AttachmentMediaType, PhotoInput } from '../domain/attachment';

export const PHOTO_MAX_EDGE_PX = 1600;
export const PHOTO_JPEG_QUALITY = 0.8;

export class PhotoUnreadable extends Error {
  constructor(message = 'This file could not be read as a picture: choose a photo (JPEG, PNG or HEIC from the camera)') {
    super(message);
    this.name = 'PhotoUnreadable';
  }
}

/** The size to draw at: the long side at most `maxEdge`, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge = PHOTO_MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoUnreadable('This browser cannot resize photos');
    context.fillStyle = '#fff'; // a transparent PNG becomes white paper, not black
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoUnreadable('This browser cannot resize photos');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoUnreadable('The photo could not be saved as JPEG'))), 'image/jpeg', PHOTO_JPEG_QUALITY));
}

/** A picture file (camera or disk) → a resized JPEG ready to store, named `Photo <n>.jpg`. */
export async function preparePhoto(file: Blob, number: number): Promise<PhotoInput> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoUnreadable();
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const jpeg = await encodeJpeg(bitmap, size.width, size.height);
    const bytes = new Uint8Array(await jpeg.arrayBuffer());
    return { fileName: `Photo ${number}.jpg`, mediaType: 'image/jpeg', width: size.width, height: size.height, dataBase64: toBase64(bytes) };
  } finally {
    bitmap.close();
  }
}

/** A stored photo as a Blob, to show through an object URL (revoke it when done). */
export function photoBlob(photo: { mediaType: AttachmentMediaType; dataBase64: string }): Blob {
  return new Blob([fromBase64(photo.dataBase64)], { type: photo.mediaType });
}
