/**
 * Photos of paper: the camera on a phone or tablet, a file elsewhere. Each is resized and
 * re-encoded as it is chosen (src/lib/photo.ts) and shown as a thumbnail, to remove before saving.
 */
import { useCallback, useState } from 'react';
import type { PhotoInput } from '../../domain/attachment';
import { photoBlob, preparePhoto } from '../../lib/photo';

export function PhotoThumbnail({ photo, alt, testId }: { photo: Pick<PhotoInput, 'mediaType' | 'dataBase64' | 'width' | 'height'>; alt: string; testId?: string }) {
  // The object URL is made when the image element mounts and revoked when it unmounts or the
  // photo changes (a React 19 ref cleanup), so no URL outlives the screen.
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img) return;
      const url = URL.createObjectURL(photoBlob(photo));
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [photo],
  );
  return <img ref={attach} alt={alt} width={photo.width} height={photo.height} className="lifeboat-photo" data-testid={testId} style={{ maxWidth: '100%', height: 'auto' }} />;
}

export function PhotoPicker({ id, photos, onChange, error, firstNumber = 1 }: { id: string; photos: PhotoInput[]; onChange: (photos: PhotoInput[]) => void; error?: string | undefined; firstNumber?: number }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = error ?? problem ?? undefined;

  async function add(files: FileList | null) {
    if (!files || files.length === 0) return;
    setBusy(true);
    setProblem(null);
    const added: PhotoInput[] = [];
    try {
      for (const file of Array.from(files)) added.push(await preparePhoto(file, firstNumber + photos.length + added.length));
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
      onChange([...photos, ...added]);
    }
  }

  return (
    <div className={`nhsuk-form-group${shown ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        Photos of the paper prescription
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        Take a photo of each side that has writing, flat and in good light, so every word can be read. On a computer, choose the picture files.
      </div>
      {shown ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {shown}
        </span>
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        className="nhsuk-file-upload"
        aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          const input = e.currentTarget;
          void add(input.files).then(() => {
            input.value = '';
          });
        }}
      />
      {busy ? <p role="status">Preparing the photos…</p> : null}
      {photos.length > 0 ? (
        <ul className="nhsuk-list lifeboat-photo-list" data-testid="photo-previews">
          {photos.map((photo, index) => (
            <li key={`${index}-${photo.dataBase64.length}`} style={{ maxWidth: '16rem' }}>
              <PhotoThumbnail photo={photo} alt={`Photo ${index + 1} of the paper prescription`} testId="photo-preview" />
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChange(photos.filter((_, i) => i !== index))}>
                Remove photo {index + 1}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
