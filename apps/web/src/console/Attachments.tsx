import { Button, Image, Space, Tag } from 'antd';

export type AttachmentMeta = { id: string; filename: string; contentType: string; sizeBytes: number };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The files of one event: photos as thumbnails (click to enlarge), PDFs (signed work orders, scanned
 * forms) as a named file to download — the server sends anything but a photo as a download, so no
 * file of a case is ever opened as a page of ours.
 */
export function AttachmentList({ ids, meta }: { ids: readonly string[]; meta: ReadonlyMap<string, AttachmentMeta> }) {
  if (ids.length === 0) return null;
  return (
    <Space wrap>
      {ids.map((id) => {
        const m = meta.get(id);
        return m?.contentType === 'application/pdf' ? (
          <PdfFile key={id} file={m} />
        ) : (
          <Image key={id} width={96} src={`/api/attachments/${id}`} alt={m?.filename ?? ''} />
        );
      })}
    </Space>
  );
}

function PdfFile({ file }: { file: AttachmentMeta }) {
  return (
    <Button href={`/api/attachments/${file.id}`} download={file.filename} data-attachment-pdf={file.filename}>
      <Tag color="red" style={{ marginInlineEnd: 6 }}>
        PDF
      </Tag>
      {file.filename} · {sizeText(file.sizeBytes)}
    </Button>
  );
}
