import { Button, Image, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../shared/i18n';

export type AttachmentMeta = { id: string; filename: string; contentType: string; sizeBytes: number };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The files of one event: photos as thumbnails (click to enlarge), PDFs (signed work orders, scanned
 * forms) as a named file that opens in a preview dialog — the browser's own PDF viewer — or a new tab.
 */
export function AttachmentList({ ids, meta }: { ids: readonly string[]; meta: ReadonlyMap<string, AttachmentMeta> }) {
  if (ids.length === 0) return null;
  return (
    <Space wrap>
      {ids.map((id) => {
        const m = meta.get(id);
        return m?.contentType === 'application/pdf' ? <PdfFile key={id} file={m} /> : <Image key={id} width={96} src={`/api/attachments/${id}`} alt={m?.filename ?? ''} />;
      })}
    </Space>
  );
}

function PdfFile({ file }: { file: AttachmentMeta }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const url = `/api/attachments/${file.id}`;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-attachment-pdf={file.filename}><Tag color="red" style={{ marginInlineEnd: 6 }}>PDF</Tag>{file.filename} · {sizeText(file.sizeBytes)}</Button>
      <Modal open={open} title={file.filename} width={900} footer={<a href={url} target="_blank" rel="noreferrer">{t.openInNewTab}</a>} onCancel={() => setOpen(false)} destroyOnHidden>
        <iframe title={file.filename} src={url} style={{ width: '100%', height: '70vh', border: 0 }} data-testid="pdf-preview" />
        <Typography.Text type="secondary">{file.contentType}</Typography.Text>
      </Modal>
    </>
  );
}
