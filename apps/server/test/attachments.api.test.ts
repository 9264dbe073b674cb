import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A PNG header: the 8-byte signature and an IHDR chunk (width × height, 8-bit RGB). */
function png(width = 1, height = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
}

/** Small but real files of each accepted type. */
const SAMPLES = {
  pdf: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>\nendobj\n%%EOF\n', 'latin1'),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]),
  gif: Buffer.from('474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex'),
  webp: Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(8)]),
};

const upload = (token: string | null, body: Buffer, contentType = 'image/png', filename = 'photo.png') =>
  t.request(token, {
    method: 'POST',
    url: `/api/attachments?filename=${encodeURIComponent(filename)}`,
    headers: { 'content-type': contentType },
    payload: body,
  });
/** RFC 6266: an ASCII fallback name, then the real one in RFC 5987 encoding. */
const disposition = (kind: 'inline' | 'attachment', fallback: string, name: string) =>
  `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const download = (token: string, id: string) => t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: { authorization: `Bearer ${token}` } });
const command = (token: string, caseId: string, cmd: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${caseId}/commands`, payload: { command: cmd } });

describe('upload and download', () => {
  it('stores a small PNG: id, size and sha256; the uploader downloads the same bytes with the same type', async () => {
    const agent = await t.login('agent1');
    const bytes = png(3, 2);
    expect(bytes.length).toBe(33);
    const before = await t.count('attachments');
    const res = await upload(agent, bytes, 'image/png', '漏水照片.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      filename: '漏水照片.png',
      contentType: 'image/png',
      sizeBytes: 33,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedByKind: 'staff',
      uploadedById: t.a.staff.agent1,
      caseId: null,
      createdAt: '2026-11-25T02:00:00.000Z',
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toHaveProperty('storageKey');
    expect(res.body).not.toHaveProperty('organizationId');
    expect(await t.count('attachments')).toBe(before + 1);

    const got = await download(agent, res.body.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toMatch(/^image\/png/);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers['content-disposition']).toBe(disposition('inline', '____.png', '漏水照片.png'));
    // nothing in the bytes is ever run: no sniffing, a sandboxed page of its own, not cached
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox");
    expect(got.headers['cache-control']).toBe('private, no-store');
  });

  it('a content type with parameters and upper case is accepted; the same bytes twice are two attachments', async () => {
    const agent = await t.login('agent1');
    const bytes = png(8, 8);
    const first = await upload(agent, bytes, 'IMAGE/PNG; charset=binary');
    const second = await upload(agent, bytes);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.contentType).toBe('image/png');
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect((await download(agent, first.body.id)).rawPayload.equals(bytes)).toBe(true);
    expect((await download(agent, second.body.id)).rawPayload.equals(bytes)).toBe(true);
  });

  it('PDF, JPEG, GIF and WebP by their magic bytes too; the images inline, the PDF only as a download', async () => {
    const agent = await t.login('agent1');
    for (const [type, body] of [
      ['application/pdf', SAMPLES.pdf],
      ['image/jpeg', SAMPLES.jpeg],
      ['image/gif', SAMPLES.gif],
      ['image/webp', SAMPLES.webp],
    ] as const) {
      const name = `维修单.${type.split('/')[1]}`;
      const res = await upload(agent, body, type, name);
      expect(res.status, type).toBe(201);
      expect(res.body.contentType).toBe(type);
      const got = await download(agent, res.body.id);
      expect(got.rawPayload.equals(body)).toBe(true);
      expect(got.headers['content-type']).toMatch(new RegExp(`^${type}`));
      expect(got.headers['content-disposition']).toBe(disposition(type === 'application/pdf' ? 'attachment' : 'inline', `___.${type.split('/')[1]}`, name));
      expect(got.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses other types, content that does not match its type, an empty body and an oversized one, storing nothing', async () => {
    const agent = await t.login('agent1');
    const before = await t.count('attachments');
    const text = await upload(agent, Buffer.from('hello'), 'text/plain', 'a.txt');
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED', field: 'content-type' });
    const html = await upload(agent, Buffer.from('<script>alert(1)</script>'), 'text/html');
    expect(html.status).toBe(415);
    const svg = await upload(agent, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect(svg.status).toBe(415);
    const disguised = await upload(agent, Buffer.from('<html><body>not a picture</body></html>'), 'image/png');
    expect(disguised.status).toBe(415);
    expect(disguised.body).toMatchObject({ code: 'ATTACHMENT_CONTENT_MISMATCH', field: 'body' });
    const jpegAsPng = await upload(agent, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0]), 'image/png');
    expect(jpegAsPng.body.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
    const onlySignature = await upload(agent, png().subarray(0, 8), 'image/png');
    expect(onlySignature.body.code).toBe('ATTACHMENT_CONTENT_MISMATCH');
    const empty = await upload(agent, Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(400);
    const tooBig = await upload(agent, Buffer.concat([png(), Buffer.alloc(t.deps.limits.attachmentBytes)]), 'image/png');
    expect(tooBig.status).toBe(413);
    expect(await t.count('attachments')).toBe(before);
    expect((await upload(null, png())).status).toBe(401);
  });

  it('a filename is only a label: path characters do not reach the disk or break the header', async () => {
    const agent = await t.login('agent1');
    const name = '../../etc/passwd"\r\nX-Evil: 1.png';
    const res = await upload(agent, png(), 'image/png', name);
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe(name);
    const got = await download(agent, res.body.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['x-evil']).toBeUndefined();
    expect(got.headers['content-disposition']).toBe(disposition('inline', '.._.._etc_passwd___X-Evil: 1.png', name));
  });

  it('unknown ids and other tenants are 404', async () => {
    const agent = await t.login('agent1');
    const mine = await upload(agent, png());
    const unknown = await download(agent, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body).code).toBe('ATTACHMENT_NOT_FOUND');
    const bAdmin = await t.login('b_admin');
    expect((await download(bAdmin, mine.body.id)).statusCode).toBe(404);
    // not yet on a case: nobody but the uploader, not even a company-wide admin
    expect((await download(await t.login('admin'), mine.body.id)).statusCode).toBe(404);
    expect((await download(await t.login('supervisor1'), mine.body.id)).statusCode).toBe(404);
  });
});

/** A PDF whose dictionaries sit in a compressed object stream (PDF 1.5+), as modern writers make them. */
function pdfWithObjectStream(objects: string): Buffer {
  const packed = deflateSync(Buffer.from(`1 0 ${objects}`, 'latin1'));
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ' + packed.length + ' >>\nstream\n', 'latin1'),
    packed,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

describe('what the bytes may carry', () => {
  const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`, 'latin1');
  const REFUSED: { name: string; type: string; body: Buffer; marker: string }[] = [
    {
      name: 'a PNG with an HTML tail',
      type: 'image/png',
      body: Buffer.concat([png(2, 2), Buffer.from('<html><body><script>fetch("/api/auth/me")</script></body></html>')]),
      marker: '<html',
    },
    {
      name: 'a PNG with an SVG in a text chunk (upper case)',
      type: 'image/png',
      body: Buffer.concat([png(2, 2), chunk('tEXt', Buffer.from('Comment\0<SVG onload=alert(1)>', 'latin1'))]),
      marker: '<SVG',
    },
    {
      name: 'a JPEG with a javascript: URL in its comment',
      type: 'image/jpeg',
      body: Buffer.concat([
        SAMPLES.jpeg.subarray(0, 4),
        Buffer.from([0xff, 0xfe, 0x00, 0x16]),
        Buffer.from('JavaScript:alert(1)//', 'latin1'),
        Buffer.from([0xff, 0xd9]),
      ]),
      marker: 'JavaScript:',
    },
    {
      name: 'a GIF that is also a web page',
      type: 'image/gif',
      body: Buffer.concat([SAMPLES.gif, Buffer.from('<!DOCTYPE html><p>hi', 'latin1')]),
      marker: '<!DOCTYPE',
    },
    {
      name: 'a WebP carrying a script tag',
      type: 'image/webp',
      body: Buffer.concat([SAMPLES.webp, Buffer.from('<script src=//evil.example/x.js>', 'latin1')]),
      marker: '<script',
    },
    {
      name: 'a PDF that runs JavaScript when opened',
      type: 'application/pdf',
      body: pdf('1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>\nendobj'),
      marker: '/JavaScript',
    },
    {
      name: 'a PDF with /JS spelled with a name escape',
      type: 'application/pdf',
      body: pdf('1 0 obj\n<< /AA << /O << /S /Whatever /J#53 4 0 R >> >> >>\nendobj'),
      marker: '/JS',
    },
    {
      name: 'a PDF that launches a program',
      type: 'application/pdf',
      body: pdf('1 0 obj\n<< /OpenAction << /S /Launch /F (cmd.exe) >> >>\nendobj'),
      marker: '/Launch',
    },
    {
      name: 'a PDF hiding JavaScript in a compressed object stream',
      type: 'application/pdf',
      body: pdfWithObjectStream('<< /S /JavaScript /JS (app.alert\\(1\\)) >>'),
      marker: '/JavaScript',
    },
    { name: 'an encrypted PDF (cannot be read through)', type: 'application/pdf', body: pdf('trailer\n<< /Root 1 0 R /Encrypt 9 0 R >>'), marker: '/Encrypt' },
  ];

  it.each(REFUSED)('refuses $name (415 ATTACHMENT_ACTIVE_CONTENT naming the body and the marker), storing nothing', async ({ type, body, marker }) => {
    const agent = await t.login('agent1');
    const before = await t.count('attachments');
    const res = await upload(agent, body, type, 'x');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'ATTACHMENT_ACTIVE_CONTENT', field: 'body' });
    expect(res.body.message).toContain(marker);
    const en = await t.request(agent, {
      method: 'POST',
      url: '/api/attachments?filename=x',
      headers: { 'content-type': type, 'accept-language': 'en' },
      payload: body,
    });
    expect(en.body.message).toMatch(/script/);
    expect(await t.count('attachments')).toBe(before);
  });

  it('accepts a large photo of noise (markers count only as a parser reads them) and checks it quickly', async () => {
    let seed = 9;
    const noise = Buffer.alloc(8 * 1024 * 1024, 0);
    for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const photo = Buffer.concat([SAMPLES.jpeg.subarray(0, 4), noise, Buffer.from('<svgs and <bodyguards, not tags', 'latin1')]);
    const started = Date.now();
    const res = await upload(await t.login('agent1'), photo, 'image/jpeg', 'noise.jpg');
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('accepts a PDF that only opens at page one and keeps its text in a compressed object stream', async () => {
    const agent = await t.login('agent1');
    const body = pdfWithObjectStream('<< /Type /Page /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>');
    const res = await upload(agent, body, 'application/pdf', '派工单.pdf');
    expect(res.status).toBe(201);
    expect((await upload(agent, SAMPLES.pdf, 'application/pdf')).status).toBe(201);
    expect((await download(agent, res.body.id)).headers['content-disposition']).toMatch(/^attachment; /);
  });
});

describe('attachments on a case', () => {
  let caseId: string;
  let photo: { id: string };
  const bytes = png(640, 480);

  it('an owner uploads a photo and attaches it to their case with a message', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const up = await upload(owner, bytes, 'image/png', '卫生间漏水.png');
    expect(up.status).toBe(201);
    // an owner's answer names the file only: no uploader ids, content hash or case
    expect(up.body).toEqual({
      id: expect.any(String),
      filename: '卫生间漏水.png',
      contentType: 'image/png',
      sizeBytes: bytes.length,
      createdAt: '2026-11-25T02:00:00.000Z',
    });
    photo = up.body;
    const uploaded = await (t.deps.database.db as any)
      .selectFrom('attachments')
      .select(['uploadedByKind', 'uploadedById', 'caseId'])
      .where('id', '=', photo.id)
      .executeTakeFirst();
    expect(uploaded).toEqual({ uploadedByKind: 'owner', uploadedById: z.id, caseId: null });
    const created = await t.request(owner, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '卫生间天花板漏水', unitId: z.unitId },
    });
    expect(created.status).toBe(201);
    caseId = created.body.case.id;
    const msg = await command(owner, caseId, { type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [photo.id] });
    expect(msg.status).toBe(200);
    expect(msg.body.events[0]).toMatchObject({ type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [photo.id] });
    const row = await (t.deps.database.db as any).selectFrom('attachments').select(['caseId']).where('id', '=', photo.id).executeTakeFirst();
    expect(row.caseId).toBe(caseId);
    // the event is in the history staff see
    const events = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${caseId}/events` });
    expect(events.body.find((e: { type: string }) => e.type === 'message').attachmentIds).toEqual([photo.id]);
  });

  it('staff of the case’s project can download it; BINJIANG staff and another owner get 404', async () => {
    for (const username of ['agent1', 'tech1', 'supervisor1', 'manager1', 'admin', 'quality']) {
      const got = await download(await t.login(username), photo.id);
      expect(got.statusCode, username).toBe(200);
      expect(got.rawPayload.equals(bytes)).toBe(true);
      expect(got.headers['content-type']).toMatch(/^image\/png/);
    }
    expect((await download(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), photo.id)).statusCode).toBe(200);
    for (const token of [
      await t.login('agent2'),
      await t.login('tech2'),
      await t.login('manager2'),
      await t.ownerLogin(t.a.owners.lina!.portalLogin),
      await t.ownerLogin(t.a.owners.liuyang!.portalLogin),
      await t.login('b_admin'),
      await t.login('b_agent1'),
    ]) {
      const got = await download(token, photo.id);
      expect(got.statusCode).toBe(404);
      expect(JSON.parse(got.body).code).toBe('ATTACHMENT_NOT_FOUND');
      expect(got.rawPayload.includes(bytes.subarray(0, 16))).toBe(false);
    }
  });

  it('lists the case’s files for previews: staff see the internal note’s PDF too, the owner only the photo, outsiders nothing', async () => {
    const agent = await t.login('agent1');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const scan = await upload(agent, pdf, 'application/pdf', '维修派工单.pdf');
    expect(scan.status).toBe(201);
    expect((await command(agent, caseId, { type: 'add_note', content: '派工单扫描件', attachmentIds: [scan.body.id] })).status).toBe(200);
    const staffView = await t.request(agent, { method: 'GET', url: `/api/cases/${caseId}/attachments` });
    expect(staffView.status).toBe(200);
    expect(staffView.body).toEqual([
      { id: photo.id, filename: '卫生间漏水.png', contentType: 'image/png', sizeBytes: bytes.length, createdAt: expect.any(String) },
      { id: scan.body.id, filename: '维修派工单.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, createdAt: expect.any(String) },
    ]);
    const ownerView = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: `/api/cases/${caseId}/attachments` });
    expect(ownerView.body.map((a: { id: string }) => a.id)).toEqual([photo.id]);
    // nor can the owner fetch the note's file by its id; staff of the case get it as a download
    const byId = await download(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), scan.body.id);
    expect([byId.statusCode, JSON.parse(byId.body).code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    expect(byId.rawPayload.includes(pdf.subarray(0, 8))).toBe(false);
    const staffGet = await download(agent, scan.body.id);
    expect(staffGet.statusCode).toBe(200);
    expect(staffGet.headers['content-disposition']).toBe(disposition('attachment', '_____.pdf', '维修派工单.pdf'));
    for (const token of [await t.login('agent2'), await t.ownerLogin(t.a.owners.lina!.portalLogin), await t.login('b_admin')]) {
      const res = await t.request(token, { method: 'GET', url: `/api/cases/${caseId}/attachments` });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CASE_NOT_FOUND');
    }
    expect((await t.request(null, { method: 'GET', url: `/api/cases/${caseId}/attachments` })).status).toBe(401);
  });

  it('an owner cannot attach another user’s attachment to their case (404 ATTACHMENT_NOT_FOUND)', async () => {
    const l = t.a.owners.lina!;
    const lina = await t.ownerLogin(l.portalLogin);
    const own = await t.request(lina, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '门铃坏了', unitId: l.unitId },
    });
    const linaCase = own.body.case.id;
    const eventsBefore = (await t.request(lina, { method: 'GET', url: `/api/cases/${linaCase}/events` })).body.length;

    const stolen = await command(lina, linaCase, { type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [photo.id] });
    expect(stolen.status).toBe(404);
    expect(stolen.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', field: 'attachmentIds' });

    // nor a staff upload that is not yet on any case, nor at case creation
    const staffUpload = await upload(await t.login('agent1'), png(2, 2));
    const staffOne = await command(lina, linaCase, { type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [staffUpload.body.id] });
    expect(staffOne.status).toBe(404);
    expect(staffOne.body.code).toBe('ATTACHMENT_NOT_FOUND');
    const atCreate = await t.request(lina, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'repair',
        channel: 'portal',
        description: '借用别人的照片',
        unitId: l.unitId,
        attachmentIds: [photo.id],
      },
    });
    expect(atCreate.status).toBe(404);
    expect(atCreate.body.code).toBe('ATTACHMENT_NOT_FOUND');
    // an unknown id, and another tenant's upload
    const bUpload = await upload(await t.ownerLogin(t.b.owners.lina!.portalLogin), png());
    for (const id of ['00000000-0000-4000-8000-000000000000', bUpload.body.id]) {
      expect((await command(lina, linaCase, { type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [id] })).body.code).toBe(
        'ATTACHMENT_NOT_FOUND',
      );
    }
    expect((await t.request(lina, { method: 'GET', url: `/api/cases/${linaCase}/events` })).body).toHaveLength(eventsBefore);
    // still nobody outside the first case can read it
    expect((await download(lina, photo.id)).statusCode).toBe(404);
    expect((await download(lina, staffUpload.body.id)).statusCode).toBe(404);
    // her own photo she may attach
    const hers = await upload(lina, png(4, 4));
    expect((await command(lina, linaCase, { type: 'message', direction: 'inbound', content: '见附件', attachmentIds: [hers.body.id] })).status).toBe(200);
    expect((await download(await t.login('agent1'), hers.body.id)).statusCode).toBe(200);
  });

  it('a photo staff attach to the case (a technician’s completion photo) is visible to the case’s owner', async () => {
    const agent = await t.login('agent1');
    const tech = await t.login('tech1');
    await command(agent, caseId, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    await command(tech, caseId, { type: 'arrive' });
    const after = png(1024, 768);
    const up = await upload(tech, after, 'image/png', '维修后.png');
    const done = await command(tech, caseId, { type: 'complete', summary: '更换防水层', attachmentIds: [up.body.id] });
    expect(done.status).toBe(200);
    expect(done.body.case.status).toBe('work_done');
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const got = await download(owner, up.body.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(after)).toBe(true);
    expect((await download(await t.login('agent2'), up.body.id)).statusCode).toBe(404);
    expect((await download(await t.ownerLogin(t.a.owners.lina!.portalLogin), up.body.id)).statusCode).toBe(404);
  });

  it('a file of another case cannot be referenced (404 ATTACHMENT_NOT_FOUND) and stays where it is', async () => {
    const agent2 = await t.login('agent2');
    const bj = await t.request(agent2, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.BINJIANG!.id, type: 'inquiry', channel: 'hotline', description: '滨江的咨询' },
    });
    const events = await t.count('case_events');
    const res = await command(agent2, bj.body.case.id, { type: 'message', direction: 'outbound', content: '转发', attachmentIds: [photo.id] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', field: 'attachmentIds' });
    expect(await t.count('case_events')).toBe(events);
    expect((await download(agent2, photo.id)).statusCode).toBe(404);
    expect((await download(await t.login('agent1'), photo.id)).statusCode).toBe(200);
    const row = await (t.deps.database.db as any).selectFrom('attachments').select(['caseId']).where('id', '=', photo.id).executeTakeFirst();
    expect(row.caseId).toBe(caseId);
  });
});

describe('what a case write may reference', () => {
  it('a colleague’s loose upload is not mine to file (404); my own upload and a file of this case are', async () => {
    const agent1 = await t.login('agent1');
    const frontdesk = await t.login('frontdesk1');
    const created = await t.request(agent1, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '停车位咨询' },
    });
    const id = created.body.case.id;
    const theirs = (await upload(frontdesk, png(2, 2), 'image/png', 'desk.png')).body;
    const mine = (await upload(agent1, png(3, 3), 'image/png', 'mine.png')).body;
    const events = await t.count('case_events');
    const refused = await command(agent1, id, { type: 'add_note', content: '备注', attachmentIds: [theirs.id] });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', field: 'attachmentIds' });
    expect(await t.count('case_events')).toBe(events);
    const filed = await command(agent1, id, { type: 'add_note', content: '备注', attachmentIds: [mine.id] });
    expect(filed.status).toBe(200);
    // once filed with this case, anyone working the case may point at it again
    const again = await command(frontdesk, id, { type: 'add_note', content: '同上图', attachmentIds: [mine.id] });
    expect(again.status).toBe(200);
    expect((await download(frontdesk, mine.id)).statusCode).toBe(200);
    expect((await download(agent1, theirs.id)).statusCode).toBe(404);
  });
});
