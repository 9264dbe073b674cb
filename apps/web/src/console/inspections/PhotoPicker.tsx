import { Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { upload, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { it } from './inspection-text';

interface Photo {
  key: string;
  preview: string;
  id: string | null;
  error: string | null;
}

/**
 * Photos from the phone's camera (`accept="image/*" capture="environment" multiple`), each uploaded as
 * soon as it is taken — the server takes only photos uploaded after the scan (or since the defect was
 * found) — and shown as thumbnails, removable. Tells its owner the uploaded ids and whether any is
 * still on its way.
 */
export function usePhotoPicker(testId: string) {
  const { lang } = useI18n();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((u) => URL.revokeObjectURL(u)), []);
  const take = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      setPhotos((list) => [...list, { key, preview, id: null, error: null }]);
      upload(file).then(
        (r) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, id: r.id } : p))),
        (e: ApiError) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, error: e.message } : p))),
      );
    }
  };
  const view = (
    <>
      {/* the native input stays hidden: its button text is the browser's own language */}
      <input
        ref={picker}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid={`${testId}-input`}
        onChange={(e) => {
          take([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <Space wrap size={8} style={{ display: 'flex', marginTop: 4 }}>
        {photos.map((p) => (
          <div key={p.key} style={{ position: 'relative' }} data-testid={testId} data-uploaded={p.id ? 'true' : 'false'}>
            <img src={p.preview} alt="" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4, opacity: p.id ? 1 : 0.5 }} />
            <Button
              size="small"
              shape="circle"
              danger
              style={{ position: 'absolute', top: -6, right: -6 }}
              aria-label={it('removePhoto', lang)}
              onClick={() => setPhotos((list) => list.filter((x) => x.key !== p.key))}
            >
              ×
            </Button>
            {!p.id && !p.error && <div style={{ fontSize: 11 }}>{it('uploading', lang)}</div>}
            {p.error && <div style={{ fontSize: 11, color: '#cf1322', maxWidth: 72 }}>{p.error}</div>}
          </div>
        ))}
        <Button onClick={() => picker.current?.click()} style={{ height: 72 }} data-testid={`${testId}-take`}>
          {it('takePhoto', lang)}
        </Button>
      </Space>
    </>
  );
  return {
    view,
    ids: photos.filter((p) => p.id).map((p) => p.id!),
    uploading: photos.some((p) => !p.id && !p.error),
  };
}
