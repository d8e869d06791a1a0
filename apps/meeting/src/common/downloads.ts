import { StreamableFile } from '@nestjs/common';

/** A file answered as a download, its name in UTF-8 for browsers that read `filename*` (Vietnamese names). */
export function download(file: { fileName: string; contentType: string; content: Buffer }): StreamableFile {
  const ascii = file.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|"/g, '_');
  return new StreamableFile(file.content, {
    type: file.contentType, length: file.content.length,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}
